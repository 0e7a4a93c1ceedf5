// Reads over stored runs on both drivers: the export contract, run listings, run lookup, phone stats.

import { afterEach, beforeEach, expect, it } from 'vitest';
import { EXPORT_KEYS, type ExportRecord } from '../../src/model/export-record.ts';
import { InvalidRunRefError, NoRunsError, RunNotFoundError } from '../../src/store/errors.ts';
import { exportRecords, getRun, listRuns, resolveRunId, runPhoneStats } from '../../src/store/run-queries.ts';
import {
  finishRun,
  finishSiteRun,
  startRun,
  startSiteRun,
  upsertSites,
  writeSnapshots,
  type SnapshotContext,
} from '../../src/store/run-store.ts';
import { describeDrivers, openTestDatabase, type TestDatabase } from '../helpers/test-databases.ts';
import { fictionalPhone, makeProfile, phoneInfo, location } from './fixtures.ts';

const finished = (status: 'ok' | 'partial' | 'failed', pages: number, errors: number) => ({
  status,
  pagesFetched: pages,
  profilesFound: 0,
  errorCount: errors,
  errors: [],
  failureReason: status === 'failed' ? 'site down' : null,
  durationMs: 5,
});

async function collect(gen: AsyncGenerator<ExportRecord>): Promise<ExportRecord[]> {
  const out: ExportRecord[] = [];
  for await (const record of gen) out.push(record);
  return out;
}

describeDrivers('run queries', (driver) => {
  let db: TestDatabase;

  beforeEach(async () => {
    db = await openTestDatabase(driver);
  });
  afterEach(async () => {
    await db?.drop();
  });

  async function runWithSites(siteIds: string[], label: string | null = null): Promise<{ runId: number; ctx: Record<string, SnapshotContext> }> {
    await upsertSites(db, siteIds.map((id) => ({ id, name: id.toUpperCase() })));
    const run = await startRun(db, { label });
    const ctx: Record<string, SnapshotContext> = {};
    for (const siteId of siteIds) ctx[siteId] = { runId: run.id, siteRunId: (await startSiteRun(db, run.id, siteId)).id, siteId };
    return { runId: run.id, ctx };
  }

  it('exports one record per snapshot with every key of the contract, nulls kept, in site then stored order', async () => {
    const { runId, ctx } = await runWithSites(['bravo', 'alpha']);
    const t = new Date('2026-11-03T12:00:00.000Z');
    await writeSnapshots(db, ctx.bravo!, [
      makeProfile('bravo', 2, { url: 'https://bravo.example/b', observedAt: t }),
      makeProfile('bravo', 1, { url: 'https://bravo.example/a', observedAt: t, phones: [phoneInfo(12), phoneInfo(3), phoneInfo(7)] }),
    ]);
    const bare = makeProfile('alpha', 9, {
      url: 'https://alpha.example/z',
      key: 'url:https://alpha.example/z',
      externalId: null,
      observedAt: t,
      age: null,
      gender: 'unknown',
      location: location({ raw: null, locality: null, kommunCode: null, lanCode: null, policeRegion: null }),
      phones: [],
      descriptionHash: null,
      rawFields: {},
    });
    await writeSnapshots(db, ctx.alpha!, [bare, makeProfile('alpha', 1, {
        url: 'https://alpha.example/m',
        observedAt: t,
        contacts: [
          { kind: 'telegram', value: 'alpha_m_test', source: 'text' },
          { kind: 'email', value: 'm@alpha.example', source: 'mailto-link' },
        ],
      }),
    ]);

    const records = await collect(exportRecords(db, runId, { reveal: true }));

    // Site by site, each in the order its profiles were stored (URLs are encrypted: they give no order).
    expect(records.map((r) => [r.site, r.url])).toEqual([
      ['alpha', 'https://alpha.example/m'],
      ['alpha', 'https://alpha.example/z'],
      ['bravo', 'https://bravo.example/a'],
      ['bravo', 'https://bravo.example/b'],
    ]);
    for (const record of records) expect(Object.keys(record)).toEqual([...EXPORT_KEYS]);
    expect(records[1]).toEqual({
      site: 'alpha',
      url: 'https://alpha.example/z',
      externalId: null,
      observedAt: '2026-11-03T12:00:00.000Z',
      age: null,
      gender: 'unknown',
      locality: null,
      kommunCode: null,
      lanCode: null,
      policeRegion: null,
      phones: [],
      clusterId: null,
      firstSeen: '2026-11-03T12:00:00.000Z',
      lastSeen: '2026-11-03T12:00:00.000Z',
      ageBand: 'unknown',
      minorCue: false,
      lat: null,
      lon: null,
      contacts: [],
      combinedClusterId: null,
    });
    expect(records[0]!.contacts).toEqual(['email:m@alpha.example', 'telegram:alpha_m_test']);
    expect(records[2]).toMatchObject({
      externalId: '1',
      age: 21,
      gender: 'woman',
      locality: 'Stockholm',
      kommunCode: '0180',
      lanCode: '01',
      policeRegion: 'Stockholm',
      phones: [fictionalPhone(3), fictionalPhone(7), fictionalPhone(12)],
      lat: 59.33,
      lon: 18.07,
    });
    // A JSON line keeps the nulls too: nothing is omitted on the way out.
    expect(Object.keys(JSON.parse(JSON.stringify(records[1])))).toEqual([...EXPORT_KEYS]);

    // Without reveal: the same records, numbers and contacts as keyed hashes, no URL.
    const hidden = await collect(exportRecords(db, runId));
    expect(hidden.map((r) => r.url)).toEqual([null, null, null, null]);
    const hash = (kind: string, v: string) => `hash:${db.cipher.hash(kind, v)}`;
    expect(hidden[2]!.phones).toEqual([fictionalPhone(3), fictionalPhone(7), fictionalPhone(12)].map((n) => hash('phone', n)).sort());
    expect(hidden[0]!.contacts).toEqual([`email:${hash('email', 'm@alpha.example')}`, `telegram:${hash('telegram', 'alpha_m_test')}`].sort());
    expect(JSON.stringify(hidden)).not.toMatch(/\+46\d|alpha\.example|alpha_m_test/);
    expect(hidden.map(({ url: _u, phones: _p, contacts: _c, ...rest }) => rest)).toEqual(records.map(({ url: _u, phones: _p, contacts: _c, ...rest }) => rest));
  });

  it('exports first and last seen from the whole history, and each run its own observation', async () => {
    const t1 = new Date('2026-10-01T00:00:00.000Z');
    const t2 = new Date('2026-11-01T00:00:00.000Z');
    const first = await runWithSites(['alpha']);
    await writeSnapshots(db, first.ctx.alpha!, [makeProfile('alpha', 1, { observedAt: t1 })]);
    await finishSiteRun(db, first.ctx.alpha!.siteRunId, finished('ok', 1, 0));
    await finishRun(db, first.runId, 'completed');
    const run2 = await startRun(db, {});
    const ctx2 = { runId: run2.id, siteRunId: (await startSiteRun(db, run2.id, 'alpha')).id, siteId: 'alpha' };
    await writeSnapshots(db, ctx2, [makeProfile('alpha', 1, { observedAt: t2 })]);

    const [old] = await collect(exportRecords(db, first.runId));
    const [recent] = await collect(exportRecords(db, run2.id));

    expect(old).toMatchObject({ observedAt: t1.toISOString(), firstSeen: t1.toISOString(), lastSeen: t2.toISOString() });
    expect(recent).toMatchObject({ observedAt: t2.toISOString(), firstSeen: t1.toISOString(), lastSeen: t2.toISOString() });
  });

  it('pages through a large run without losing or repeating a record, also across equal URLs, site by site', async () => {
    const { runId, ctx } = await runWithSites(['alpha', 'bravo']);
    const shuffled = (siteId: string, n: number) =>
      Array.from({ length: n }, (_, i) => makeProfile(siteId, (i * 37) % n, { url: `https://${siteId}.example/p/${String((i * 37) % n).padStart(3, '0')}` }));
    await writeSnapshots(db, ctx.alpha!, shuffled('alpha', 50));
    await writeSnapshots(db, ctx.bravo!, shuffled('bravo', 23));
    // Two profiles of one site (different keys) listed under one URL.
    await writeSnapshots(db, ctx.bravo!, [
      makeProfile('bravo', 900, { url: 'https://bravo.example/p/005', key: 'url:dup-a' }),
      makeProfile('bravo', 901, { url: 'https://bravo.example/p/005', key: 'url:dup-b' }),
    ]);

    const all = await collect(exportRecords(db, runId, { batchSize: 1000, reveal: true }));
    for (const batchSize of [1, 4, 25, 50]) {
      expect(await collect(exportRecords(db, runId, { batchSize, reveal: true }))).toEqual(all);
    }
    expect(all).toHaveLength(75);
    const sites = all.map((r) => r.site);
    expect(sites).toEqual([...sites].sort());
    expect(new Set(all.map((r) => `${r.site} ${r.externalId}`)).size).toBe(75);
  });

  it('refuses to export a run that does not exist', async () => {
    await expect(collect(exportRecords(db, 12345))).rejects.toBeInstanceOf(RunNotFoundError);
  });

  it('lists runs newest first with their site, profile, page and error counts', async () => {
    const a = await runWithSites(['s-ok', 's-partial', 's-failed', 's-cut'], 'first');
    await writeSnapshots(db, a.ctx['s-ok']!, [makeProfile('s-ok', 1), makeProfile('s-ok', 2), makeProfile('s-ok', 1)]);
    await writeSnapshots(db, a.ctx['s-partial']!, [makeProfile('s-partial', 1)]);
    await finishSiteRun(db, a.ctx['s-ok']!.siteRunId, finished('ok', 10, 0));
    await finishSiteRun(db, a.ctx['s-partial']!.siteRunId, finished('partial', 5, 2));
    await finishSiteRun(db, a.ctx['s-failed']!.siteRunId, finished('failed', 1, 1));
    await finishRun(db, a.runId, 'partial');
    const b = await startRun(db, { label: null });

    const runs = await listRuns(db);

    expect(runs.map((r) => r.id)).toEqual([b.id, a.runId]);
    expect(runs[1]).toEqual({
      id: a.runId,
      label: 'first',
      status: 'partial',
      startedAt: expect.any(Date),
      finishedAt: expect.any(Date),
      sites: 4,
      sitesOk: 1,
      sitesPartial: 1,
      sitesFailed: 1,
      sitesInterrupted: 1,
      profiles: 3,
      pages: 16,
      errors: 3,
    });
    expect(runs[0]).toMatchObject({ id: b.id, label: null, status: 'running', finishedAt: null, sites: 0, profiles: 0, pages: 0, errors: 0 });
    expect(await listRuns(db, { limit: 1 })).toEqual([runs[0]]);
  });

  it('resolves run references, and says what to do when one does not resolve', async () => {
    await expect(resolveRunId(db, 'latest')).rejects.toBeInstanceOf(NoRunsError);
    await expect(resolveRunId(db, 'latest')).rejects.toThrow(/kartla runs/);
    const first = await startRun(db, {});
    const second = await startRun(db, {});

    expect(await resolveRunId(db, 'latest')).toBe(second.id);
    expect(await resolveRunId(db, 'LATEST')).toBe(second.id);
    expect(await resolveRunId(db, String(first.id))).toBe(first.id);
    expect(await resolveRunId(db, ` ${first.id} `)).toBe(first.id);
    for (const unknown of ['999', '99999999999999999999']) {
      await expect(resolveRunId(db, unknown)).rejects.toBeInstanceOf(RunNotFoundError);
      await expect(resolveRunId(db, unknown)).rejects.toThrow(/kartla runs/);
    }
    for (const bad of ['abc', '-1', '1.5', '', 'last']) {
      await expect(resolveRunId(db, bad)).rejects.toBeInstanceOf(InvalidRunRefError);
      await expect(resolveRunId(db, bad)).rejects.toThrow(/kartla runs/);
    }
  });

  it('gets a run with its site runs, and refuses an unknown id', async () => {
    const { runId } = await runWithSites(['bravo', 'alpha']);
    const run = await getRun(db, runId);
    expect(run.siteRuns.map((s) => s.siteId)).toEqual(['alpha', 'bravo']);
    await expect(getRun(db, runId + 1)).rejects.toBeInstanceOf(RunNotFoundError);
  });

  it('counts distinct phones per site and in total, and phones shared by two or more profiles', async () => {
    const { runId, ctx } = await runWithSites(['alpha', 'bravo', 'charlie']);
    await writeSnapshots(db, ctx.alpha!, [
      makeProfile('alpha', 1, { phones: [phoneInfo(1), phoneInfo(2)] }),
      makeProfile('alpha', 2, { phones: [phoneInfo(2)] }),
    ]);
    await writeSnapshots(db, ctx.bravo!, [
      makeProfile('bravo', 1, { phones: [phoneInfo(2), phoneInfo(3)] }),
      makeProfile('bravo', 2, { phones: [] }),
    ]);
    // Another run's phones do not count.
    const other = await runWithSites(['delta']);
    await writeSnapshots(db, other.ctx.delta!, [makeProfile('delta', 1, { phones: [phoneInfo(3), phoneInfo(4)] })]);

    expect(await runPhoneStats(db, runId)).toEqual({
      totalPhones: 3,
      perSite: [
        { siteId: 'alpha', phones: 2 },
        { siteId: 'bravo', phones: 2 },
        { siteId: 'charlie', phones: 0 },
      ],
      sharedPhones: 1,
    });
  });
});
