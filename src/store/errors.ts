// Errors of the storage layer. Each one is named so that the CLI can tell a user's mistake
// (bad DATABASE_URL, unknown run id) from a bug, and each message says what to do next.

import { KartlaError } from '../errors.ts';

/** Base class: everything the store throws on purpose. */
export class StoreError extends KartlaError {
  override name = 'StoreError';
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
  }
}

// ---------------------------------------------------------------------------------------------
// Opening a database

/** DATABASE_URL is not a PostgreSQL URL we can use. */
export class DatabaseUrlError extends StoreError {
  override name = 'DatabaseUrlError';
}

/** The PostgreSQL server could not be reached at all (refused, unknown host, timeout). */
export class DatabaseUnreachableError extends StoreError {
  override name = 'DatabaseUnreachableError';
  constructor(
    readonly location: string,
    reason: string,
    options?: { cause?: unknown },
  ) {
    super(`Cannot reach PostgreSQL at ${location}: ${reason}. Is the server running? Check DATABASE_URL.`, options);
  }
}

/** The server answered but refused the user or password. */
export class DatabaseAuthError extends StoreError {
  override name = 'DatabaseAuthError';
  constructor(
    readonly location: string,
    reason: string,
    options?: { cause?: unknown },
  ) {
    super(
      `PostgreSQL at ${location} refused the login: ${reason}. Check the user and password in DATABASE_URL.`,
      options,
    );
  }
}

/** The server is up but the database named in the URL does not exist. */
export class DatabaseNotFoundError extends StoreError {
  override name = 'DatabaseNotFoundError';
  constructor(
    readonly location: string,
    readonly database: string,
    options?: { cause?: unknown },
  ) {
    super(
      `PostgreSQL at ${location} has no database "${database}". Create it (createdb ${database}) or fix DATABASE_URL.`,
      options,
    );
  }
}

/** Any other failure to open PostgreSQL (permissions, server errors). */
export class DatabaseOpenError extends StoreError {
  override name = 'DatabaseOpenError';
}

/** The embedded database's folder cannot be created, read or opened. */
export class DataDirError extends StoreError {
  override name = 'DataDirError';
  constructor(
    readonly dataDir: string,
    reason: string,
    options?: { cause?: unknown },
  ) {
    super(
      `Cannot open the embedded database in ${dataDir}: ${reason}. Check that the folder is writable, or set KARTLA_DATA_DIR to another folder (or DATABASE_URL to use PostgreSQL).`,
      options,
    );
  }
}

/**
 * Another live process has the embedded database open. PGlite has no locking of its own, and
 * two processes writing one data folder corrupt it.
 */
export class DataDirInUseError extends StoreError {
  override name = 'DataDirInUseError';
  constructor(
    readonly dataDir: string,
    readonly pid: number,
    readonly lockFile: string,
  ) {
    super(
      `The embedded database in ${dataDir} is in use by another Kartla process (pid ${pid}). Wait for it to finish, or stop it. If no Kartla process is running, delete ${lockFile}.`,
    );
  }
}

// ---------------------------------------------------------------------------------------------
// Migrations

/** A migration already applied to the database was edited afterwards. */
export class MigrationChecksumError extends StoreError {
  override name = 'MigrationChecksumError';
  constructor(
    readonly migrationName: string,
    readonly file: string,
  ) {
    super(
      `Migration ${migrationName} was changed after it was applied to this database (${file} no longer matches its recorded checksum). Applied migrations must never be edited: restore the file from version control and put the change in a new migration.`,
    );
  }
}

/** A migration's SQL failed; its transaction was rolled back, so the database is as before. */
export class MigrationFailedError extends StoreError {
  override name = 'MigrationFailedError';
  constructor(
    readonly migrationName: string,
    readonly file: string,
    reason: string,
    options?: { cause?: unknown },
  ) {
    super(
      `Migration ${migrationName} failed and was rolled back (${file}): ${reason}. Fix the migration or the database, then start Kartla again.`,
      options,
    );
  }
}

/** The database's migration history does not fit the migrations folder. */
export class MigrationHistoryError extends StoreError {
  override name = 'MigrationHistoryError';
}

// ---------------------------------------------------------------------------------------------
// Runs

/** Writing into a run (or site run) that is no longer running: finished runs are never rewritten. */
export class RunNotWritableError extends StoreError {
  override name = 'RunNotWritableError';
  constructor(
    readonly runId: number,
    readonly status: string,
    what = `run ${runId}`,
  ) {
    super(`Cannot write into ${what}: its status is "${status}", and only a running run takes new data. Start a new run.`);
  }
}

/** The ids handed to a write do not belong together (a bug in the caller, not bad data). */
export class RunContextError extends StoreError {
  override name = 'RunContextError';
}

/** `resolveRunId('latest')` on a database without runs. */
export class NoRunsError extends StoreError {
  override name = 'NoRunsError';
  constructor() {
    super('There are no mapping runs in this database yet. Start one with `kartla map` (or try `kartla demo`), and list runs with `kartla runs`.');
  }
}

/** A run id that does not exist. */
export class RunNotFoundError extends StoreError {
  override name = 'RunNotFoundError';
  constructor(readonly runId: number) {
    super(`There is no run with id ${runId}. Run \`kartla runs\` to list the runs.`);
  }
}

/** `kartla compare` without --from, on a run that has no earlier finished run to compare with. */
export class NoEarlierRunError extends StoreError {
  override name = 'NoEarlierRunError';
  constructor(readonly runId: number) {
    super(`Run ${runId} is the earliest finished run: there is nothing before it to compare with. Give --from <id> (see \`kartla runs\`).`);
  }
}

/** A cluster id that does not exist, or is not in the run asked for. */
export class ClusterNotFoundError extends StoreError {
  override name = 'ClusterNotFoundError';
  constructor(readonly clusterId: number, runId?: number) {
    super(
      runId === undefined
        ? `There is no cluster with id ${clusterId}. List clusters with \`kartla clusters --run latest\`.`
        : `Cluster ${clusterId} is not in run ${runId}. \`kartla cluster show ${clusterId}\` without --run shows it in the last run it was seen in.`,
    );
  }
}

/** A run reference that is neither `latest` nor a run id. */
export class InvalidRunRefError extends StoreError {
  override name = 'InvalidRunRefError';
  constructor(readonly ref: string) {
    super(`"${ref}" is not a run id: give a number or "latest". Run \`kartla runs\` to list the runs.`);
  }
}
