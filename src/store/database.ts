// Opens Kartla's database: PostgreSQL when a URL is given, else the embedded PGlite in a folder.
// Both serve the same Prisma schema and the same SQL migrations (docs/decisions/0001-storage.md).

import { closeSync, mkdirSync, openSync, readFileSync, unlinkSync, writeSync } from 'node:fs';
import { randomBytes } from 'node:crypto';
import { hostname } from 'node:os';
import path from 'node:path';
import { PGlite } from '@electric-sql/pglite';
import { PrismaPg } from '@prisma/adapter-pg';
import pg from 'pg';
import { PrismaPGlite } from 'pglite-prisma-adapter';
import { PrismaClient } from '../generated/prisma/client.ts';
import { IdentifierCipher, SECRET_BYTES } from '../secure/identifier-cipher.ts';
import { loadSecret } from '../secure/secret-key.ts';
import { sealLegacyIdentifiers } from './legacy-identifiers.ts';
import {
  DataDirError,
  DataDirInUseError,
  DatabaseAuthError,
  DatabaseNotFoundError,
  DatabaseOpenError,
  DatabaseUnreachableError,
  DatabaseUrlError,
  StoreError,
} from './errors.ts';
import {
  applyMigrations,
  pgliteMigrationTarget,
  pgMigrationTarget,
  type MigrationReport,
  type MigrationTarget,
} from './migrate.ts';

export type Driver = 'postgres' | 'pglite';

export interface Database {
  prisma: PrismaClient;
  driver: Driver;
  /** The URL without its password, or the data folder (`memory://` for an in-memory database). */
  location: string;
  /**
   * Applies pending migrations; openDatabase already does this unless `migrate: false`.
   * `migrationsDir` exists for tests; Kartla always uses its own prisma/migrations.
   */
  migrate(opts?: { migrationsDir?: string }): Promise<MigrationReport>;
  close(): Promise<void>;
  /** Encrypts and hashes identifiers (phones, contacts, URLs); see src/secure/identifier-cipher.ts. */
  cipher: IdentifierCipher;
  /** Set when this open generated a new secret key into the data folder (the caller says so). */
  generatedKeyFile: string | null;
}

export interface OpenDatabaseOptions {
  /** PostgreSQL URL (callers pass process.env.DATABASE_URL); when set, PGlite is not used. */
  databaseUrl?: string;
  /** Folder of the embedded database (KARTLA_DATA_DIR or './data'); `memory://` keeps it in memory. */
  dataDir?: string;
  /** Apply pending migrations on open; default true. */
  migrate?: boolean;
  /**
   * The secret behind the identifier keys. Default: KARTLA_SECRET_KEY / KARTLA_SECRET_KEY_FILE,
   * else (embedded database only) the data folder's key, generated on first use; an in-memory
   * database without either gets a random one.
   */
  secret?: Buffer;
  /** Where KARTLA_SECRET_KEY and KARTLA_SECRET_KEY_FILE are read (default process.env). */
  env?: NodeJS.ProcessEnv;
}

export const MEMORY_DATA_DIR = 'memory://';

/**
 * Which runs are being worked on by a live process, so that markStaleRunsInterrupted can tell a
 * run whose process died from one that is still going.
 */
export interface RunLeases {
  /** Marks a run as owned by this process until released or until the process dies. */
  hold(runId: number): Promise<void>;
  release(runId: number): Promise<void>;
  /** True while some live process (this one included) holds the run. */
  isHeld(runId: number): Promise<boolean>;
}

// Keyed by the client, not the Database object, so that wrappers like `{ ...db, drop }` still find it.
const leasesByClient = new WeakMap<object, RunLeases>();

/** The run leases of a database opened by openDatabase. */
export function runLeases(db: Pick<Database, 'prisma'>): RunLeases {
  const leases = leasesByClient.get(db.prisma);
  if (!leases) throw new StoreError('This Database was not opened by openDatabase(); run leases are unavailable.');
  return leases;
}

type OpenedDatabase = Omit<Database, 'cipher' | 'generatedKeyFile'>;

/** The secret for this open; read before the database is touched, so a missing key changes nothing. */
function secretFor(opts: OpenDatabaseOptions): { secret: Buffer; generatedKeyFile: string | null } {
  if (opts.secret) return { secret: opts.secret, generatedKeyFile: null };
  const env = opts.env ?? process.env;
  const dataDir = opts.databaseUrl ? null : (opts.dataDir ?? './data');
  if (dataDir === MEMORY_DATA_DIR) {
    const given = env.KARTLA_SECRET_KEY?.trim() || env.KARTLA_SECRET_KEY_FILE?.trim();
    return { secret: given ? loadSecret({ env, dataDir: null }).secret : randomBytes(SECRET_BYTES), generatedKeyFile: null };
  }
  if (dataDir !== null) {
    try {
      mkdirSync(dataDir, { recursive: true });
    } catch (error) {
      throw new DataDirError(dataDir, (error as Error).message, { cause: error });
    }
  }
  const source = loadSecret({ env, dataDir });
  return { secret: source.secret, generatedKeyFile: source.origin === 'generated' ? source.file : null };
}

export async function openDatabase(opts: OpenDatabaseOptions = {}): Promise<Database> {
  const { secret, generatedKeyFile } = secretFor(opts);
  const opened: OpenedDatabase = opts.databaseUrl ? await openPostgres(opts.databaseUrl) : await openPglite(opts.dataDir ?? './data');
  const db: Database = Object.assign(opened, { cipher: new IdentifierCipher(secret), generatedKeyFile });
  if (opts.migrate ?? true) {
    try {
      await db.migrate();
      await sealLegacyIdentifiers(db);
    } catch (error) {
      await db.close().catch(() => {});
      throw error;
    }
  }
  return db;
}

// ---------------------------------------------------------------------------------------------
// PostgreSQL

/** The URL as safe to print: no password, neither in the userinfo nor as a query parameter. */
export function redactUrl(url: string): string {
  try {
    const u = new URL(url);
    u.password = '';
    u.searchParams.delete('password');
    return u.toString();
  } catch {
    return '(unparseable DATABASE_URL)';
  }
}

function parsePostgresUrl(url: string): URL {
  let u: URL;
  try {
    u = new URL(url);
  } catch {
    throw new DatabaseUrlError(
      `DATABASE_URL is not a valid URL. Expected postgresql://USER[:PASSWORD]@HOST[:PORT]/DATABASE, or unset it to use the embedded database.`,
    );
  }
  if (u.protocol !== 'postgresql:' && u.protocol !== 'postgres:') {
    throw new DatabaseUrlError(
      `DATABASE_URL must start with postgresql:// (got ${u.protocol}//). Unset it to use the embedded database.`,
    );
  }
  return u;
}

// Advisory-lock namespace (first key of the two-key form) for run leases; the second key is the run id.
const RUN_LEASE_NAMESPACE = 0x4b52554e; // "KRUN"

async function openPostgres(url: string): Promise<OpenedDatabase> {
  const parsed = parsePostgresUrl(url);
  const location = redactUrl(url);
  const databaseName = decodeURIComponent(parsed.pathname.replace(/^\//, '')) || parsed.username || 'postgres';
  // Without a timeout pg waits forever on a host that drops packets; a CLI should say so instead.
  const config: pg.PoolConfig = { connectionString: url, connectionTimeoutMillis: 10_000 };
  const pool = new pg.Pool(config);
  // An idle client losing its server emits 'error' on the pool; unhandled, that kills the process.
  pool.on('error', () => {});
  try {
    await pool.query('SELECT 1');
  } catch (error) {
    await pool.end().catch(() => {});
    throw classifyPgError(error, location, databaseName);
  }

  const prisma = new PrismaClient({ adapter: new PrismaPg(pool) });
  const leases = new PgRunLeases(pool, config);
  leasesByClient.set(prisma, leases);
  const target = pgMigrationTarget(pool);
  let closed = false;
  return {
    prisma,
    driver: 'postgres',
    location,
    migrate: (o) => applyMigrations(target, o),
    async close() {
      if (closed) return;
      closed = true;
      await prisma.$disconnect();
      await leases.close();
      await pool.end();
    },
  };
}

function classifyPgError(error: unknown, location: string, databaseName: string): StoreError {
  const e = error as { code?: string; message?: string; errors?: { code?: string }[] };
  // Node's happy-eyeballs connect (localhost → ::1 and 127.0.0.1) reports an AggregateError.
  const code = e.code ?? e.errors?.find((x) => x.code)?.code;
  const message = e.message ?? String(error);
  switch (code) {
    case 'ECONNREFUSED':
      return new DatabaseUnreachableError(location, 'connection refused', { cause: error });
    case 'ENOTFOUND':
    case 'EAI_AGAIN':
      return new DatabaseUnreachableError(location, 'unknown host', { cause: error });
    case 'ETIMEDOUT':
    case 'EHOSTUNREACH':
    case 'ENETUNREACH':
      return new DatabaseUnreachableError(location, 'no answer from the host', { cause: error });
    case 'ECONNRESET':
      return new DatabaseUnreachableError(location, 'the connection was reset', { cause: error });
    case '28P01':
    case '28000':
      return new DatabaseAuthError(location, message, { cause: error });
    case '3D000':
      return new DatabaseNotFoundError(location, databaseName, { cause: error });
  }
  if (/timeout/i.test(message)) {
    return new DatabaseUnreachableError(location, 'connection timed out', { cause: error });
  }
  if (/SASL|password/i.test(message)) {
    return new DatabaseAuthError(location, message, { cause: error });
  }
  return new DatabaseOpenError(`Cannot open PostgreSQL at ${location}: ${message}. Check DATABASE_URL and the server's log.`, {
    cause: error,
  });
}

/**
 * Session advisory locks on one dedicated connection: PostgreSQL drops them when the process
 * dies (kill -9 included), which is exactly the signal we need. Assumes the connection lives as
 * long as the process; if it drops, this process's runs look stale to others.
 */
class PgRunLeases implements RunLeases {
  private client: pg.Client | null = null;
  private connecting: Promise<pg.Client> | null = null;

  constructor(
    private readonly pool: pg.Pool,
    private readonly config: pg.ClientConfig,
  ) {}

  private lockClient(): Promise<pg.Client> {
    if (this.client) return Promise.resolve(this.client);
    this.connecting ??= (async () => {
      const client = new pg.Client(this.config);
      client.on('error', () => {
        this.client = null;
        this.connecting = null;
      });
      await client.connect();
      this.client = client;
      return client;
    })();
    return this.connecting;
  }

  async hold(runId: number): Promise<void> {
    const client = await this.lockClient();
    await client.query('SELECT pg_advisory_lock($1, $2)', [RUN_LEASE_NAMESPACE, runId]);
  }

  async release(runId: number): Promise<void> {
    if (!this.client) return;
    await this.client.query('SELECT pg_advisory_unlock($1, $2)', [RUN_LEASE_NAMESPACE, runId]);
  }

  async isHeld(runId: number): Promise<boolean> {
    // Ask from a pooled session, never the lock client: a session can always re-take its own lock.
    const client = await this.pool.connect();
    try {
      const { rows } = await client.query<{ got: boolean }>('SELECT pg_try_advisory_lock($1, $2) AS got', [
        RUN_LEASE_NAMESPACE,
        runId,
      ]);
      if (rows[0]?.got) {
        await client.query('SELECT pg_advisory_unlock($1, $2)', [RUN_LEASE_NAMESPACE, runId]);
        return false;
      }
      return true;
    } finally {
      client.release();
    }
  }

  async close(): Promise<void> {
    const client = this.client ?? (this.connecting ? await this.connecting.catch(() => null) : null);
    this.client = null;
    this.connecting = null;
    await client?.end().catch(() => {});
  }
}

// ---------------------------------------------------------------------------------------------
// PGlite

/**
 * PGlite runs inside this process, and the data-folder lock below keeps every other process out,
 * so a run is live exactly when this process is working on it.
 */
class InProcessRunLeases implements RunLeases {
  private readonly held = new Set<number>();
  async hold(runId: number): Promise<void> {
    this.held.add(runId);
  }
  async release(runId: number): Promise<void> {
    this.held.delete(runId);
  }
  async isHeld(runId: number): Promise<boolean> {
    return this.held.has(runId);
  }
}

// Data folders this process has open, to tell our own lock file from a stale one whose dead owner
// happened to have our pid (pids repeat across container restarts).
const openDataDirs = new Set<string>();

interface LockOwner {
  pid: number;
  host: string;
  since: string;
}

/** Whether a process with this pid exists (EPERM: it exists but belongs to another user). */
export function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/**
 * PGlite has no locking of its own, and two processes on one data folder corrupt it: take a lock
 * file naming our pid. A lock whose process is gone (on this host) is stale and taken over; one
 * from another host cannot be checked, so it is respected and the error says how to clear it.
 */
function lockDataDir(dataDir: string): () => void {
  const lockFile = path.join(dataDir, 'kartla.lock');
  const key = path.resolve(dataDir);
  for (let attempt = 0; ; attempt++) {
    try {
      const fd = openSync(lockFile, 'wx');
      const owner: LockOwner = { pid: process.pid, host: hostname(), since: new Date().toISOString() };
      writeSync(fd, JSON.stringify(owner));
      closeSync(fd);
      openDataDirs.add(key);
      const release = () => {
        openDataDirs.delete(key);
        try {
          const current = JSON.parse(readFileSync(lockFile, 'utf8')) as LockOwner;
          if (current.pid === process.pid) unlinkSync(lockFile);
        } catch {
          // Already gone, or taken over: nothing of ours to remove.
        }
      };
      // A normal exit without close() must not leave a lock that the next run has to clear.
      process.once('exit', release);
      return () => {
        process.off('exit', release);
        release();
      };
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') {
        throw new DataDirError(dataDir, `cannot create ${lockFile} (${(error as Error).message})`, { cause: error });
      }
      if (attempt > 0) throw new DataDirInUseError(dataDir, readOwner(lockFile)?.pid ?? 0, lockFile);
      const owner = readOwner(lockFile);
      const stale =
        owner !== null &&
        owner.host === hostname() &&
        (owner.pid === process.pid ? !openDataDirs.has(key) : !isAlive(owner.pid));
      // An unreadable lock file is most likely one being written this instant by another process.
      if (!stale) throw new DataDirInUseError(dataDir, owner?.pid ?? 0, lockFile);
      try {
        unlinkSync(lockFile);
      } catch {
        // Another process removed it first; the retry decides who wins.
      }
    }
  }
}

function readOwner(lockFile: string): LockOwner | null {
  try {
    const owner = JSON.parse(readFileSync(lockFile, 'utf8')) as Partial<LockOwner>;
    return typeof owner.pid === 'number' && typeof owner.host === 'string'
      ? { pid: owner.pid, host: owner.host, since: String(owner.since) }
      : null;
  } catch {
    return null;
  }
}

// A fresh PGlite cluster takes seconds to initialise (initdb in Wasm); loading a copy of one
// takes well under one. In-memory databases (tests, mostly) therefore start from a copy of the
// first one this process made, taken before anything was written to it.
let emptyClusterImage: Promise<File | Blob> | null = null;

async function createInMemoryPglite(): Promise<PGlite> {
  if (emptyClusterImage) {
    try {
      return await PGlite.create({ loadDataDir: await emptyClusterImage });
    } catch {
      // The image failed to build or load: fall back to a cluster of its own.
      return PGlite.create();
    }
  }
  const pglite = await PGlite.create();
  emptyClusterImage = pglite.dumpDataDir('none');
  await emptyClusterImage.catch(() => {
    emptyClusterImage = null;
  });
  return pglite;
}

async function openPglite(dataDir: string): Promise<OpenedDatabase> {
  const inMemory = dataDir === MEMORY_DATA_DIR;
  let unlock = () => {};
  let pglite: PGlite;
  if (inMemory) {
    pglite = await createInMemoryPglite();
  } else {
    try {
      mkdirSync(dataDir, { recursive: true });
    } catch (error) {
      throw new DataDirError(dataDir, (error as Error).message, { cause: error });
    }
    unlock = lockDataDir(dataDir);
    try {
      pglite = await PGlite.create(path.join(dataDir, 'pglite'));
    } catch (error) {
      unlock();
      throw new DataDirError(
        dataDir,
        `PGlite could not open ${path.join(dataDir, 'pglite')} (${(error as Error).message ?? String(error)}); the folder may be damaged or from an incompatible PGlite version`,
        { cause: error },
      );
    }
  }

  const prisma = new PrismaClient({ adapter: new PrismaPGlite(pglite) });
  leasesByClient.set(prisma, new InProcessRunLeases());
  const target: MigrationTarget = pgliteMigrationTarget(pglite);
  let closed = false;
  return {
    prisma,
    driver: 'pglite',
    location: inMemory ? MEMORY_DATA_DIR : path.resolve(dataDir),
    migrate: (o) => applyMigrations(target, o),
    async close() {
      if (closed) return;
      closed = true;
      try {
        await prisma.$disconnect();
        await pglite.close();
      } finally {
        unlock();
      }
    },
  };
}
