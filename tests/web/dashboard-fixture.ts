// The dashboard's test world, built once per test file: a small national synthetic web mapped for
// two years with hostile text planted in a site's name, in places and in ad texts (as
// tests/report/report-privacy.test.ts plants it), three accounts (admin, analyst, outreach), a
// hostile case note and audit entry, and the real server listening on 127.0.0.1.

import { randomBytes } from 'node:crypto';
import type { FastifyInstance } from 'fastify';
import { expect } from 'vitest';
import { runMapping } from '../../src/crawl/mapping-run.ts';
import { DEMO_CRAWL, demoSitesAsResolved } from '../../src/demo/as-sites.ts';
import { startNationalWeb } from '../../src/demo/national/server.ts';
import { recordAudit } from '../../src/store/audit-log.ts';
import { addUser } from '../../src/web/auth/users.ts';
import { buildServer } from '../../src/web/server.ts';
import { openTestDatabase, type TestDatabase } from '../helpers/test-databases.ts';

export const HOSTILE_SITE_NAME = '<script>window.__pwned = 1</script>Sajt "A" & <img src=x onerror="window.__pwned = 2">';
export const PLACE_SUFFIX = '<script>window.__pwned = 3</script>';
export const TEXT_TAIL = ' <script>window.__pwned = 4</script><img src=x onerror="window.__pwned = 5"> ';
export const HOSTILE_NOTE = 'Ringde <script>window.__pwned = 6</script><img src=x onerror="window.__pwned = 7"> "tack"';
export const HOSTILE_ACTOR = 'web:<script>window.__pwned = 8</script>';

export const PASSWORDS = { anna: 'anna-admin-lösen-2026', eva: 'eva-analys-lösen-2026', olle: 'olle-uppsök-lösen-2026' } as const;
export const REGIONS = ['Nord', 'Mitt', 'Bergslagen', 'Stockholm', 'Öst', 'Väst', 'Syd'] as const;

export interface DashboardFixture {
  db: TestDatabase;
  app: FastifyInstance;
  /** http://127.0.0.1:<port> */
  base: string;
  runIds: number[];
  /** The police region with the most clusters in the newest run: the outreach worker's. */
  region: string;
  hostileSiteId: string;
  /** A cluster of the newest run with at least two members, one on the hostile site. */
  hostileClusterId: number;
  /** A profile on the hostile site, a member of hostileClusterId. */
  hostileProfileId: number;
  close(): Promise<void>;
}

export async function buildDashboardFixture(opts: { secureCookies?: boolean } = {}): Promise<DashboardFixture> {
  const db = await openTestDatabase('pglite');
  const runIds: number[] = [];
  let hostileSiteId = '';
  for (const year of [2025, 2026]) {
    const web = await startNationalWeb({
      seed: 9,
      sites: 6,
      profiles: 300,
      year,
      alterWorld: (world) => {
        for (const [i, p] of world.profiles.entries()) {
          if (i % 3 === 0) p.locality = `${p.locality}${PLACE_SUFFIX}`;
          if (i % 2 === 0) p.description = `${p.description}${TEXT_TAIL}`;
        }
      },
    });
    try {
      const sites = demoSitesAsResolved(web).map((s, i) => (i === 0 ? { ...s, name: HOSTILE_SITE_NAME } : s));
      hostileSiteId = sites[0]!.id;
      const run = await runMapping({ db, sites, crawl: DEMO_CRAWL, siteConcurrency: 8, label: `dashboard ${year}`, clustering: { ignorePhones: web.world.collisionNumbers } });
      expect(run.status).toBe('completed');
      runIds.push(run.runId);
    } finally {
      await web.close();
    }
  }
  const lastRun = runIds.at(-1)!;

  // The region with the most clusters in the newest run.
  const clusterRuns = await db.prisma.clusterRun.findMany({ where: { runId: lastRun } });
  const perRegion = new Map<string, number>();
  for (const cr of clusterRuns) {
    const counts = ((cr.facts as { regionCounts?: Record<string, number> }).regionCounts ?? {}) as Record<string, number>;
    for (const r of Object.keys(counts)) perRegion.set(r, (perRegion.get(r) ?? 0) + 1);
  }
  const region = [...perRegion.entries()].sort((a, b) => b[1] - a[1])[0]![0];
  expect(REGIONS).toContain(region);

  // A cluster of two or more with a member on the hostile site, in that region if there is one.
  const members = await db.prisma.clusterMember.findMany({ where: { runId: lastRun, profile: { siteId: hostileSiteId } }, select: { clusterId: true, profileId: true } });
  const sizeOf = new Map(clusterRuns.map((cr) => [cr.clusterId, cr]));
  const candidates = members
    .filter((m) => (sizeOf.get(m.clusterId)?.size ?? 0) >= 2)
    .sort((a, b) => {
      const inRegion = (id: number) => (((sizeOf.get(id)!.facts as { regionCounts?: Record<string, number> }).regionCounts ?? {})[region] ? 1 : 0);
      return inRegion(b.clusterId) - inRegion(a.clusterId) || a.clusterId - b.clusterId;
    });
  expect(candidates.length).toBeGreaterThan(0);
  const hostileClusterId = candidates[0]!.clusterId;
  const hostileProfileId = candidates[0]!.profileId;

  await addUser(db, { name: 'anna', role: 'admin', region: null, password: PASSWORDS.anna });
  await addUser(db, { name: 'eva', role: 'analyst', region: null, password: PASSWORDS.eva });
  const olle = await addUser(db, { name: 'olle', role: 'outreach', region, password: PASSWORDS.olle });
  // Hostile text where users write it, and in the audit log.
  await db.prisma.caseNote.create({ data: { clusterId: hostileClusterId, status: 'contacted', note: HOSTILE_NOTE, noteDate: '2026-11-01', authorId: olle.id, region } });
  await recordAudit(db, { actor: HOSTILE_ACTOR, action: 'login-failed', target: 'user <b>x</b>', source: '127.0.0.1' });

  const app = await buildServer({ db, cookieSecret: randomBytes(32).toString('base64url'), secureCookies: opts.secureCookies ?? false });
  await app.listen({ port: 0, host: '127.0.0.1' });
  const address = app.server.address();
  if (!address || typeof address === 'string') throw new Error('the server has no port');
  return {
    db,
    app,
    base: `http://127.0.0.1:${address.port}`,
    runIds,
    region,
    hostileSiteId,
    hostileClusterId,
    hostileProfileId,
    async close() {
      await app.close();
      await db.drop();
    },
  };
}

/** Rows of every table of the database, by name: equal before and after means nothing changed. */
export async function tableCounts(db: TestDatabase): Promise<Record<string, number>> {
  const tables = await db.prisma.$queryRawUnsafe<{ name: string }[]>(
    `SELECT table_name AS name FROM information_schema.tables WHERE table_schema = current_schema() AND table_type = 'BASE TABLE' ORDER BY table_name`,
  );
  const out: Record<string, number> = {};
  for (const { name } of tables) {
    const [row] = await db.prisma.$queryRawUnsafe<{ n: number }[]>(`SELECT count(*)::int AS n FROM "${name.replace(/"/g, '""')}"`);
    out[name] = Number(row!.n);
  }
  return out;
}

/** The CSRF token of the first form on a page. */
export function csrfOf(html: string): string {
  const m = /name="_csrf" value="([^"]+)"/.exec(html);
  if (!m) throw new Error(`no CSRF token on the page:\n${html.slice(0, 500)}`);
  return m[1]!;
}

interface InjectOptions {
  form?: Record<string, string>;
  headers?: Record<string, string>;
}

/** A cookie jar around app.inject: a browser without a browser. */
export class Client {
  readonly cookies = new Map<string, string>();
  constructor(readonly app: FastifyInstance) {}

  async request(method: 'GET' | 'POST', url: string, opts: InjectOptions = {}) {
    const headers: Record<string, string> = { accept: 'text/html', ...opts.headers };
    if (this.cookies.size > 0) headers.cookie = [...this.cookies].map(([k, v]) => `${k}=${v}`).join('; ');
    let payload: string | undefined;
    if (opts.form) {
      payload = new URLSearchParams(opts.form).toString();
      headers['content-type'] = 'application/x-www-form-urlencoded';
    }
    const res = await this.app.inject({ method, url, headers, ...(payload !== undefined ? { payload } : {}) });
    const set = res.headers['set-cookie'];
    for (const c of set === undefined ? [] : Array.isArray(set) ? set : [set]) {
      const [pair] = c.split(';');
      const eq = pair!.indexOf('=');
      const name = pair!.slice(0, eq).trim();
      const value = pair!.slice(eq + 1).trim();
      if (value === '' || /max-age=0|expires=thu, 01 jan 1970/i.test(c)) this.cookies.delete(name);
      else this.cookies.set(name, value);
    }
    return res;
  }

  get(url: string, opts: InjectOptions = {}) {
    return this.request('GET', url, opts);
  }

  post(url: string, form: Record<string, string>, opts: InjectOptions = {}) {
    return this.request('POST', url, { ...opts, form });
  }

  /** Signs in through the login form (GET for its token, then POST); returns the POST's answer. */
  async login(name: string, password: string, next?: string) {
    const form = await this.get('/login');
    return this.post('/login', { name, password, _csrf: csrfOf(form.body), ...(next !== undefined ? { next } : {}) });
  }

  /** A fresh CSRF token of a signed-in client: every page (a 404 too) carries one in its logout form. */
  async token(path = '/no-such-page') {
    const res = await this.get(path);
    return csrfOf(res.body);
  }
}
