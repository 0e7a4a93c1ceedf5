// Identifiers at rest, on both drivers and on disk: a dump of every table holds no phone number,
// contact or profile URL in any readable form; a key rotation keeps every record readable (and
// the old key then reads nothing); and a database written before encryption is sealed on open.

import { mkdtempSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { clusterRun } from '../../src/cluster/cluster-run.ts';
import type { ExportRecord } from '../../src/model/export-record.ts';
import { IdentifierCipher } from '../../src/secure/identifier-cipher.ts';
import { openDatabase, type Database } from '../../src/store/database.ts';
import { rotateKeys } from '../../src/store/key-rotation.ts';
import { sealLegacyIdentifiers } from '../../src/store/legacy-identifiers.ts';
import { exportRecords } from '../../src/store/run-queries.ts';
import { finishRun, finishSiteRun, startRun, startSiteRun, upsertSites, writeSnapshots } from '../../src/store/run-store.ts';
import { describeDrivers, openTestDatabase, type TestDatabase } from '../helpers/test-databases.ts';
import { fictionalPhone, makeProfile, phoneInfo } from '../store/fixtures.ts';

const TELEGRAM = 'at_rest_probe_user';
const EMAIL = 'probe.at.rest@mail.example';
const urlOf = (n: number) => `https://at-rest-probe.example/annons/${n}`;

/** Every way the stored identifiers could show up in a dump, in clear. */
function needles(): string[] {
  const out = [TELEGRAM, EMAIL, 'at-rest-probe.example'];
  for (const n of [1, 2, 3]) {
    const e164 = fictionalPhone(n);
    out.push(e164, e164.slice(1), `0${e164.slice(3)}`, e164.slice(3));
  }
  return out;
}

async function writeProbeRun(db: Database): Promise<number> {
  await upsertSites(db, [{ id: 'probe', name: 'Probe' }]);
  const run = await startRun(db, { label: 'at rest' });
  const siteRun = await startSiteRun(db, run.id, 'probe');
  const contacts = [
    { kind: 'telegram' as const, value: TELEGRAM, source: 'telegram-link' as const },
    { kind: 'email' as const, value: EMAIL, source: 'text' as const },
  ];
  const profiles = [1, 2, 3, 4].map((n) =>
    makeProfile('probe', n, {
      url: urlOf(n),
      // Profile 4 is known only by its URL: its key must not carry the URL either.
      ...(n === 4 ? { externalId: null, key: `url:${urlOf(n)}` } : {}),
      phones: [phoneInfo(n === 4 ? 1 : n), phoneInfo(1)],
      rawPhones: [{ text: `ring ${fictionalPhone(n === 4 ? 1 : n)}`, source: 'text' }],
      contacts: n <= 2 ? contacts : [],
      rawContacts: n <= 2 ? [{ text: `Telegram: @${TELEGRAM}`, source: 'text' }] : [],
    }),
  );
  await writeSnapshots(db, { runId: run.id, siteRunId: siteRun.id, siteId: 'probe' }, profiles);
  // A page error names the profile page it is about, in its URL and in its reason.
  const errors = [{ url: `${urlOf(5)}`, reason: `HTTP 500: ${urlOf(5)}`, kind: 'http-status' }];
  await finishSiteRun(db, siteRun.id, { status: 'partial', pagesFetched: 5, profilesFound: 4, errorCount: 1, errors, failureReason: null, durationMs: 1 });
  await finishRun(db, run.id, 'partial');
  await clusterRun(db, run.id);
  return run.id;
}

async function dump(db: Database): Promise<string> {
  const tables = await db.prisma.$queryRaw<{ t: string }[]>`
    SELECT table_name::text AS t FROM information_schema.tables WHERE table_schema = current_schema() AND table_type = 'BASE TABLE'`;
  let text = '';
  for (const { t } of tables) {
    const rows = await db.prisma.$queryRawUnsafe<{ r: string }[]>(`SELECT row_to_json(x)::text AS r FROM "${t}" x`);
    text += rows.map((r) => r.r).join('\n');
  }
  return text;
}

async function revealed(db: Database, runId: number): Promise<ExportRecord[]> {
  const out: ExportRecord[] = [];
  for await (const r of exportRecords(db, runId, { reveal: true })) out.push(r);
  return out;
}

describeDrivers('identifiers at rest', (driver) => {
  let db: TestDatabase;
  beforeEach(async () => {
    db = await openTestDatabase(driver);
  });
  afterEach(async () => {
    await db?.drop();
  });

  it('leaves no phone number, contact or URL readable in a dump of every table', async () => {
    const runId = await writeProbeRun(db);
    const text = await dump(db);
    expect(text.length).toBeGreaterThan(1000);
    for (const needle of needles()) expect(text, needle).not.toContain(needle);
    // And yet everything is there for whoever holds the key.
    const records = await revealed(db, runId);
    expect(records.map((r) => r.url).sort()).toEqual([1, 2, 3, 4].map(urlOf).sort());
    expect(records.find((r) => r.url === urlOf(2))!.phones).toEqual([fictionalPhone(1), fictionalPhone(2)].sort());
    expect(records.find((r) => r.url === urlOf(1))!.contacts).toEqual([`email:${EMAIL}`, `telegram:${TELEGRAM}`]);
    const { getRun } = await import('../../src/store/run-queries.ts');
    expect((await getRun(db, runId)).siteRuns[0]!.errors).toEqual([{ url: urlOf(5), reason: `HTTP 500: ${urlOf(5)}`, kind: 'http-status' }]);
  });

  it('rotates the key without losing a record, clusters the same afterwards, and the old key reads nothing', async () => {
    const runId = await writeProbeRun(db);
    const before = await revealed(db, runId);
    const groups = async () =>
      (await db.prisma.clusterMember.findMany({ where: { runId, view: 'combined' }, orderBy: { profileId: 'asc' } })).map((m) => `${m.profileId}:${m.clusterId}`);
    const clustersBefore = await groups();

    const oldCipher = db.cipher;
    const newCipher = new IdentifierCipher(Buffer.alloc(32, 7));
    const report = await rotateKeys(db, oldCipher, newCipher);
    expect(report).toEqual({ phones: 3, contacts: 2, profiles: 4, snapshots: 4, siteRuns: 1 });
    // Running it again (as after an interruption) finds nothing left to do.
    expect(await rotateKeys(db, oldCipher, newCipher)).toEqual({ phones: 0, contacts: 0, profiles: 0, snapshots: 4, siteRuns: 0 });

    db.cipher = newCipher;
    expect(await revealed(db, runId)).toEqual(before);
    const { getRun } = await import('../../src/store/run-queries.ts');
    expect((await getRun(db, runId)).siteRuns[0]!.errors).toEqual([{ url: urlOf(5), reason: `HTTP 500: ${urlOf(5)}`, kind: 'http-status' }]);
    await clusterRun(db, runId);
    expect(await groups()).toEqual(clustersBefore);
    for (const needle of needles()) expect(await dump(db)).not.toContain(needle);

    db.cipher = oldCipher;
    await expect(revealed(db, runId)).rejects.toThrow(/encrypted with key .* but the key given is/);
  });
});

describe('identifiers at rest, on disk', () => {
  let dir: string;
  beforeEach(() => {
    dir = mkdtempSync(path.join(tmpdir(), 'kartla-at-rest-'));
  });

  const filesUnder = (d: string): string[] =>
    readdirSync(d).flatMap((name) => {
      const p = path.join(d, name);
      return statSync(p).isDirectory() ? filesUnder(p) : [p];
    });

  it('writes no identifier in clear into any file of the embedded database folder', async () => {
    const db = await openDatabase({ dataDir: dir, secret: Buffer.alloc(32, 9) });
    await writeProbeRun(db);
    await db.close();
    const files = filesUnder(dir);
    expect(files.length).toBeGreaterThan(10);
    for (const file of files) {
      const bytes = readFileSync(file);
      for (const needle of needles()) expect(bytes.includes(Buffer.from(needle)), `${needle} in ${file}`).toBe(false);
    }
  });

  it('seals identifiers a database stored in clear before they were encrypted, and reads them after', async () => {
    const db = await openDatabase({ dataDir: dir, secret: Buffer.alloc(32, 9) });
    const runId = await writeProbeRun(db);
    const before = await revealed(db, runId);
    // What an older Kartla wrote: the clear columns, no ciphertext, the URL in the key.
    const ph = await db.prisma.phone.findFirstOrThrow({ where: { e164Enc: { not: null } } });
    await db.prisma.$executeRaw`UPDATE phone SET e164 = ${db.cipher.decrypt(ph.e164Enc!)}, e164_enc = NULL, hash = NULL WHERE id = ${ph.id}`;
    const p4 = await db.prisma.profile.findFirstOrThrow({ where: { key: { startsWith: 'url:' } } });
    await db.prisma.$executeRaw`UPDATE profile SET key = ${`url:${urlOf(4)}`}, url = ${urlOf(4)}, url_enc = NULL WHERE id = ${p4.id}`;
    await db.prisma.$executeRaw`UPDATE profile_snapshot SET url = ${urlOf(4)}, url_enc = NULL,
        raw_phones = ${JSON.stringify([{ text: 'legacy', source: 'text' }])}::jsonb, raw_phones_enc = NULL WHERE profile_id = ${p4.id}`;
    const sr = await db.prisma.siteRun.findFirstOrThrow({ where: { runId } });
    await db.prisma.siteRun.update({ where: { id: sr.id }, data: { errors: [{ url: urlOf(5), reason: `HTTP 500: ${urlOf(5)}`, kind: 'http-status' }] } });
    expect(await dump(db)).toContain(urlOf(4));

    expect(await sealLegacyIdentifiers(db)).toBe(4);
    const text = await dump(db);
    for (const needle of needles()) expect(text, needle).not.toContain(needle);
    const after = await db.prisma.profile.findUniqueOrThrow({ where: { id: p4.id } });
    expect(after.key).toBe(p4.key);
    expect(await revealed(db, runId)).toEqual(before);
    await db.close();
  });
});
