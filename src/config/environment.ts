// Settings that come from the environment rather than the sites file (README, "Configuration").

import path from 'node:path';

export interface Environment {
  /** PostgreSQL connection string; without it Kartla uses the embedded database. */
  databaseUrl: string | null;
  /** Folder of the embedded database (and, later, keys): KARTLA_DATA_DIR or ./data. */
  dataDir: string;
}

export function readEnvironment(env: NodeJS.ProcessEnv = process.env): Environment {
  const databaseUrl = env.DATABASE_URL?.trim() || null;
  const dataDir = path.resolve(env.KARTLA_DATA_DIR?.trim() || 'data');
  return { databaseUrl, dataDir };
}
