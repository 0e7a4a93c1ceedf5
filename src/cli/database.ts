// Opens the database the environment points at, for commands that need one.

import { readEnvironment } from '../config/environment.ts';
import { openDatabase, type Database } from '../store/database.ts';

export async function openDatabaseFromEnvironment(options: { migrate?: boolean } = {}): Promise<Database> {
  const env = readEnvironment();
  return openDatabase({ databaseUrl: env.databaseUrl ?? undefined, dataDir: env.dataDir, migrate: options.migrate ?? true });
}

export async function withDatabase<T>(fn: (db: Database) => Promise<T>, options: { migrate?: boolean } = {}): Promise<T> {
  const db = await openDatabaseFromEnvironment(options);
  try {
    return await fn(db);
  } finally {
    await db.close();
  }
}
