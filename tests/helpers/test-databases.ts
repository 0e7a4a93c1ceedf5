// Real databases for tests, on both drivers: an in-memory PGlite, and a fresh PostgreSQL database
// on the server named by TEST_DATABASE_URL. Without that variable the PostgreSQL variant is
// skipped, visibly; with it, an unreachable server fails the tests (CI sets it and must not
// silently skip).

import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { describe } from 'vitest';
import { MEMORY_DATA_DIR, isAlive, openDatabase, type Database, type Driver } from '../../src/store/database.ts';

export const drivers = ['pglite', 'postgres'] as const satisfies readonly Driver[];

export type TestDatabase = Database & {
  /** The full URL (password included) of a PostgreSQL test database, to open it a second time; null on PGlite. */
  url: string | null;
  /** Closes the database and, on PostgreSQL, drops it. */
  drop(): Promise<void>;
};

const PREFIX = 'kartla_test_';

/** Why the postgres variant is skipped, or null when it runs. */
export function postgresSkipReason(): string | null {
  return process.env.TEST_DATABASE_URL ? null : 'TEST_DATABASE_URL is not set';
}

/**
 * Runs `fn` once per driver inside a describe named after it. The postgres variant is skipped
 * (with the reason in its name) when TEST_DATABASE_URL is unset.
 */
export function describeDrivers(name: string, fn: (driver: Driver) => void): void {
  for (const driver of drivers) {
    const reason = driver === 'postgres' ? postgresSkipReason() : null;
    describe.skipIf(reason !== null)(`${name} [${driver}${reason ? ` skipped: ${reason}` : ''}]`, () => fn(driver));
  }
}

export async function openTestDatabase(
  driver: Driver,
  opts: { migrate?: boolean } = {},
): Promise<TestDatabase> {
  if (driver === 'pglite') {
    const db = await openDatabase({ dataDir: MEMORY_DATA_DIR, migrate: opts.migrate ?? true });
    return Object.assign(db, { url: null, drop: () => db.close() });
  }
  const { url, drop } = await createPostgresDatabase();
  try {
    const db = await openDatabase({ databaseUrl: url, migrate: opts.migrate ?? true });
    const close = db.close.bind(db);
    return Object.assign(db, {
      url,
      async drop() {
        await close();
        await drop();
      },
    });
  } catch (error) {
    await drop().catch(() => {});
    throw error;
  }
}

/** The URL of the server named by TEST_DATABASE_URL with another database name. */
export function withDatabaseName(serverUrl: string, name: string): string {
  const u = new URL(serverUrl);
  u.pathname = `/${name}`;
  return u.toString();
}

let sweptLeftovers = false;

/** A new, empty, randomly named database on the TEST_DATABASE_URL server. */
export async function createPostgresDatabase(): Promise<{ url: string; name: string; drop(): Promise<void> }> {
  const serverUrl = process.env.TEST_DATABASE_URL;
  if (!serverUrl) throw new Error('TEST_DATABASE_URL is not set: cannot create a PostgreSQL test database.');
  const name = `${PREFIX}${process.pid}_${randomBytes(4).toString('hex')}`;
  await admin(serverUrl, async (client) => {
    if (!sweptLeftovers) {
      sweptLeftovers = true;
      await dropLeftovers(client);
    }
    await client.query(`CREATE DATABASE "${name}"`);
  });
  return {
    url: withDatabaseName(serverUrl, name),
    name,
    drop: () => admin(serverUrl, (client) => client.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`).then(() => {})),
  };
}

async function admin<T>(serverUrl: string, fn: (client: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: serverUrl, connectionTimeoutMillis: 10_000 });
  client.on('error', () => {});
  try {
    await client.connect();
  } catch (error) {
    throw new Error(
      `TEST_DATABASE_URL is set but its server cannot be reached (${(error as Error).message}). Start PostgreSQL, or unset TEST_DATABASE_URL to skip the PostgreSQL tests.`,
      { cause: error },
    );
  }
  try {
    return await fn(client);
  } finally {
    await client.end().catch(() => {});
  }
}

// Test processes killed before their afterAll leave databases behind; those named after a pid
// that no longer exists are theirs.
async function dropLeftovers(client: pg.Client): Promise<void> {
  const { rows } = await client.query<{ datname: string }>(
    `SELECT datname FROM pg_database WHERE datname LIKE '${PREFIX}%'`,
  );
  for (const { datname } of rows) {
    const pid = Number(/^kartla_test_(\d+)_/.exec(datname)?.[1]);
    if (!Number.isInteger(pid) || pid === process.pid || isAlive(pid)) continue;
    await client.query(`DROP DATABASE IF EXISTS "${datname}" WITH (FORCE)`).catch(() => {});
  }
}

