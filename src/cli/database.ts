// Opens the database the environment points at, for commands that need one.

import { readEnvironment } from '../config/environment.ts';
import { openDatabase, type Database } from '../store/database.ts';

export async function openDatabaseFromEnvironment(options: { migrate?: boolean } = {}): Promise<Database> {
  const env = readEnvironment();
  const db = await openDatabase({ databaseUrl: env.databaseUrl ?? undefined, dataDir: env.dataDir, migrate: options.migrate ?? true });
  if (db.generatedKeyFile) {
    process.stderr.write(
      `Kartla generated a secret key at ${db.generatedKeyFile}: it encrypts the phone numbers, contacts and URLs in ${env.dataDir}.\n` +
        'Back it up somewhere safe and separate from the data: without it they cannot be read.\n',
    );
  }
  return db;
}

export async function withDatabase<T>(fn: (db: Database) => Promise<T>, options: { migrate?: boolean } = {}): Promise<T> {
  const db = await openDatabaseFromEnvironment(options);
  try {
    return await fn(db);
  } finally {
    await db.close();
  }
}
