// Applies prisma/migrations/*/migration.sql at start-up, on PostgreSQL and on PGlite alike.
//
// Prisma 7's CLI needs a native schema engine that offline machines cannot download, so
// `prisma migrate deploy` is not available everywhere (docs/decisions/0001-storage.md). This
// runner records what it applied in Prisma's own `_prisma_migrations` table, with Prisma's
// columns and checksum, so that where the engine exists `prisma migrate deploy` sees the same
// migrations as applied and only applies newer ones. Both tools take the same advisory lock key,
// so they never migrate one database at the same time either.

import { createHash, randomUUID } from 'node:crypto';
import { existsSync } from 'node:fs';
import { readdir, readFile, stat } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { PGlite, Transaction as PGliteTransaction } from '@electric-sql/pglite';
import type pg from 'pg';
import type { Database } from './database.ts';
import { MigrationChecksumError, MigrationFailedError, MigrationHistoryError } from './errors.ts';

/** One connection inside one transaction: all a migration needs. */
export interface MigrationTx {
  query<R = Record<string, unknown>>(sql: string, params?: unknown[]): Promise<R[]>;
  /** Runs a script of several statements (a migration file). */
  exec(script: string): Promise<void>;
}

/** Where migrations run. Built from the raw driver: Prisma Client cannot run multi-statement scripts. */
export interface MigrationTarget {
  transaction<T>(fn: (tx: MigrationTx) => Promise<T>): Promise<T>;
}

export interface MigrationFile {
  /** Folder name, e.g. `20261123073042_init`; also the `migration_name` Prisma records. */
  name: string;
  /** Absolute path of its migration.sql. */
  file: string;
  sql: string;
  /** Prisma's checksum: SHA-256 (hex) of the file's bytes. */
  checksum: string;
}

export interface MigrationReport {
  /** Migrations this call applied, in order. */
  applied: string[];
  /** Migrations that were already applied before this call. */
  alreadyApplied: string[];
}

// The key Prisma's schema engine takes with pg_advisory_lock during `migrate deploy`: sharing it
// means our runner and Prisma's exclude each other as well as two Kartla processes.
const PRISMA_ADVISORY_LOCK_KEY = 72707369;

// Prisma's own definition (schema engine, PostgreSQL flavour), so that `prisma migrate deploy`
// reads and extends the table we created.
const CREATE_MIGRATIONS_TABLE = `
CREATE TABLE IF NOT EXISTS "_prisma_migrations" (
    "id"                    VARCHAR(36) PRIMARY KEY NOT NULL,
    "checksum"              VARCHAR(64) NOT NULL,
    "finished_at"           TIMESTAMPTZ,
    "migration_name"        VARCHAR(255) NOT NULL,
    "logs"                  TEXT,
    "rolled_back_at"        TIMESTAMPTZ,
    "started_at"            TIMESTAMPTZ NOT NULL DEFAULT now(),
    "applied_steps_count"   INTEGER NOT NULL DEFAULT 0
)`;

function findPackageRoot(fromDir: string): string {
  // Walk up instead of a fixed '../..' so the same code works from src/ under tsx and from a
  // compiled or bundled copy: the package root is wherever package.json is.
  let dir = fromDir;
  for (;;) {
    if (existsSync(path.join(dir, 'package.json'))) return dir;
    const parent = path.dirname(dir);
    if (parent === dir) throw new Error(`Cannot find Kartla's package.json above ${fromDir}`);
    dir = parent;
  }
}

/** prisma/migrations of the Kartla package, independent of the working directory. */
export const MIGRATIONS_DIR = path.join(
  findPackageRoot(path.dirname(fileURLToPath(import.meta.url))),
  'prisma',
  'migrations',
);

export function checksumOf(bytes: Buffer | string): string {
  return createHash('sha256').update(bytes).digest('hex');
}

// Prisma accepts a recorded checksum if the file matches it with either line ending, because git
// may check a file out with CRLF on Windows; do the same so the two tools agree.
function matchesChecksum(sql: string, recorded: string): boolean {
  if (checksumOf(sql) === recorded) return true;
  const lf = sql.replace(/\r\n/g, '\n');
  if (checksumOf(lf) === recorded) return true;
  return checksumOf(lf.replace(/\n/g, '\r\n')) === recorded;
}

/** The migrations in a folder, in name order (timestamps first, so name order is time order). */
export async function readMigrations(dir: string = MIGRATIONS_DIR): Promise<MigrationFile[]> {
  let entries: string[];
  try {
    entries = await readdir(dir);
  } catch (error) {
    throw new MigrationHistoryError(`Cannot read the migrations folder ${dir}: ${(error as Error).message}`, {
      cause: error,
    });
  }
  const migrations: MigrationFile[] = [];
  for (const name of entries.sort()) {
    const folder = path.join(dir, name);
    if (!(await stat(folder)).isDirectory()) continue;
    const file = path.join(folder, 'migration.sql');
    let bytes: Buffer;
    try {
      bytes = await readFile(file);
    } catch (error) {
      throw new MigrationHistoryError(
        `Migration folder ${folder} has no readable migration.sql (${(error as Error).message}). Every folder under ${dir} must hold one.`,
        { cause: error },
      );
    }
    migrations.push({ name, file, sql: bytes.toString('utf8'), checksum: checksumOf(bytes) });
  }
  return migrations;
}

interface AppliedRow {
  id: string;
  migration_name: string;
  checksum: string;
  finished_at: unknown;
  rolled_back_at: unknown;
}

/**
 * Applies every pending migration, each in its own transaction, so a failure leaves the database
 * at the last good migration and records nothing for the failed one. Refuses to run when an
 * applied migration's file was edited, when the database knows a migration that the folder does
 * not, or when Prisma left a failed migration behind.
 */
export async function applyMigrations(
  target: MigrationTarget,
  opts: { migrationsDir?: string } = {},
): Promise<MigrationReport> {
  const migrations = await readMigrations(opts.migrationsDir ?? MIGRATIONS_DIR);
  const report: MigrationReport = { applied: [], alreadyApplied: [] };
  let first = true;

  // One transaction per migration; the lock is re-taken and the history re-read in each, so a
  // concurrent migrator that got there first is simply seen as having applied it.
  for (;;) {
    const next = await target.transaction(async (tx) => {
      await tx.query(`SELECT pg_advisory_xact_lock(${PRISMA_ADVISORY_LOCK_KEY})`);
      await tx.exec(CREATE_MIGRATIONS_TABLE);
      const rows = await tx.query<AppliedRow>(
        `SELECT id, migration_name, checksum, finished_at, rolled_back_at
           FROM "_prisma_migrations" ORDER BY started_at, migration_name`,
      );
      const applied = checkHistory(migrations, rows);
      if (first) report.alreadyApplied = migrations.filter((m) => applied.has(m.name)).map((m) => m.name);
      const pending = migrations.find((m) => !applied.has(m.name));
      if (!pending) return null;

      const id = randomUUID();
      await tx.query(
        `INSERT INTO "_prisma_migrations" (id, checksum, migration_name, started_at, applied_steps_count)
         VALUES ($1, $2, $3, clock_timestamp(), 0)`,
        [id, pending.checksum, pending.name],
      );
      try {
        await tx.exec(pending.sql);
      } catch (error) {
        throw new MigrationFailedError(pending.name, pending.file, (error as Error).message, { cause: error });
      }
      // clock_timestamp(), not now(): now() is when the transaction began, which for a migrator
      // that waited on the lock is before the migrations it waited for, and would misorder history.
      await tx.query(
        `UPDATE "_prisma_migrations" SET finished_at = clock_timestamp(), applied_steps_count = 1 WHERE id = $1`,
        [id],
      );
      return pending.name;
    });
    first = false;
    if (next === null) return report;
    report.applied.push(next);
  }
}

/** Names of the applied migrations, after checking the history against the files. */
function checkHistory(migrations: MigrationFile[], rows: AppliedRow[]): Set<string> {
  const byName = new Map(migrations.map((m) => [m.name, m]));
  const applied = new Set<string>();
  for (const row of rows) {
    // Rows that `prisma migrate resolve --rolled-back` marked do not count, as for Prisma.
    if (row.rolled_back_at !== null) continue;
    if (row.finished_at === null) {
      // Only Prisma's own runner leaves these (ours rolls the row back with the migration).
      throw new MigrationHistoryError(
        `Migration ${row.migration_name} was started but never finished on this database (a failed \`prisma migrate deploy\`). Inspect the database, then mark it with \`prisma migrate resolve --rolled-back ${row.migration_name}\` or \`--applied\` before starting Kartla again.`,
      );
    }
    const file = byName.get(row.migration_name);
    if (!file) {
      throw new MigrationHistoryError(
        `This database has migration ${row.migration_name} applied, but prisma/migrations has no such folder: it was migrated by a newer or different version of Kartla. Use that version, or a database of this version's own.`,
      );
    }
    if (!matchesChecksum(file.sql, row.checksum)) throw new MigrationChecksumError(file.name, file.file);
    applied.add(row.migration_name);
  }
  return applied;
}

/** A target on a pg pool: one pooled client per transaction. */
export function pgMigrationTarget(pool: pg.Pool): MigrationTarget {
  return {
    async transaction(fn) {
      const client = await pool.connect();
      let broken = false;
      try {
        await client.query('BEGIN');
        const result = await fn({
          async query(sql, params) {
            return (await client.query(sql, params as unknown[] | undefined)).rows;
          },
          async exec(script) {
            // Without parameters pg uses the simple query protocol, which allows many statements.
            await client.query(script);
          },
        });
        await client.query('COMMIT');
        return result;
      } catch (error) {
        await client.query('ROLLBACK').catch(() => {
          broken = true;
        });
        throw error;
      } finally {
        client.release(broken);
      }
    },
  };
}

/** A target on a PGlite instance. */
export function pgliteMigrationTarget(db: PGlite): MigrationTarget {
  return {
    transaction(fn) {
      return db.transaction((tx: PGliteTransaction) =>
        fn({
          async query(sql, params) {
            return (await tx.query(sql, params)).rows as never[];
          },
          async exec(script) {
            await tx.exec(script);
          },
        }),
      );
    },
  };
}

/** `kartla db migrate`: applies pending migrations to an open database. */
export function migrate(db: Pick<Database, 'migrate'>, opts?: { migrationsDir?: string }): Promise<MigrationReport> {
  return db.migrate(opts);
}
