// The writes of a run's life on both drivers, against real databases.

import { afterAll, beforeAll, expect, it } from 'vitest';
import { getRun } from '../../src/store/run-queries.ts';
import {
  finishRun,
  finishSiteRun,
  markInterrupted,
  startRun,
  startSiteRun,
  upsertSites,
  writeSnapshots,
  type SnapshotContext,
} from '../../src/store/run-store.ts';
import { RunContextError, RunNotFoundError, RunNotWritableError } from '../../src/store/errors.ts';
import { describeDrivers, openTestDatabase, type TestDatabase } from '../helpers/test-databases.ts';
import { fictionalPhone, makeProfile, phoneInfo, location } from './fixtures.ts';

const okResult = {
  status: 'ok' as const,
  pagesFetched: 3,
  profilesFound: 2,
  errorCount: 0,
  errors: [],
  durationMs: 10,
};

describeDrivers('run store', (driver) => {
  let db: TestDatabase;
  let siteCounter = 0;

  beforeAll(async () => {
    db = await openTestDatabase(driver);
  });
  afterAll(async () => {
    await db?.drop();
  });

  /** A new site (so tests do not see each other's profiles) with a running run and site run. */
  async function freshRun(label = 'test'): Promise<SnapshotContext> {
    const siteId = `site-${++siteCounter}`;
    await upsertSites(db, [{ id: siteId, name: `Site ${siteCounter}` }]);
    const run = await startRun(db, { label });
    const siteRun = await startSiteRun(db, run.id, siteId);
    return { runId: run.id, siteRunId: siteRun.id, siteId };
  }

  /** The run's snapshots in the order stored, identifiers decrypted as a reader with the key sees them. */
  async function snapshotsOf(runId: number) {
    const rows = await db.prisma.profileSnapshot.findMany({
      where: { runId },
      orderBy: { id: 'asc' },
      include: { profile: true, phones: { include: { phone: true }, orderBy: { phoneId: 'asc' } } },
    });
    const { cipher } = db;
    return rows.map((r) => ({
      ...r,
      url: cipher.open(r.urlEnc),
      rawPhones: r.rawPhonesEnc === null ? null : (JSON.parse(cipher.decrypt(r.rawPhonesEnc)) as unknown),
      profile: { ...r.profile, url: cipher.open(r.profile.urlEnc) },
      phones: r.phones.map((p) => ({ ...p, phone: { ...p.phone, e164: cipher.open(p.phone.e164Enc) } })),
    }));
  }
  const phoneHash = (e164: string) => db.cipher.hash('phone', e164);

  it('upserts sites: inserts new ones, renames known ones, takes the last of repeated ids', async () => {
    await upsertSites(db, [
      { id: 'up-a', name: 'A' },
      { id: 'up-b', name: 'B' },
    ]);
    await upsertSites(db, [
      { id: 'up-a', name: 'A renamed' },
      { id: 'up-c', name: 'C' },
      { id: 'up-c', name: 'C twice' },
    ]);
    await upsertSites(db, []);
    const sites = await db.prisma.site.findMany({ where: { id: { startsWith: 'up-' } }, orderBy: { id: 'asc' } });
    expect(sites.map((s) => [s.id, s.name])).toEqual([
      ['up-a', 'A renamed'],
      ['up-b', 'B'],
      ['up-c', 'C twice'],
    ]);
  });

  it('goes through a whole run: start, site run, snapshots, finish', async () => {
    await upsertSites(db, [{ id: 'life', name: 'Life' }]);
    const run = await startRun(db, { label: 'weekly', options: { sitesFile: 'config/sites.yaml', sites: ['life'] } });
    expect(run.id).toBeGreaterThan(0);
    expect(run.startedAt).toBeInstanceOf(Date);
    const siteRun = await startSiteRun(db, run.id, 'life');
    const ctx = { runId: run.id, siteRunId: siteRun.id, siteId: 'life' };
    expect(await writeSnapshots(db, ctx, [makeProfile('life', 1), makeProfile('life', 2)])).toEqual({ written: 2, duplicates: 0 });
    const errors = [{ url: 'https://life.example/p/3', reason: 'HTTP 503', kind: 'http' }];
    await finishSiteRun(db, siteRun.id, {
      status: 'partial',
      pagesFetched: 7,
      profilesFound: 2,
      errorCount: 4,
      errors,
      failureReason: null,
      durationMs: 1234.6,
    });
    const finished = await finishRun(db, run.id, 'partial');

    const stored = await getRun(db, run.id);
    expect(stored).toMatchObject({
      id: run.id,
      label: 'weekly',
      status: 'partial',
      startedAt: run.startedAt,
      finishedAt: finished.finishedAt,
      options: { sitesFile: 'config/sites.yaml', sites: ['life'] },
    });
    expect(stored.siteRuns).toHaveLength(1);
    expect(stored.siteRuns[0]).toMatchObject({
      siteId: 'life',
      status: 'partial',
      pagesFetched: 7,
      profilesFound: 2,
      errorCount: 4,
      errors,
      failureReason: null,
      durationMs: 1235,
    });
    expect(stored.siteRuns[0]!.finishedAt).toBeInstanceOf(Date);
  });

  it('stores every field of a profile in its snapshot, and the profile itself', async () => {
    const ctx = await freshRun();
    const observedAt = new Date('2026-10-05T06:07:08.009Z');
    const places = [
      { locality: 'Malmö', kommunCode: '1280', lanCode: '12', policeRegion: 'Syd', lat: 55.6, lon: 13.0 },
      { locality: 'Lund', kommunCode: '1281', lanCode: '12', policeRegion: 'Syd', lat: 55.7, lon: 13.19 },
    ];
    const profile = makeProfile(ctx.siteId, 7, {
      observedAt,
      age: 17,
      ageBand: 'under-18',
      minorCue: true,
      minorCueEvidence: ['17 år'],
      gender: 'man',
      location: location({
        raw: 'Malmö C, sen Lund',
        locality: 'Malmö',
        kommunCode: '1280',
        lanCode: '12',
        policeRegion: 'Syd',
        lat: 55.6,
        lon: 13.0,
        places,
      }),
      descriptionHash: 'b'.repeat(64),
      rawFields: { title: 'Seven', category: 'escort', empty: null },
      rawText: { description: 'Ring [phone]' },
      rawPhones: [{ text: '070-174 06 07', source: 'tel-link' }],
      phones: [phoneInfo(7, 'tel-link'), phoneInfo(8, 'text')],
      fieldSources: { age: { via: 'label', detail: 'Ålder', confidence: 0.9 }, location: { via: 'text', detail: 'description', confidence: 0.6 } },
    });

    await writeSnapshots(db, ctx, [profile]);

    const [snapshot] = await snapshotsOf(ctx.runId);
    expect(snapshot).toMatchObject({
      runId: ctx.runId,
      siteRunId: ctx.siteRunId,
      observedAt,
      url: profile.url,
      statedAge: 17,
      ageBand: 'under-18',
      minorCue: true,
      minorCueEvidence: ['17 år'],
      gender: 'man',
      locationRaw: 'Malmö C, sen Lund',
      locality: 'Malmö',
      kommunCode: '1280',
      lanCode: '12',
      policeRegion: 'Syd',
      lat: 55.6,
      lon: 13.0,
      places,
      locationUnresolved: false,
      descriptionHash: 'b'.repeat(64),
      rawFields: { title: 'Seven', category: 'escort', empty: null },
      rawText: { description: 'Ring [phone]' },
      rawPhones: [{ text: '070-174 06 07', source: 'tel-link' }],
      fieldSources: { age: { via: 'label', detail: 'Ålder', confidence: 0.9 }, location: { via: 'text', detail: 'description', confidence: 0.6 } },
      normalisedAt: observedAt,
      profile: { siteId: ctx.siteId, key: 'id:7', url: profile.url, externalId: '7', firstSeenAt: observedAt, lastSeenAt: observedAt },
    });
    expect(snapshot!.phones.map((p) => [p.phone.e164, p.phone.country, p.phone.type, p.source]).sort()).toEqual([
      [fictionalPhone(7), 'SE', 'mobile', 'tel-link'],
      [fictionalPhone(8), 'SE', 'mobile', 'text'],
    ]);
  });

  it('stores text with NUL characters or broken surrogates from a page instead of failing the batch', async () => {
    const ctx = await freshRun();
    const profile = makeProfile(ctx.siteId, 1, {
      location: location({ raw: 'Sto\u0000ckholm', locality: null, kommunCode: null, lanCode: null, policeRegion: null }),
      rawFields: { title: 'bad \ud800 half' },
    });
    expect(await writeSnapshots(db, ctx, [profile])).toEqual({ written: 1, duplicates: 0 });
    const [snapshot] = await snapshotsOf(ctx.runId);
    expect(snapshot!.locationRaw).toBe('Stockholm');
    expect(snapshot!.rawFields).toEqual({ title: 'bad \ufffd half' });
    await finishSiteRun(db, ctx.siteRunId, { ...okResult, errors: [{ url: 'u', reason: 'nul\u0000byte', kind: 'parse' }], failureReason: 'x\u0000y' });
    expect((await getRun(db, ctx.runId)).siteRuns[0]).toMatchObject({ errors: [{ reason: 'nulbyte' }], failureReason: 'xy' });
  });

  it('stores a phone shared by several profiles once, and one link for a number shown twice', async () => {
    const ctx = await freshRun();
    const shared = phoneInfo(42);
    const before = await db.prisma.phone.count({ where: { hash: phoneHash(shared.e164) } });
    expect(before).toBe(0);

    await writeSnapshots(db, ctx, [
      makeProfile(ctx.siteId, 1, { phones: [shared, { ...shared, source: 'tel-link' }] }),
      makeProfile(ctx.siteId, 2, { phones: [shared] }),
    ]);
    await writeSnapshots(db, ctx, [makeProfile(ctx.siteId, 3, { phones: [shared, phoneInfo(43)] })]);

    expect(await db.prisma.phone.count({ where: { hash: phoneHash(shared.e164) } })).toBe(1);
    const snapshots = await snapshotsOf(ctx.runId);
    expect(snapshots.map((s) => s.phones.map((p) => p.phone.e164).sort())).toEqual([
      [shared.e164],
      [shared.e164],
      [shared.e164, fictionalPhone(43)],
    ]);
    // The first source seen on the page is kept.
    expect(snapshots[0]!.phones[0]!.source).toBe('text');
  });

  it('fills in an unknown phone type or country, and never overwrites a known one', async () => {
    const ctx = await freshRun();
    const e164 = fictionalPhone(50);
    await writeSnapshots(db, ctx, [makeProfile(ctx.siteId, 1, { phones: [{ e164, country: null, type: 'unknown', source: 'text' }] })]);
    await writeSnapshots(db, ctx, [makeProfile(ctx.siteId, 2, { phones: [{ e164, country: 'SE', type: 'mobile', source: 'text' }] })]);
    await writeSnapshots(db, ctx, [makeProfile(ctx.siteId, 3, { phones: [{ e164, country: 'NO', type: 'voip', source: 'text' }] })]);
    expect(await db.prisma.phone.findUnique({ where: { hash: phoneHash(e164) }, select: { country: true, type: true } })).toEqual({
      country: 'SE',
      type: 'mobile',
    });
  });

  it('skips a profile already snapshotted in the run (twice in a batch, or in an earlier batch)', async () => {
    const ctx = await freshRun();
    const first = makeProfile(ctx.siteId, 1, { url: 'https://x.example/stockholm/1', observedAt: new Date('2026-11-01T10:00:00Z') });
    const again = makeProfile(ctx.siteId, 1, { url: 'https://x.example/goteborg/1', observedAt: new Date('2026-11-01T10:05:00Z') });

    expect(await writeSnapshots(db, ctx, [first, makeProfile(ctx.siteId, 2), again])).toEqual({ written: 2, duplicates: 1 });
    expect(await writeSnapshots(db, ctx, [again, makeProfile(ctx.siteId, 3)])).toEqual({ written: 1, duplicates: 1 });
    expect(await writeSnapshots(db, ctx, [])).toEqual({ written: 0, duplicates: 0 });

    const snapshots = await snapshotsOf(ctx.runId);
    expect(snapshots).toHaveLength(3);
    const one = snapshots.find((s) => s.profile.key === 'id:1')!;
    // The first observation wins, and the duplicate does not move last-seen either.
    expect(one.url).toBe(first.url);
    expect(one.profile.url).toBe(first.url);
    expect(one.profile.lastSeenAt).toEqual(first.observedAt);
    expect(await db.prisma.profile.count({ where: { siteId: ctx.siteId } })).toBe(3);
  });

  it('keeps first seen and moves last seen across runs, without touching earlier snapshots', async () => {
    const run1 = await freshRun('first');
    const t1 = new Date('2026-10-01T08:00:00.000Z');
    const t2 = new Date('2026-11-01T08:00:00.000Z');
    await writeSnapshots(db, run1, [makeProfile(run1.siteId, 1, { observedAt: t1, url: 'https://x.example/old-slug' })]);
    await finishSiteRun(db, run1.siteRunId, okResult);
    await finishRun(db, run1.runId, 'completed');

    const run2 = await startRun(db, { label: 'second' });
    const siteRun2 = await startSiteRun(db, run2.id, run1.siteId);
    const ctx2 = { runId: run2.id, siteRunId: siteRun2.id, siteId: run1.siteId };
    await writeSnapshots(db, ctx2, [
      makeProfile(run1.siteId, 1, { observedAt: t2, url: 'https://x.example/new-slug' }),
      makeProfile(run1.siteId, 2, { observedAt: t2 }),
    ]);

    const profiles = await db.prisma.profile.findMany({ where: { siteId: run1.siteId }, orderBy: { key: 'asc' } });
    expect(profiles.map((p) => [p.key, p.firstSeenAt, p.lastSeenAt, db.cipher.open(p.urlEnc)])).toEqual([
      ['id:1', t1, t2, 'https://x.example/new-slug'],
      ['id:2', t2, t2, makeProfile(run1.siteId, 2).url],
    ]);
    const [old] = await snapshotsOf(run1.runId);
    expect(old!.url).toBe('https://x.example/old-slug');
    expect(old!.observedAt).toEqual(t1);
    expect(old!.profileId).toBe(profiles[0]!.id);
  });

  it('leaves nothing of a batch that fails midway (after its profiles and snapshots were inserted)', async () => {
    const ctx = await freshRun();
    await writeSnapshots(db, ctx, [makeProfile(ctx.siteId, 1)]);
    const counts = async () => ({
      profiles: await db.prisma.profile.count({ where: { siteId: ctx.siteId } }),
      snapshots: await db.prisma.profileSnapshot.count({ where: { runId: ctx.runId } }),
      links: await db.prisma.snapshotPhone.count({ where: { snapshot: { runId: ctx.runId } } }),
      phones: await db.prisma.phone.count({ where: { hash: { in: [phoneHash(fictionalPhone(60)), phoneHash(fictionalPhone(61))] } } }),
    });
    const before = await counts();

    // The bad phone type only fails the phone statement, which runs after the profile and
    // snapshot statement has inserted rows: the transaction must take those back.
    const bad = makeProfile(ctx.siteId, 3, {
      phones: [{ e164: fictionalPhone(61), country: 'SE', type: 'pager' as never, source: 'text' }],
    });
    await expect(writeSnapshots(db, ctx, [makeProfile(ctx.siteId, 2, { phones: [phoneInfo(60)] }), bad])).rejects.toThrow();

    expect(await counts()).toEqual(before);
    // And the run takes the same profiles once the batch is fixed.
    expect(await writeSnapshots(db, ctx, [makeProfile(ctx.siteId, 2, { phones: [phoneInfo(60)] })])).toEqual({ written: 1, duplicates: 0 });
  });

  it('refuses writes into a finished run, and leaves it as it was', async () => {
    const ctx = await freshRun();
    await writeSnapshots(db, ctx, [makeProfile(ctx.siteId, 1)]);
    await finishSiteRun(db, ctx.siteRunId, okResult);
    await finishRun(db, ctx.runId, 'completed');
    const before = await getRun(db, ctx.runId);

    await expect(writeSnapshots(db, ctx, [makeProfile(ctx.siteId, 2)])).rejects.toBeInstanceOf(RunNotWritableError);
    await expect(writeSnapshots(db, ctx, [makeProfile(ctx.siteId, 2)])).rejects.toThrow(/status is "completed"/);
    await upsertSites(db, [{ id: 'late-site', name: 'Late' }]);
    await expect(startSiteRun(db, ctx.runId, 'late-site')).rejects.toBeInstanceOf(RunNotWritableError);
    await expect(finishSiteRun(db, ctx.siteRunId, { ...okResult, pagesFetched: 99 })).rejects.toBeInstanceOf(RunNotWritableError);
    await expect(finishRun(db, ctx.runId, 'failed')).rejects.toBeInstanceOf(RunNotWritableError);
    expect(await markInterrupted(db, ctx.runId)).toBe(false);

    expect(await getRun(db, ctx.runId)).toEqual(before);
    expect(await db.prisma.profileSnapshot.count({ where: { runId: ctx.runId } })).toBe(1);
  });

  it('refuses writes into a finished site run of a running run', async () => {
    const ctx = await freshRun();
    await finishSiteRun(db, ctx.siteRunId, okResult);
    await expect(writeSnapshots(db, ctx, [makeProfile(ctx.siteId, 1)])).rejects.toThrow(/site run .* status is "ok"/);
    await expect(finishSiteRun(db, ctx.siteRunId, okResult)).rejects.toBeInstanceOf(RunNotWritableError);
  });

  it('rejects ids that do not belong together', async () => {
    const a = await freshRun();
    const b = await freshRun();
    await expect(writeSnapshots(db, { ...a, siteRunId: b.siteRunId }, [makeProfile(a.siteId, 1)])).rejects.toBeInstanceOf(RunContextError);
    await expect(writeSnapshots(db, a, [makeProfile(b.siteId, 1)])).rejects.toBeInstanceOf(RunContextError);
    await expect(writeSnapshots(db, { ...a, runId: 999_999 }, [makeProfile(a.siteId, 1)])).rejects.toBeInstanceOf(RunNotFoundError);
    await expect(startSiteRun(db, a.runId, 'no-such-site')).rejects.toThrow(/upsertSites/);
    await expect(startSiteRun(db, a.runId, a.siteId)).rejects.toThrow(/already has site run/);
    await expect(startSiteRun(db, 999_999, a.siteId)).rejects.toBeInstanceOf(RunNotFoundError);
  });

  it('marks site runs left running as interrupted when the run finishes', async () => {
    const ctx = await freshRun();
    await upsertSites(db, [{ id: `${ctx.siteId}-b`, name: 'B' }]);
    const other = await startSiteRun(db, ctx.runId, `${ctx.siteId}-b`);
    await finishSiteRun(db, ctx.siteRunId, okResult);
    await finishRun(db, ctx.runId, 'partial');
    const run = await getRun(db, ctx.runId);
    expect(run.siteRuns.map((s) => [s.id, s.status])).toEqual([
      [ctx.siteRunId, 'ok'],
      [other.id, 'interrupted'],
    ]);
    expect(run.siteRuns[1]!.finishedAt).toEqual(run.finishedAt);
  });

  it('marks a run and its running site runs interrupted, keeping finished site runs', async () => {
    const ctx = await freshRun();
    await upsertSites(db, [{ id: `${ctx.siteId}-b`, name: 'B' }]);
    const other = await startSiteRun(db, ctx.runId, `${ctx.siteId}-b`);
    await writeSnapshots(db, ctx, [makeProfile(ctx.siteId, 1)]);
    await finishSiteRun(db, other.id, okResult);

    expect(await markInterrupted(db, ctx.runId)).toBe(true);
    expect(await markInterrupted(db, ctx.runId)).toBe(false);

    const run = await getRun(db, ctx.runId);
    expect(run.status).toBe('interrupted');
    expect(run.finishedAt).toBeInstanceOf(Date);
    expect(Object.fromEntries(run.siteRuns.map((s) => [s.id, s.status]))).toEqual({ [ctx.siteRunId]: 'interrupted', [other.id]: 'ok' });
    expect(run.siteRuns.find((s) => s.id === ctx.siteRunId)!.durationMs).toBeGreaterThanOrEqual(0);
    // What was written before the interruption stays, and nothing more can be.
    expect(await db.prisma.profileSnapshot.count({ where: { runId: ctx.runId } })).toBe(1);
    await expect(writeSnapshots(db, ctx, [makeProfile(ctx.siteId, 2)])).rejects.toBeInstanceOf(RunNotWritableError);
  });

  it('writes batches of several sites of one run at the same time', async () => {
    const run = await startRun(db, { label: 'parallel' });
    const sites = ['par-a', 'par-b', 'par-c'];
    await upsertSites(db, sites.map((id) => ({ id, name: id })));
    const ctxs = await Promise.all(
      sites.map(async (siteId) => ({ runId: run.id, siteRunId: (await startSiteRun(db, run.id, siteId)).id, siteId })),
    );
    // Every site shows the same numbers, so their phone upserts collide.
    const results = await Promise.all(
      ctxs.flatMap((ctx) =>
        [0, 1, 2].map((batch) =>
          writeSnapshots(
            db,
            ctx,
            Array.from({ length: 20 }, (_, i) => makeProfile(ctx.siteId, batch * 20 + i, { phones: [phoneInfo(i), phoneInfo(99 - i)] })),
          ),
        ),
      ),
    );
    expect(results.reduce((n, r) => n + r.written, 0)).toBe(180);
    expect(await db.prisma.profileSnapshot.count({ where: { runId: run.id } })).toBe(180);
  });
});
