// `kartla renormalise` on both drivers: a run normalised by an older normaliser is improved from
// its stored raw values, and nothing raw, no status and no first/last seen changes.

import { afterAll, beforeAll, expect, it } from 'vitest';
import { normaliseFields } from '../../src/normalise/profile.ts';
import { renormaliseRun, type StoredRaw } from '../../src/store/renormalise.ts';
import { finishRun, finishSiteRun, startRun, startSiteRun, upsertSites, writeSnapshots } from '../../src/store/run-store.ts';
import { RunNotFoundError } from '../../src/store/errors.ts';
import { describeDrivers, openTestDatabase, type TestDatabase } from '../helpers/test-databases.ts';
import { fictionalPhone, location, makeProfile, phoneInfo } from './fixtures.ts';

const realNormaliser = (raw: StoredRaw) => normaliseFields(raw.fields, raw.phones, raw.observedAt, raw.contacts);

describeDrivers('renormalising a stored run', (driver) => {
  let db: TestDatabase;
  let runId: number;
  const observedAt = new Date('2026-06-01T12:00:00.000Z');

  beforeAll(async () => {
    db = await openTestDatabase(driver);
    await upsertSites(db, [{ id: 'site-r', name: 'R' }]);
    const run = await startRun(db, { label: 'old normaliser' });
    runId = run.id;
    const siteRun = await startSiteRun(db, run.id, 'site-r');
    // What an older, weaker normaliser stored: it missed the age, the place and one phone.
    const stale = makeProfile('site-r', 1, {
      observedAt,
      age: null,
      gender: 'unknown',
      location: location({ raw: 'Gbg (Hisingen)', locality: null, kommunCode: null, lanCode: null, policeRegion: null }),
      phones: [phoneInfo(5)],
      rawFields: { age: '23 år', gender: 'Tjej', location: 'Gbg (Hisingen)' },
      rawText: { title: 'Ny i stan' },
      rawPhones: [
        { text: '070-174 06 05', source: 'tel-link' },
        { text: '070 174 06 06', source: 'text' },
      ],
      // The old normaliser knew nothing of contacts; the candidates were kept.
      rawContacts: [{ text: 'https://t.me/renorm_test_user', source: 'telegram-link' }],
    });
    // Stored before raw phone candidates were kept: its phones must survive as they are.
    const legacy = makeProfile('site-r', 2, {
      observedAt,
      age: 30,
      rawFields: { age: '31 år', gender: 'kvinna', location: 'Malmö' },
      phones: [phoneInfo(9)],
      rawPhones: undefined as unknown as [],
    });
    await writeSnapshots(db, { runId: run.id, siteRunId: siteRun.id, siteId: 'site-r' }, [stale, legacy]);
    await db.prisma.$executeRaw`UPDATE profile_snapshot SET raw_phones_enc = NULL WHERE profile_id = (SELECT id FROM profile WHERE key = ${legacy.key})`;
    await finishSiteRun(db, siteRun.id, { status: 'ok', pagesFetched: 3, profilesFound: 2, errorCount: 0, errors: [], durationMs: 5 });
    await finishRun(db, run.id, 'completed');
  });
  afterAll(async () => {
    await db?.drop();
  });

  const snapshots = () =>
    db.prisma.profileSnapshot.findMany({
      where: { runId },
      orderBy: { id: 'asc' },
      include: { phones: { include: { phone: true }, orderBy: { phoneId: 'asc' } }, profile: true },
    });

  it('counts but changes nothing on a dry run', async () => {
    const before = await snapshots();
    const report = await renormaliseRun(db, runId, realNormaliser, { dryRun: true });
    expect(report.snapshots).toBe(2);
    expect(report.changed).toBe(2);
    expect(await snapshots()).toEqual(before);
  });

  it('updates the normalised fields and phones from the raw values, and only those', async () => {
    const before = await snapshots();
    const run = await db.prisma.mappingRun.findUniqueOrThrow({ where: { id: runId } });
    const report = await renormaliseRun(db, runId, realNormaliser);
    expect(report).toMatchObject({ snapshots: 2, phonesKept: 1 });
    expect(report.byField).toMatchObject({ age: 2, gender: 1, location: 2, phones: 1, contacts: 1 });
    const contacts = await db.prisma.snapshotContact.findMany({ where: { snapshot: { runId } }, include: { contact: true } });
    expect(contacts.map((c) => `${c.contact.kind}:${db.cipher.open(c.contact.valueEnc)}`)).toEqual(['telegram:renorm_test_user']);

    const after = await snapshots();
    const [stale, legacy] = after;
    expect(stale).toMatchObject({ statedAge: 23, ageBand: '18-23', gender: 'woman', kommunCode: '1480', lanCode: '14', policeRegion: 'Väst' });
    expect(stale!.phones.map((p) => db.cipher.open(p.phone.e164Enc)).sort()).toEqual([fictionalPhone(5), fictionalPhone(6)]);
    expect(stale!.normalisedAt!.getTime()).toBeGreaterThan(before[0]!.normalisedAt!.getTime());
    expect(legacy).toMatchObject({ statedAge: 31, kommunCode: '1280' });
    expect(legacy!.phones.map((p) => db.cipher.open(p.phone.e164Enc))).toEqual([fictionalPhone(9)]);

    // Raw values, identity and history are untouched; the run is still what it was.
    for (const [b, a] of before.map((s, i) => [s, after[i]!] as const)) {
      expect(a.rawFields).toEqual(b.rawFields);
      expect(a.rawText).toEqual(b.rawText);
      expect(a.rawPhones).toEqual(b.rawPhones);
      expect(a.observedAt).toEqual(b.observedAt);
      expect(a.descriptionHash).toEqual(b.descriptionHash);
      expect(a.profile).toEqual(b.profile);
    }
    expect(await db.prisma.mappingRun.findUniqueOrThrow({ where: { id: runId } })).toEqual(run);
  });

  it('is idempotent: a second pass changes nothing', async () => {
    const report = await renormaliseRun(db, runId, realNormaliser);
    expect(report.changed).toBe(0);
  });

  it('refuses a run that does not exist', async () => {
    await expect(renormaliseRun(db, 99_999, realNormaliser)).rejects.toBeInstanceOf(RunNotFoundError);
  });
});
