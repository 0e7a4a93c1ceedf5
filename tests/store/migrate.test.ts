// The migration runner on both drivers: applies prisma/migrations to an empty database, records
// them as Prisma would, is idempotent, and refuses edited, unknown or failing migrations.

import { createHash } from 'node:crypto';
import { cp, mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, expect, it } from 'vitest';
import { openDatabase } from '../../src/store/database.ts';
import { MigrationChecksumError, MigrationFailedError, MigrationHistoryError } from '../../src/store/errors.ts';
import { MIGRATIONS_DIR, migrate, readMigrations } from '../../src/store/migrate.ts';
import { describeDrivers, openTestDatabase, type TestDatabase } from '../helpers/test-databases.ts';

const TABLES = ['alert', 'app_user', 'audit_event', 'case_note', 'cluster', 'cluster_event', 'cluster_link', 'cluster_member', 'cluster_run', 'contact', 'mapping_run', 'phone', 'profile', 'profile_snapshot', 'site', 'site_run', 'snapshot_contact', 'snapshot_phone', 'web_session'];

async function tableNames(db: TestDatabase): Promise<string[]> {
  const rows = await db.prisma.$queryRaw<{ table_name: string }[]>`
    SELECT table_name::text AS table_name FROM information_schema.tables
     WHERE table_schema = current_schema() ORDER BY table_name`;
  return rows.map((r) => r.table_name);
}

interface HistoryRow {
  id: string;
  migration_name: string;
  checksum: string;
  started_at: Date;
  finished_at: Date | null;
  rolled_back_at: Date | null;
  logs: string | null;
  applied_steps_count: number;
}

async function history(db: TestDatabase): Promise<HistoryRow[]> {
  return db.prisma.$queryRaw<HistoryRow[]>`
    SELECT id::text AS id, migration_name::text AS migration_name, checksum::text AS checksum, started_at,
           finished_at, rolled_back_at, logs, applied_steps_count
      FROM "_prisma_migrations" ORDER BY started_at, migration_name`;
}

/** A copy of the real migrations folder that a test may edit. */
async function copyOfMigrations(): Promise<string> {
  const dir = await mkdtemp(path.join(tmpdir(), 'kartla-migrations-'));
  await cp(MIGRATIONS_DIR, dir, { recursive: true });
  return dir;
}

it('locates prisma/migrations from the package, not the working directory', async () => {
  expect(path.isAbsolute(MIGRATIONS_DIR)).toBe(true);
  expect(MIGRATIONS_DIR).toBe(path.resolve(import.meta.dirname, '../../prisma/migrations'));
  const lock = await readFile(path.join(MIGRATIONS_DIR, 'migration_lock.toml'), 'utf8');
  expect(lock).toMatch(/^provider = "postgresql"$/m);
  const migrations = await readMigrations();
  expect(migrations.length).toBeGreaterThan(0);
  expect(migrations.map((m) => m.name)).toEqual([...migrations.map((m) => m.name)].sort());
  for (const m of migrations) expect(m.name).toMatch(/^\d{14}_[a-z0-9_]+$/);
});

describeDrivers('migrations', (driver) => {
  let db: TestDatabase;
  let scratch: string[] = [];

  beforeEach(async () => {
    db = await openTestDatabase(driver, { migrate: false });
  });

  afterEach(async () => {
    await db?.drop();
    await Promise.all(scratch.map((dir) => rm(dir, { recursive: true, force: true })));
    scratch = [];
  });

  it('apply to an empty database and record each migration as Prisma does', async () => {
    expect(await tableNames(db)).toEqual([]);
    const files = await readMigrations();

    const report = await migrate(db);

    expect(report).toEqual({ applied: files.map((f) => f.name), alreadyApplied: [] });
    expect(await tableNames(db)).toEqual(['_prisma_migrations', ...TABLES]);
    const rows = await history(db);
    expect(rows.map((r) => r.migration_name)).toEqual(files.map((f) => f.name));
    for (const [i, row] of rows.entries()) {
      const bytes = await readFile(files[i]!.file);
      expect(row.checksum).toBe(createHash('sha256').update(bytes).digest('hex'));
      expect(row.id).toMatch(/^[0-9a-f-]{36}$/);
      expect(row.finished_at).toBeInstanceOf(Date);
      expect(row.finished_at!.getTime()).toBeGreaterThanOrEqual(row.started_at.getTime());
      expect(row.rolled_back_at).toBeNull();
      expect(row.logs).toBeNull();
      expect(row.applied_steps_count).toBe(1);
    }
  });

  it('are idempotent: a second run applies nothing and changes nothing', async () => {
    await migrate(db);
    const before = await history(db);

    const again = await migrate(db);
    const third = await migrate(db);

    expect(again.applied).toEqual([]);
    expect(again.alreadyApplied).toEqual(before.map((r) => r.migration_name));
    expect(third.applied).toEqual([]);
    expect(await history(db)).toEqual(before);
  });

  it('use the same table as `prisma migrate deploy` (name, columns, types)', async () => {
    await migrate(db);
    const columns = await db.prisma.$queryRaw<{ column_name: string; data_type: string; is_nullable: string }[]>`
      SELECT column_name::text AS column_name, data_type::text AS data_type, is_nullable::text AS is_nullable
        FROM information_schema.columns
       WHERE table_schema = current_schema() AND table_name = '_prisma_migrations'
       ORDER BY ordinal_position`;
    expect(columns).toEqual([
      { column_name: 'id', data_type: 'character varying', is_nullable: 'NO' },
      { column_name: 'checksum', data_type: 'character varying', is_nullable: 'NO' },
      { column_name: 'finished_at', data_type: 'timestamp with time zone', is_nullable: 'YES' },
      { column_name: 'migration_name', data_type: 'character varying', is_nullable: 'NO' },
      { column_name: 'logs', data_type: 'text', is_nullable: 'YES' },
      { column_name: 'rolled_back_at', data_type: 'timestamp with time zone', is_nullable: 'YES' },
      { column_name: 'started_at', data_type: 'timestamp with time zone', is_nullable: 'NO' },
      { column_name: 'applied_steps_count', data_type: 'integer', is_nullable: 'NO' },
    ]);
  });

  it('refuse to run when an applied migration was edited, naming the file', async () => {
    const dir = await copyOfMigrations();
    scratch.push(dir);
    await migrate(db, { migrationsDir: dir });
    const [first] = await readMigrations(dir);
    await writeFile(first!.file, `${first!.sql}\n-- edited after it was applied\n`);

    const attempt = migrate(db, { migrationsDir: dir });

    await expect(attempt).rejects.toBeInstanceOf(MigrationChecksumError);
    await expect(migrate(db, { migrationsDir: dir })).rejects.toThrow(first!.file);
  });

  it('accept an applied migration checked out with CRLF line endings, as Prisma does', async () => {
    const dir = await copyOfMigrations();
    scratch.push(dir);
    await migrate(db, { migrationsDir: dir });
    const [first] = await readMigrations(dir);
    await writeFile(first!.file, first!.sql.replace(/\n/g, '\r\n'));

    await expect(migrate(db, { migrationsDir: dir })).resolves.toMatchObject({ applied: [] });
  });

  it('apply a new migration after the applied ones, and only that one', async () => {
    const dir = await copyOfMigrations();
    scratch.push(dir);
    await migrate(db, { migrationsDir: dir });
    await mkdir(path.join(dir, '29991231000000_add_note'));
    await writeFile(path.join(dir, '29991231000000_add_note', 'migration.sql'), 'ALTER TABLE "site" ADD COLUMN "note" TEXT;\n');

    const report = await migrate(db, { migrationsDir: dir });

    expect(report.applied).toEqual(['29991231000000_add_note']);
    const rows = await db.prisma.$queryRaw<{ n: number }[]>`
      SELECT count(*)::int AS n FROM information_schema.columns WHERE table_name = 'site' AND column_name = 'note'`;
    expect(rows[0]!.n).toBe(1);
  });

  it('roll a failing migration back whole and record nothing for it', async () => {
    const dir = await copyOfMigrations();
    scratch.push(dir);
    await migrate(db, { migrationsDir: dir });
    const before = await history(db);
    const broken = path.join(dir, '29991231000000_broken', 'migration.sql');
    await mkdir(path.dirname(broken));
    await writeFile(broken, 'CREATE TABLE "half_done" ("id" INTEGER);\nSELECT * FROM "no_such_table";\n');

    const attempt = migrate(db, { migrationsDir: dir });

    await expect(attempt).rejects.toBeInstanceOf(MigrationFailedError);
    await expect(migrate(db, { migrationsDir: dir })).rejects.toThrow(broken);
    expect(await tableNames(db)).not.toContain('half_done');
    expect(await history(db)).toEqual(before);
  });

  it('refuse a database that has a migration the folder does not know', async () => {
    await migrate(db);
    await db.prisma.$executeRaw`
      INSERT INTO "_prisma_migrations" (id, checksum, migration_name, finished_at, applied_steps_count)
      VALUES ('00000000-0000-4000-8000-000000000000', 'x', '29991231000000_from_the_future', now(), 1)`;

    await expect(migrate(db)).rejects.toBeInstanceOf(MigrationHistoryError);
    await expect(migrate(db)).rejects.toThrow('29991231000000_from_the_future');
  });

  it('refuse a migration that `prisma migrate deploy` left failed', async () => {
    await migrate(db);
    const [first] = await readMigrations();
    await db.prisma.$executeRaw`UPDATE "_prisma_migrations" SET finished_at = NULL WHERE migration_name = ${first!.name}`;

    await expect(migrate(db)).rejects.toThrow(/prisma migrate resolve/);
  });

  if (driver === 'postgres') it('let two processes migrate one database at once without harm', async () => {
    // A second handle on the same database stands in for a second process.
    const other = await openDatabase({ databaseUrl: db.url!, migrate: false });
    try {
      const [a, b] = await Promise.all([migrate(db), migrate(other)]);
      const files = await readMigrations();
      expect([...a.applied, ...b.applied].sort()).toEqual(files.map((f) => f.name).sort());
      expect((await history(db)).map((r) => r.migration_name)).toEqual(files.map((f) => f.name));
    } finally {
      await other.close();
    }
  });
});
