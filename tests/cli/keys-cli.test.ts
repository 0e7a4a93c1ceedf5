// `kartla keys` as an operator runs it: a new key, the embedded database's own key generated on
// first use and said so, a rotation that keeps every record readable, and clear refusals (no key
// for PostgreSQL, a key file others can read, a wrong key).

import { chmodSync, mkdtempSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { openDatabase } from '../../src/store/database.ts';
import { finishRun, finishSiteRun, startRun, startSiteRun, upsertSites, writeSnapshots } from '../../src/store/run-store.ts';
import { runCli } from '../helpers/run-cli.ts';
import { createPostgresDatabase, postgresSkipReason } from '../helpers/test-databases.ts';
import { fictionalPhone, makeProfile, phoneInfo } from '../store/fixtures.ts';

// Without a key in the environment, as on a fresh machine (the tests' own key is set otherwise).
const NO_KEY = { KARTLA_SECRET_KEY: '', KARTLA_SECRET_KEY_FILE: '' };

describe('kartla keys', () => {
  it('prints a new random key', async () => {
    const a = await runCli(['keys', 'new']);
    const b = await runCli(['keys', 'new']);
    expect(a.code).toBe(0);
    expect(a.stdout.trim()).toMatch(/^[0-9a-f]{64}$/);
    expect(a.stdout).not.toBe(b.stdout);
  });

  it('generates the embedded key on first use and says so, then rotates it keeping every record readable', async () => {
    const dataDir = path.join(mkdtempSync(path.join(tmpdir(), 'kartla-keys-')), 'data');
    const env = { ...NO_KEY, KARTLA_DATA_DIR: dataDir };
    const first = await runCli(['runs'], { env });
    expect(first.code).toBe(0);
    expect(first.stderr).toMatch(/Kartla generated a secret key at .*secret\.key.*Back it up/s);
    const keyFile = path.join(dataDir, 'secret.key');
    expect(statSync(keyFile).mode & 0o777).toBe(0o600);
    expect((await runCli(['runs'], { env })).stderr).not.toMatch(/generated a secret key/);

    // Some data under that key.
    const db = await openDatabase({ dataDir, env: NO_KEY });
    await upsertSites(db, [{ id: 'k', name: 'K' }]);
    const run = await startRun(db, { label: 'keys' });
    const siteRun = await startSiteRun(db, run.id, 'k');
    await writeSnapshots(db, { runId: run.id, siteRunId: siteRun.id, siteId: 'k' }, [1, 2].map((n) => makeProfile('k', n, { phones: [phoneInfo(n)] })));
    await finishSiteRun(db, siteRun.id, { status: 'ok', pagesFetched: 2, profilesFound: 2, errorCount: 0, errors: [], failureReason: null, durationMs: 1 });
    await finishRun(db, run.id, 'completed');
    await db.close();
    const before = (await runCli(['export', '--run', 'latest', '--reveal'], { env })).stdout;
    expect(before).toContain(fictionalPhone(2));
    const oldKey = readFileSync(keyFile, 'utf8');

    const rotated = await runCli(['keys', 'rotate'], { env });
    expect(rotated.code).toBe(0);
    expect(rotated.stdout).toMatch(/Re-encrypted 2 phone numbers, 0 contacts, 2 profiles and 2 snapshots under key [0-9a-f]{8} \(was [0-9a-f]{8}\)/);
    expect(readFileSync(keyFile, 'utf8')).not.toBe(oldKey);
    expect(statSync(keyFile).mode & 0o777).toBe(0o600);
    expect((await runCli(['export', '--run', 'latest', '--reveal'], { env })).stdout).toBe(before);

    // The old key now reads nothing, and says what to do.
    const oldKeyFile = path.join(dataDir, '..', 'old.key');
    writeFileSync(oldKeyFile, oldKey, { mode: 0o600 });
    const stale = await runCli(['export', '--run', 'latest', '--reveal'], { env: { ...env, KARTLA_SECRET_KEY_FILE: oldKeyFile } });
    expect(stale.code).not.toBe(0);
    expect(stale.stderr).toMatch(/encrypted with key [0-9a-f]{8}, but the key given is [0-9a-f]{8}; set KARTLA_SECRET_KEY/);
    expect(stale.stderr).not.toMatch(/at .*\.ts:\d+/); // a message, not a stack trace
  });

  it('refuses a key file that other users can read, and a malformed key, before touching the data (exit 2)', async () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'kartla-keys-'));
    const file = path.join(dir, 'open.key');
    writeFileSync(file, `${'ab'.repeat(32)}\n`);
    chmodSync(file, 0o644);
    const open = await runCli(['runs'], { env: { KARTLA_SECRET_KEY: '', KARTLA_SECRET_KEY_FILE: file, KARTLA_DATA_DIR: path.join(dir, 'data') } });
    expect(open.code).toBe(2);
    expect(open.stderr).toMatch(/can be read or written by other users \(mode 644\); run: chmod 600/);
    const bad = await runCli(['runs'], { env: { KARTLA_SECRET_KEY: 'hunter2', KARTLA_DATA_DIR: path.join(dir, 'data') } });
    expect(bad.code).toBe(2);
    expect(bad.stderr).toMatch(/KARTLA_SECRET_KEY is not a secret key: it must be 64 hex digits/);
    const rotate = await runCli(['keys', 'rotate', '--new-key-file', file], { env: { KARTLA_DATA_DIR: path.join(dir, 'data') } });
    expect(rotate.code).toBe(2);
  });

  it.skipIf(postgresSkipReason() !== null)('needs a key given explicitly for PostgreSQL (exit 2, says how)', async () => {
    const pg = await createPostgresDatabase();
    try {
      const r = await runCli(['runs'], { env: { ...NO_KEY, DATABASE_URL: pg.url } });
      expect(r.code).toBe(2);
      expect(r.stderr).toMatch(/With PostgreSQL \(DATABASE_URL\) Kartla needs the secret key .*KARTLA_SECRET_KEY or KARTLA_SECRET_KEY_FILE/);
      const withKey = await runCli(['runs'], { env: { DATABASE_URL: pg.url } });
      expect(withKey.code).toBe(0);
    } finally {
      await pg.drop();
    }
  });
});
