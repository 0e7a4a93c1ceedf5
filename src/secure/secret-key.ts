// Where the secret behind the identifier keys comes from: KARTLA_SECRET_KEY (64 hex digits or
// base64 of 32 bytes), or a key file (KARTLA_SECRET_KEY_FILE) that only its owner can read. The
// embedded default, which one person runs on one machine, may generate its key into its data
// folder on first run; a PostgreSQL database is shared, so there the key must be given: a key
// generated on one machine would make the data unreadable from every other.

import { chmodSync, existsSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { randomBytes } from 'node:crypto';
import { ConfigError } from '../errors.ts';
import { SECRET_BYTES } from './identifier-cipher.ts';

export interface SecretSource {
  secret: Buffer;
  /** Where it came from, for messages (never the key itself). */
  origin: 'environment' | 'key file' | 'generated';
  /** The key file read or written, when there is one. */
  file: string | null;
}

export const KEY_FILE_NAME = 'secret.key';

/** The secret in a text: 64 hex digits or base64 of 32 bytes, surrounding space ignored. */
export function parseSecret(text: string, where: string): Buffer {
  const t = text.trim();
  const bytes = /^[0-9a-f]{64}$/i.test(t) ? Buffer.from(t, 'hex') : /^[A-Za-z0-9+/_-]{43}=?$/.test(t) ? Buffer.from(t, 'base64') : null;
  if (!bytes || bytes.length !== SECRET_BYTES) {
    throw new ConfigError(`${where} is not a secret key: it must be 64 hex digits or the base64 of 32 random bytes (make one with: kartla keys new)`);
  }
  return bytes;
}

/** A new random secret, written as 64 hex digits. */
export function newSecretText(): string {
  return randomBytes(SECRET_BYTES).toString('hex');
}

/** Reads a key file, refusing one that others than its owner may read or write. */
export function readKeyFile(file: string): Buffer {
  let mode: number;
  try {
    mode = statSync(file).mode;
  } catch (error) {
    throw new ConfigError(`cannot read the key file ${file} (${(error as NodeJS.ErrnoException).code ?? (error as Error).message}); check KARTLA_SECRET_KEY_FILE`, { cause: error });
  }
  if (process.platform !== 'win32' && (mode & 0o077) !== 0) {
    throw new ConfigError(`the key file ${file} can be read or written by other users (mode ${(mode & 0o777).toString(8)}); run: chmod 600 ${file}`);
  }
  return parseSecret(readFileSync(file, 'utf8'), `the key file ${file}`);
}

export interface SecretOptions {
  env?: NodeJS.ProcessEnv;
  /** The embedded database's folder; null for PostgreSQL (no key is generated there). */
  dataDir: string | null;
}

export function loadSecret(opts: SecretOptions): SecretSource {
  const env = opts.env ?? process.env;
  const inline = env.KARTLA_SECRET_KEY?.trim();
  if (inline) return { secret: parseSecret(inline, 'KARTLA_SECRET_KEY'), origin: 'environment', file: null };
  const file = env.KARTLA_SECRET_KEY_FILE?.trim();
  if (file) return { secret: readKeyFile(path.resolve(file)), origin: 'key file', file: path.resolve(file) };
  if (opts.dataDir === null) {
    throw new ConfigError(
      'With PostgreSQL (DATABASE_URL) Kartla needs the secret key that protects phone numbers, contacts and URLs: set KARTLA_SECRET_KEY or KARTLA_SECRET_KEY_FILE (make one with: kartla keys new). Every machine that uses the database needs the same key.',
    );
  }
  const own = path.join(opts.dataDir, KEY_FILE_NAME);
  if (existsSync(own)) return { secret: readKeyFile(own), origin: 'key file', file: own };
  const text = newSecretText();
  // wx: never overwrite a key another process wrote a moment ago.
  try {
    writeFileSync(own, `${text}\n`, { mode: 0o600, flag: 'wx' });
    chmodSync(own, 0o600);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'EEXIST') return { secret: readKeyFile(own), origin: 'key file', file: own };
    throw new ConfigError(`cannot write a new secret key to ${own} (${(error as Error).message})`, { cause: error });
  }
  return { secret: Buffer.from(text, 'hex'), origin: 'generated', file: own };
}
