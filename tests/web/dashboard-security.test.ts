// The dashboard against attack: hostile text planted in the crawled web never runs in a browser;
// no page or change without a session; no change without the form's token; guessing a password
// locks the account; bad filter values change nothing; security headers on every page; no open
// redirect; `kartla serve` refuses to expose sign-ins in clear; `kartla users` keeps hashes to
// itself and ends sessions on disable.

import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { randomBytes } from 'node:crypto';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { chromium, type Browser, type Page } from 'playwright';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CHROMIUM_ARGS } from '../../src/browser/chromium.ts';
import { openDatabase } from '../../src/store/database.ts';
import { createSession } from '../../src/web/auth/sessions.ts';
import { addUser, listUsers, resetPassword } from '../../src/web/auth/users.ts';
import { buildServer } from '../../src/web/server.ts';
import { BIN, runCli } from '../helpers/run-cli.ts';
import { Client, HOSTILE_NOTE, HOSTILE_SITE_NAME, PASSWORDS, buildDashboardFixture, csrfOf, tableCounts, type DashboardFixture } from './dashboard-fixture.ts';

let f: DashboardFixture;

beforeAll(async () => {
  f = await buildDashboardFixture();
}, 900_000);

afterAll(async () => {
  await f?.close();
});

/** Every page type, as a signed-in admin opens it. */
const pages = () => ['/', '/clusters', `/clusters/${f.hostileClusterId}`, `/profiles/${f.hostileProfileId}`, '/sites', '/notes', '/audit', '/users'];

async function signedIn(name: string): Promise<Client> {
  const c = new Client(f.app);
  const user = await f.db.prisma.appUser.findUniqueOrThrow({ where: { name } });
  c.cookies.set('kartla_session', await createSession(f.db, user.id));
  return c;
}

describe('hostile text from crawled sites', () => {
  let browser: Browser;
  beforeAll(async () => {
    browser = await chromium.launch({ executablePath: '/usr/bin/chromium', args: CHROMIUM_ARGS });
  }, 120_000);
  afterAll(async () => {
    await browser?.close();
  });

  async function loginIn(page: Page, name: keyof typeof PASSWORDS) {
    await page.goto(`${f.base}/login`);
    await page.fill('input[name="name"]', name);
    await page.fill('input[name="password"]', PASSWORDS[name]);
    await Promise.all([page.waitForURL(`${f.base}/`), page.click('button[type="submit"]')]);
  }

  async function inspect(page: Page) {
    return page.evaluate(() => ({
      pwned: (window as unknown as { __pwned?: number }).__pwned ?? null,
      scripts: document.querySelectorAll('script').length,
      handlers: [...document.querySelectorAll('*')].filter((e) => [...e.attributes].some((a) => a.name.toLowerCase().startsWith('on'))).length,
      text: document.body.innerText,
    }));
  }

  for (const role of ['anna', 'olle'] as const) {
    it(`runs no planted script on any page for ${role === 'anna' ? 'an admin' : 'an outreach worker'}`, async () => {
      const context = await browser.newContext();
      const page = await context.newPage();
      const dialogs: string[] = [];
      page.on('dialog', (d) => {
        dialogs.push(d.message());
        void d.dismiss();
      });
      try {
        await loginIn(page, role);
        const paths = ['/', '/clusters', `/clusters?region=${encodeURIComponent(f.region)}`, `/clusters/${f.hostileClusterId}`, `/profiles/${f.hostileProfileId}`, '/sites', '/notes', ...(role === 'anna' ? ['/audit', '/users'] : [])];
        const texts: string[] = [];
        for (const p of paths) {
          const res = await page.goto(`${f.base}${p}`);
          expect(res?.status(), p).toBe(200);
          const raw = await res!.text();
          expect(raw, p).not.toMatch(/<script/i);
          expect(raw, p).not.toMatch(/<img/i);
          const state = await inspect(page);
          expect({ path: p, pwned: state.pwned, scripts: state.scripts, handlers: state.handlers }).toEqual({ path: p, pwned: null, scripts: 0, handlers: 0 });
          texts.push(state.text);
        }
        // The revealed cluster and the revealed profile URL.
        for (const [p, form] of [
          [`/clusters/${f.hostileClusterId}`, '#reveal-form'],
          [`/profiles/${f.hostileProfileId}`, '#reveal-url-form'],
        ] as const) {
          await page.goto(`${f.base}${p}`);
          const [res] = await Promise.all([page.waitForNavigation(), page.locator(`${form} button, ${form} input[type="submit"]`).first().click()]);
          expect(res?.status(), `${p} reveal`).toBe(200);
          expect(await res!.text()).not.toMatch(/<script/i);
          const state = await inspect(page);
          expect({ path: `${p} revealed`, pwned: state.pwned, scripts: state.scripts, handlers: state.handlers }).toEqual({ path: `${p} revealed`, pwned: null, scripts: 0, handlers: 0 });
          texts.push(state.text);
        }
        expect(dialogs).toEqual([]);
        // The hostile text is there, shown as the text it is (so the pages above did show it).
        const all = texts.join('\n');
        expect(all).toContain(HOSTILE_SITE_NAME);
        expect(all).toContain(HOSTILE_NOTE);
      } finally {
        await context.close();
      }
    }, 300_000);
  }
});

describe('without a session', () => {
  it('every page answers 401 and sends a browser on to the login page', async () => {
    const c = new Client(f.app);
    for (const p of [...pages(), '/audit.csv', '/clusters?region=Syd', '/no-such-page']) {
      const res = await c.get(p);
      expect(res.statusCode, p).toBe(401);
      const next = `/login?next=${encodeURIComponent(p)}`;
      expect(res.headers.refresh, p).toBe(`0; url=${next}`);
      expect(res.body, p).toContain(`href="${next.replace(/&/g, '&amp;')}"`);
      expect(res.body).not.toContain(HOSTILE_SITE_NAME);
    }
    // Not a browser: 401 without the page.
    const api = await c.get('/clusters', { headers: { accept: 'application/json' } });
    expect(api.statusCode).toBe(401);
    expect(api.headers.refresh).toBeUndefined();
  });

  it('every post answers 401 and changes nothing', async () => {
    const before = await tableCounts(f.db);
    const c = new Client(f.app);
    // A login page's token is valid for this client, so only the missing session refuses it.
    const token = csrfOf((await c.get('/login')).body);
    for (const p of ['/notes', `/clusters/${f.hostileClusterId}/reveal`, `/profiles/${f.hostileProfileId}/reveal`, '/users/eva/disable', '/logout']) {
      const res = await c.post(p, { _csrf: token, clusterId: String(f.hostileClusterId), status: 'contacted', note: 'x', date: '2026-11-02' });
      expect(res.statusCode, p).toBe(401);
    }
    expect(await tableCounts(f.db)).toEqual(before);
  });
});

describe('forged form posts', () => {
  it('are refused without the form token, with a wrong one or with another browser\'s, and write nothing; the right token works', async () => {
    const olle = await signedIn('olle');
    const other = await signedIn('anna');
    const othersToken = await other.token();
    await olle.token(); // olle's browser has its CSRF cookie, as after any page
    const note = { clusterId: String(f.hostileClusterId), status: 'contacted', note: 'förfalskad / forged', date: '2026-11-03' };
    const count = async () => ({ notes: await f.db.prisma.caseNote.count(), audit: await f.db.prisma.auditEvent.count() });
    const before = await count();
    for (const [label, extra] of [
      ['no token', {}],
      ['wrong token', { _csrf: 'x'.repeat(52) }],
      ['another browser\'s token', { _csrf: othersToken }],
    ] as const) {
      for (const p of ['/notes', `/clusters/${f.hostileClusterId}/reveal`, `/profiles/${f.hostileProfileId}/reveal`]) {
        const res = await olle.post(p, { ...note, ...extra });
        expect(res.statusCode, `${label} ${p}`).toBe(403);
        expect(res.body).not.toMatch(/\+46\d{6,}/);
      }
    }
    // Without a CSRF cookie at all (a browser on another site sends none with SameSite=Strict).
    const bare = new Client(f.app);
    bare.cookies.set('kartla_session', olle.cookies.get('kartla_session')!);
    expect((await bare.post('/notes', { ...note, _csrf: othersToken })).statusCode).toBe(403);
    expect(await count()).toEqual(before);

    // The same post with the right token is taken: the refusals above were the token's doing.
    const ok = await olle.post('/notes', { ...note, _csrf: await olle.token() });
    expect(ok.statusCode).toBe(303);
    expect(ok.headers.location).toBe(`/clusters/${f.hostileClusterId}#notes`);
    expect((await count()).notes).toBe(before.notes + 1);
    const reveal = await olle.post(`/clusters/${f.hostileClusterId}/reveal`, { _csrf: await olle.token() });
    expect(reveal.statusCode).toBe(200);
    expect(reveal.body).toMatch(/class="phone revealed"/);
    // A page with numbers in clear is kept out of caches.
    expect(String(reveal.headers['cache-control'])).toContain('no-store');
    expect((await count()).audit).toBeGreaterThan(before.audit);
  });

  it('an analyst with a valid token may not reveal or write notes (403), and nothing is written', async () => {
    const eva = await signedIn('eva');
    const before = await tableCounts(f.db);
    for (const p of ['/notes', `/clusters/${f.hostileClusterId}/reveal`, `/profiles/${f.hostileProfileId}/reveal`]) {
      const res = await eva.post(p, { _csrf: await eva.token(), clusterId: String(f.hostileClusterId), status: 'contacted', note: 'analytiker', date: '2026-11-03' });
      expect(res.statusCode, p).toBe(403);
      expect(res.body).not.toMatch(/\+46\d{6,}/);
    }
    for (const p of ['/notes', '/audit', '/audit.csv', '/users']) expect((await eva.get(p)).statusCode, p).toBe(403);
    const cluster = await eva.get(`/clusters/${f.hostileClusterId}`);
    expect(cluster.statusCode).toBe(200);
    expect(cluster.body).not.toContain('reveal-form');
    const after = await tableCounts(f.db);
    expect(after).toEqual(before);
  });
});

describe('regions', () => {
  it('an outreach worker of another region may not reveal the cluster (403, nothing audited) and does not see its notes', async () => {
    const cr = await f.db.prisma.clusterRun.findFirstOrThrow({ where: { clusterId: f.hostileClusterId, runId: f.runIds.at(-1)! } });
    const regions = Object.keys((cr.facts as { regionCounts?: Record<string, number> }).regionCounts ?? {});
    const elsewhere = ['Nord', 'Mitt', 'Bergslagen', 'Stockholm', 'Öst', 'Väst', 'Syd'].find((r) => !regions.includes(r))!;
    await addUser(f.db, { name: 'ulla', role: 'outreach', region: elsewhere, password: 'ullas-lösenord-2026' });
    const ulla = await signedIn('ulla');
    const before = await f.db.prisma.auditEvent.count();
    const res = await ulla.post(`/clusters/${f.hostileClusterId}/reveal`, { _csrf: await ulla.token() });
    expect(res.statusCode).toBe(403);
    expect(res.body).not.toMatch(/class="phone revealed"/);
    expect(await f.db.prisma.auditEvent.count()).toBe(before);
    const notes = await ulla.get('/notes');
    expect(notes.statusCode).toBe(200);
    expect(notes.body).not.toContain('window.__pwned = 6');
    // olle, of the cluster's region, sees the note.
    const olle = await signedIn('olle');
    expect((await olle.get('/notes')).body).toContain('window.__pwned = 6');
  });
});

describe('password guessing', () => {
  it('ten wrong passwords lock the account even against the right one; failures are audited with the address; a reset unlocks', async () => {
    const right = 'lås-mig-inte-ute-2026';
    await addUser(f.db, { name: 'lockme', role: 'analyst', region: null, password: right });
    const c = new Client(f.app);
    const failedBefore = await f.db.prisma.auditEvent.count({ where: { action: 'login-failed', target: 'user lockme' } });
    for (let i = 0; i < 10; i++) {
      const res = await c.login('lockme', `fel-lösenord-nummer-${i}`);
      expect(res.statusCode).toBe(401);
      expect(res.headers['set-cookie'] ?? '').not.toMatch(/kartla_session=[^;]/);
    }
    const locked = await c.login('lockme', right);
    expect(locked.statusCode).toBe(401);
    expect(String(locked.headers['set-cookie'] ?? '')).not.toMatch(/kartla_session=[^;]/);
    expect(c.cookies.has('kartla_session')).toBe(false);

    const failed = await f.db.prisma.auditEvent.findMany({ where: { action: 'login-failed', target: 'user lockme' } });
    expect(failed.length - failedBefore).toBe(11);
    expect(new Set(failed.map((e) => e.source))).toEqual(new Set(['127.0.0.1']));
    expect(failed.at(-1)!.detail).toMatchObject({ reason: 'locked' });

    const state = (await listUsers(f.db)).find((u) => u.name === 'lockme')!;
    expect(state.lockedUntil).not.toBeNull();
    expect(state.lockedUntil!.getTime()).toBeGreaterThan(Date.now() + 10 * 60_000);

    await resetPassword(f.db, 'lockme', 'ett-nytt-lösenord-2026');
    expect((await listUsers(f.db)).find((u) => u.name === 'lockme')!.lockedUntil).toBeNull();
    const ok = await c.login('lockme', 'ett-nytt-lösenord-2026');
    expect(ok.statusCode).toBe(303);
    expect(c.cookies.has('kartla_session')).toBe(true);
  }, 120_000);
});

describe('bad filter values', () => {
  const long = 'x'.repeat(10_000);
  const bad: [string, string][] = [
    ['region', 'Narnia'],
    ['region', "Syd' OR '1'='1"],
    ['region', long],
    ['locality', "' ; DROP TABLE cluster; --"],
    ['locality', long],
    ['site', "x' OR 1=1 --"],
    ['site', long],
    ['minSize', 'abc'],
    ['minSize', '1; DROP TABLE cluster'],
    ['minSize', '-5'],
    ['indicator', "'; DELETE FROM audit_event; --"],
    ['indicator', long],
    ['view', 'everything'],
    ['run', 'abc'],
    ['run', '1 OR 1=1'],
    ['page', '-1'],
    ['page', 'abc'],
    ['page', long],
  ];

  it('a good filter is taken (200)', async () => {
    const admin = await signedIn('anna');
    const res = await admin.get(`/clusters?region=${encodeURIComponent(f.region)}&minSize=2&page=1`);
    expect(res.statusCode).toBe(200);
    expect(res.body).toContain('id="clusters-table"');
  });

  it('SQL-like and oversized values in filters and ids answer 400 and change nothing', async () => {
    const admin = await signedIn('anna');
    await admin.get('/clusters'); // renews the session now, not during the checks
    const before = await tableCounts(f.db);
    for (const [name, value] of bad) {
      const res = await admin.get(`/clusters?${name}=${encodeURIComponent(value)}`);
      expect(res.statusCode, `${name}=${value.slice(0, 40)}`).toBe(400);
      expect(res.body).not.toContain(value.length > 100 ? value : `>${value}<`);
    }
    for (const p of [
      `/clusters/${encodeURIComponent('1; DROP TABLE cluster')}`,
      `/clusters/${encodeURIComponent("1' OR '1'='1")}`,
      '/clusters/abc',
      `/clusters/${long}`,
      `/profiles/${encodeURIComponent('1; DELETE FROM profile')}`,
      '/profiles/abc',
      `/profiles/${long}`,
      `/clusters/${long}/reveal`,
    ]) {
      const res = await admin.get(p);
      // A path parameter longer than the router takes is refused before any route: 414 URI Too Long.
      if (p.includes(long)) expect([400, 414], p.slice(0, 60)).toContain(res.statusCode);
      else expect(res.statusCode, p.slice(0, 60)).toBe(400);
    }
    expect(await tableCounts(f.db)).toEqual(before);
  });
});

describe('headers and cookies', () => {
  it('every page carries the security headers', async () => {
    const admin = await signedIn('anna');
    const unsigned = new Client(f.app);
    const answers = [...(await Promise.all(pages().map(async (p) => [p, await admin.get(p)] as const))), ['/login', await unsigned.get('/login')] as const, ['/ (no session)', await unsigned.get('/')] as const];
    for (const [p, res] of answers) {
      if (p !== '/ (no session)') expect(res.statusCode, p).toBe(200);
      const csp = String(res.headers['content-security-policy']);
      expect(csp, p).toMatch(/(^|;)\s*default-src 'none'/);
      expect(csp, p).not.toMatch(/script-src/);
      const frames = String(res.headers['x-frame-options'] ?? '');
      expect(/^(deny|sameorigin)$/i.test(frames) || /frame-ancestors 'none'/.test(csp), p).toBe(true);
      expect(res.headers['referrer-policy'], p).toBe('no-referrer');
      expect(res.headers['x-content-type-options'], p).toBe('nosniff');
      expect(String(res.headers['content-type']), p).toMatch(/^text\/html/);
    }
  });

  it('the session cookie is HttpOnly and SameSite=Strict, and Secure when the server says so', async () => {
    const c = new Client(f.app);
    const res = await c.login('eva', PASSWORDS.eva);
    expect(res.statusCode).toBe(303);
    const cookie = [res.headers['set-cookie']].flat().find((s) => s?.startsWith('kartla_session='))!;
    expect(cookie).toMatch(/;\s*HttpOnly/i);
    expect(cookie).toMatch(/;\s*SameSite=Strict/i);
    expect(cookie).not.toMatch(/;\s*Secure/i);

    const secure = await buildServer({ db: f.db, cookieSecret: randomBytes(32).toString('base64url'), secureCookies: true });
    try {
      const s = new Client(secure);
      const r = await s.login('eva', PASSWORDS.eva);
      expect(r.statusCode).toBe(303);
      const sc = [r.headers['set-cookie']].flat().find((x) => x?.startsWith('kartla_session='))!;
      expect(sc).toMatch(/;\s*HttpOnly/i);
      expect(sc).toMatch(/;\s*SameSite=Strict/i);
      expect(sc).toMatch(/;\s*Secure/i);
      expect(String(r.headers['strict-transport-security'] ?? '')).toMatch(/max-age=\d+/);
    } finally {
      await secure.close();
    }
  }, 60_000);

  it('after sign-in, next= never leads to another site', async () => {
    for (const next of ['//evil.example', 'https://evil.example', '/\\evil.example', 'http:/evil.example', '\\\\evil.example']) {
      const c = new Client(f.app);
      const res = await c.login('anna', PASSWORDS.anna, next);
      expect(res.statusCode, next).toBe(303);
      expect(res.headers.location, next).toBe('/');
    }
    // A path on this server is kept.
    const c = new Client(f.app);
    expect((await c.login('anna', PASSWORDS.anna, '/sites')).headers.location).toBe('/sites');
    // The login page, when already signed in, redirects the same way.
    const again = await c.get('/login?next=%2F%2Fevil.example');
    expect(again.headers.location).toBe('/');
  }, 60_000);
});

/** Runs kartla with a line on standard input (run-cli's children get none). */
function runCliWithStdin(args: string[], input: string, env: NodeJS.ProcessEnv): Promise<{ code: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve, reject) => {
    const childEnv: NodeJS.ProcessEnv = { ...process.env, ...env, CI: 'true', NO_COLOR: '1' };
    delete childEnv.DATABASE_URL;
    const child = spawn(process.execPath, [BIN, ...args], { env: childEnv, stdio: ['pipe', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d) => (stdout += d));
    child.stderr.on('data', (d) => (stderr += d));
    const timer = setTimeout(() => child.kill('SIGKILL'), 120_000);
    child.on('error', reject);
    child.on('close', (code) => {
      clearTimeout(timer);
      resolve({ code, stdout, stderr });
    });
    child.stdin.end(input);
  });
}

describe('the command line', () => {
  let dir: string;
  let env: NodeJS.ProcessEnv;
  beforeAll(() => {
    dir = mkdtempSync(path.join(tmpdir(), 'kartla-web-cli-'));
    env = { KARTLA_DATA_DIR: path.join(dir, 'data') };
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('kartla serve refuses an open address without TLS, bad ports and half a TLS pair (exit 2)', async () => {
    const open = await runCli(['serve', '--host', '0.0.0.0', '--port', '18089'], { env, timeoutMs: 120_000 });
    expect(open.code).toBe(2);
    expect(open.stderr).toContain('--tls-cert');
    expect(open.stderr).toContain('--tls-key');
    expect(open.stderr).toContain('--behind-proxy');
    for (const args of [['--port', '0'], ['--port', 'x'], ['--port', '70000'], ['--tls-cert', path.join(dir, 'cert.pem')]]) {
      const r = await runCli(['serve', ...args], { env, timeoutMs: 120_000 });
      expect(r.code, args.join(' ')).toBe(2);
      expect(r.stderr, args.join(' ')).toMatch(/--port|--tls-cert/);
    }
  }, 300_000);

  it('kartla users: a short password or a taken name is refused (2); list shows no hash; disable ends the sessions', async () => {
    const short = await runCliWithStdin(['users', 'add', 'kort', '--role', 'analyst', '--password-stdin'], 'kort123\n', env);
    expect(short.code).toBe(2);
    expect(short.stderr).toMatch(/12 characters/);
    const good = await runCliWithStdin(['users', 'add', 'karin', '--role', 'outreach', '--region', 'Syd', '--password-stdin'], 'karins-lösenord-2026\n', env);
    expect(good.code, good.stderr).toBe(0);
    const dup = await runCliWithStdin(['users', 'add', 'karin', '--role', 'admin', '--password-stdin'], 'ett-annat-lösenord-2026\n', env);
    expect(dup.code).toBe(2);
    expect(dup.stderr).toContain('exists');

    for (const args of [['users', 'list'], ['users', 'list', '--json']]) {
      const list = await runCli(args, { env, timeoutMs: 120_000 });
      expect(list.code, list.stderr).toBe(0);
      expect(list.stdout).toContain('karin');
      expect(list.stdout).not.toContain('kort');
      expect(list.stdout).not.toMatch(/scrypt|passwordHash|password_hash/i);
    }
    const json = JSON.parse((await runCli(['users', 'list', '--json'], { env, timeoutMs: 120_000 })).stdout) as { name: string; role: string; region: string | null; disabled: boolean }[];
    expect(json).toEqual([expect.objectContaining({ name: 'karin', role: 'outreach', region: 'Syd', disabled: false })]);

    // Sign in on a server over that folder, then disable the account from the command line.
    const signIn = async () => {
      const db = await openDatabase({ dataDir: env.KARTLA_DATA_DIR! });
      const app = await buildServer({ db, cookieSecret: randomBytes(32).toString('base64url'), secureCookies: false });
      return { db, app, async close() { await app.close(); await db.close(); } };
    };
    let s = await signIn();
    const c = new Client(s.app);
    try {
      expect((await c.login('karin', 'karins-lösenord-2026')).statusCode).toBe(303);
      expect((await c.get('/no-such-page')).statusCode).toBe(404); // signed in: the page is looked for
    } finally {
      await s.close();
    }
    const disable = await runCli(['users', 'disable', 'karin'], { env, timeoutMs: 120_000 });
    expect(disable.code, disable.stderr).toBe(0);
    expect((await runCli(['users', 'list'], { env, timeoutMs: 120_000 })).stdout).toMatch(/karin.*disabled/);
    s = await signIn();
    try {
      const c2 = new Client(s.app);
      for (const [k, v] of c.cookies) c2.cookies.set(k, v);
      expect((await c2.get('/no-such-page')).statusCode).toBe(401);
      expect((await c2.login('karin', 'karins-lösenord-2026')).statusCode).toBe(401);
      expect(await s.db.prisma.webSession.count()).toBe(0);
    } finally {
      await s.close();
    }
    expect((await runCli(['users', 'disable', 'ingen'], { env, timeoutMs: 120_000 })).code).toBe(2);
  }, 600_000);
});
