// assessRunHealth against a real database on both drivers: site_run.health stored, alerts stored
// once however often a run is assessed, webhook delivery (a local HTTP server) and its failures
// recorded on the alert, never thrown.

import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { IncomingMessage } from 'node:http';
import { alertSettingsSchema, type AlertSettings } from '../../src/config/sites-schema.ts';
import { assessRunHealth, readRunHealth } from '../../src/health/assess.ts';
import type { NormalisedProfile } from '../../src/model/profile.ts';
import { finishRun, finishSiteRun, startRun, startSiteRun, upsertSites, writeSnapshots, type SiteRunResult } from '../../src/store/run-store.ts';
import { closedPort, startLocalServer, type LocalServer } from '../helpers/local-server.ts';
import { describeDrivers, openTestDatabase, type TestDatabase } from '../helpers/test-databases.ts';
import { makeProfile } from '../store/fixtures.ts';

const DEFAULTS = alertSettingsSchema.parse({});
const FAST = { retryDelayMs: 10, timeoutMs: 500 };

const profiles = (siteId: string, count: number, overrides: Partial<NormalisedProfile> = {}) =>
  Array.from({ length: count }, (_, i) => makeProfile(siteId, i, overrides));

type SiteInput = { profiles: NormalisedProfile[] } & Partial<SiteRunResult>;

async function mapRun(db: TestDatabase, sites: Record<string, SiteInput>): Promise<number> {
  const run = await startRun(db, { label: null });
  for (const [siteId, input] of Object.entries(sites)) {
    const sr = await startSiteRun(db, run.id, siteId);
    await writeSnapshots(db, { runId: run.id, siteRunId: sr.id, siteId }, input.profiles);
    const { profiles: list, ...result } = input;
    await finishSiteRun(db, sr.id, { status: 'ok', pagesFetched: list.length + 5, profilesFound: list.length, errorCount: 0, errors: [], failureReason: null, durationMs: 1, ...result });
  }
  const statuses = Object.values(sites).map((s) => s.status ?? 'ok');
  await finishRun(db, run.id, statuses.every((s) => s === 'ok') ? 'completed' : 'partial');
  return run.id;
}

async function readBody(req: IncomingMessage): Promise<string> {
  let body = '';
  for await (const chunk of req) body += chunk;
  return body;
}

describeDrivers('assessRunHealth', (driver) => {
  let db: TestDatabase;
  let baselineRun: number;
  let driftRun: number;
  let server: LocalServer | null = null;

  beforeAll(async () => {
    db = await openTestDatabase(driver);
    await upsertSites(db, [
      { id: 'alpha', name: 'Alpha' },
      { id: 'beta', name: 'Beta' },
      { id: 'gamma', name: 'Gamma' },
    ]);
    baselineRun = await mapRun(db, { alpha: { profiles: profiles('alpha', 40) }, beta: { profiles: profiles('beta', 30) }, gamma: { profiles: profiles('gamma', 25) } });
    driftRun = await mapRun(db, {
      // alpha's phones vanish, beta loses two thirds of its profiles, gamma cannot be read at all.
      alpha: { profiles: profiles('alpha', 40, { phones: [] }) },
      beta: { profiles: profiles('beta', 10) },
      gamma: {
        profiles: [],
        status: 'failed',
        pagesFetched: 0,
        errorCount: 12,
        errors: Array.from({ length: 12 }, (_, i) => ({ url: `https://gamma.example/annons/${i}`, reason: `HTTP 403: https://gamma.example/annons/${i}`, kind: 'http-status' })),
        failureReason: 'no page could be read (http-status: HTTP 403: https://gamma.example/annonser)',
      },
    });
  });
  afterEach(async () => {
    await server?.close();
    server = null;
  });
  afterAll(async () => {
    await db?.drop();
  });

  it('raises nothing on a first run, and stores each site run\'s health', async () => {
    expect(await assessRunHealth(db, baselineRun, DEFAULTS)).toEqual([]);
    const report = await readRunHealth(db, baselineRun);
    expect(report.sites.map((s) => [s.siteId, s.health?.profiles, s.health?.fillRates?.phone, s.health?.baselineRunIds])).toEqual([
      ['alpha', 40, 1, []],
      ['beta', 30, 1, []],
      ['gamma', 25, 1, []],
    ]);
  });

  it('raises the drift, failure and blocking alerts of a run and POSTs each to the webhook', async () => {
    const received: Record<string, unknown>[] = [];
    server = await startLocalServer((req, res) => {
      void readBody(req).then((body) => {
        received.push({ ...(JSON.parse(body) as Record<string, unknown>), contentType: req.headers['content-type'], method: req.method });
        res.writeHead(204).end();
      });
    });
    const settings: AlertSettings = { ...DEFAULTS, webhook: `${server.url}/hooks/alerts` };
    const alerts = await assessRunHealth(db, driftRun, settings, FAST);
    expect(alerts.map((a) => [a.siteId, a.kind, a.severity, a.message])).toEqual([
      ['alpha', 'fill-rate-drop', 'critical', 'site alpha: phone fill rate 1.00 → 0.00 vs last run: the adapter may be out of date'],
      ['beta', 'profiles-drop', 'warning', 'site beta: profiles -67% vs last run (30 → 10)'],
      ['gamma', 'site-failed', 'critical', 'site gamma: failed: no page could be read (http-status: HTTP 403: gamma.example)'],
      ['gamma', 'blocking', 'critical', 'site gamma: signs of blocking: 12 of 12 errors were HTTP 403/429'],
    ]);
    for (const a of alerts) {
      expect(a.notifiedAt).toBeInstanceOf(Date);
      expect(a.notifyError).toBeNull();
    }
    expect(received).toHaveLength(4);
    expect(received[1]).toEqual({
      source: 'kartla',
      alertId: alerts[1]!.id,
      runId: driftRun,
      siteId: 'beta',
      kind: 'profiles-drop',
      severity: 'warning',
      message: 'site beta: profiles -67% vs last run (30 → 10)',
      text: 'site beta: profiles -67% vs last run (30 → 10)',
      metrics: { profiles: 10, baseline: 30, drop: 0.667, baselineRuns: 1, threshold: 0.5 },
      createdAt: alerts[1]!.createdAt.toISOString(),
      contentType: 'application/json',
      method: 'POST',
    });
    const health = (await readRunHealth(db, driftRun)).sites.find((s) => s.siteId === 'gamma')!.health!;
    expect(health).toMatchObject({ status: 'failed', errors: 12, errorsByKind: { 'http-status': 12 }, httpStatuses: { '403': 12 }, blocking: { storm: true, blockedErrors: 12 } });
  });

  it('replaces the alerts when a run is assessed again, and does not send them twice', async () => {
    const before = await readRunHealth(db, driftRun);
    server = await startLocalServer((_req, res) => res.writeHead(204).end());
    const again = await assessRunHealth(db, driftRun, { ...DEFAULTS, webhook: server.url }, FAST);
    expect(again.map((a) => a.message)).toEqual(before.alerts.map((a) => a.message));
    expect((await readRunHealth(db, driftRun)).alerts).toHaveLength(4);
    expect(server.hits).toEqual([]);
    expect(again.every((a) => a.notifiedAt !== null)).toBe(true);
    // Stricter thresholds: the same run now raises fewer alerts, and only those are kept.
    const strict = await assessRunHealth(db, driftRun, { ...DEFAULTS, profileDrop: 0.7 });
    expect(strict.map((a) => a.kind)).toEqual(['fill-rate-drop', 'site-failed', 'blocking']);
    expect((await readRunHealth(db, driftRun)).alerts).toHaveLength(3);
  });

  describe('a webhook that fails', () => {
    it('answering 500: retried once, recorded on the alert, the assessment still succeeds', async () => {
      await db.prisma.alert.deleteMany({ where: { runId: driftRun } });
      server = await startLocalServer((_req, res) => res.writeHead(500).end('down'));
      const alerts = await assessRunHealth(db, driftRun, { ...DEFAULTS, webhook: `${server.url}/secret-token-123` }, FAST);
      expect(alerts).toHaveLength(4);
      for (const a of alerts) {
        expect(a.notifiedAt).toBeNull();
        expect(a.notifyError).toBe('the webhook answered HTTP 500 (tried twice)');
      }
      expect(server.hits).toHaveLength(8);
    });

    it('unreachable, or too slow: recorded without naming the URL', async () => {
      const port = await closedPort();
      const unreachable = await assessRunHealth(db, driftRun, { ...DEFAULTS, webhook: `http://127.0.0.1:${port}/token` }, FAST);
      expect(unreachable[0]!.notifyError).toMatch(/^the webhook could not be reached \(ECONNREFUSED\) \(tried twice\)$/);

      server = await startLocalServer(() => {
        /* never answers */
      });
      const slow = await assessRunHealth(db, driftRun, { ...DEFAULTS, webhook: server.url }, { retryDelayMs: 10, timeoutMs: 150 });
      expect(slow[0]!.notifyError).toBe('the webhook did not answer within 150 ms (tried twice)');
      expect(slow.every((a) => !a.notifyError?.includes('127.0.0.1'))).toBe(true);
    });

    it('a webhook that comes back later hears of the alerts it missed', async () => {
      server = await startLocalServer((_req, res) => res.writeHead(200).end('ok'));
      const alerts = await assessRunHealth(db, driftRun, { ...DEFAULTS, webhook: server.url }, FAST);
      expect(alerts.every((a) => a.notifiedAt !== null && a.notifyError === null)).toBe(true);
      expect(server.hits).toHaveLength(4);
    });
  });

  it('compares only with comparable earlier runs: a blocked run is not a baseline', async () => {
    // beta was blocked in this run (not comparable); the next run is compared with the first.
    const blocked = await mapRun(db, {
      beta: {
        profiles: profiles('beta', 29),
        status: 'partial',
        errorCount: 20,
        errors: Array.from({ length: 20 }, (_, i) => ({ url: `https://beta.example/${i}`, reason: `HTTP 429 (rate limited): https://beta.example/${i}`, kind: 'other' })),
      },
    });
    expect((await assessRunHealth(db, blocked, DEFAULTS)).map((a) => a.kind)).toEqual(['blocking']);
    const next = await mapRun(db, { beta: { profiles: profiles('beta', 28) } });
    expect(await assessRunHealth(db, next, DEFAULTS)).toEqual([]);
    const report = await readRunHealth(db, next);
    expect(report.sites[0]!.health!.baselineRunIds).toEqual([driftRun, baselineRun]);
  });
});
