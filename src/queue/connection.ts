// Redis for the queue path: REDIS_URL (default redis://127.0.0.1:6379), a key prefix per
// deployment (KARTLA_QUEUE_PREFIX, default "kartla"; tests use one each), and the settings of
// site jobs, read from the environment so that every worker of a deployment shares them.

import { Redis, type RedisOptions } from 'ioredis';
import { KartlaError, UsageError } from '../errors.ts';

export const DEFAULT_REDIS_URL = 'redis://127.0.0.1:6379';

/** Redis cannot be reached: exit 1 (the same command works once it is up). */
export class RedisUnreachableError extends KartlaError {}

export function redisUrl(env: NodeJS.ProcessEnv = process.env): string {
  const url = env.REDIS_URL?.trim() || DEFAULT_REDIS_URL;
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    throw new UsageError(`REDIS_URL is not a valid URL (expected redis://HOST:PORT[/DB]); unset it for ${DEFAULT_REDIS_URL}.`);
  }
  if (parsed.protocol !== 'redis:' && parsed.protocol !== 'rediss:') {
    throw new UsageError(`REDIS_URL must start with redis:// or rediss:// (got ${parsed.protocol}//).`);
  }
  return url;
}

/** The URL as safe to print: no password. */
export function redactRedisUrl(url: string): string {
  const u = new URL(url);
  u.password = '';
  return u.toString();
}

export function queuePrefix(env: NodeJS.ProcessEnv = process.env): string {
  const prefix = env.KARTLA_QUEUE_PREFIX?.trim() || 'kartla';
  if (!/^[A-Za-z0-9_.-]{1,64}$/.test(prefix)) throw new UsageError('KARTLA_QUEUE_PREFIX must be 1-64 letters, digits, _, . or -.');
  return prefix;
}

/**
 * A Redis connection. `worker: true` is what BullMQ workers need (maxRetriesPerRequest: null:
 * commands wait through a Redis restart instead of failing); other clients fail fast after a few
 * tries so that a command line tool says Redis is down rather than hanging.
 */
export function createRedis(url: string, opts: { worker: boolean }): Redis {
  const options: RedisOptions = {
    maxRetriesPerRequest: opts.worker ? null : 3,
    enableReadyCheck: true,
    connectTimeout: 5_000,
    // Reconnect for ever, backing off to 2 s: a restarted Redis is picked up within seconds.
    retryStrategy: (times) => Math.min(times * 200, 2_000),
  };
  const redis = new Redis(url, options);
  // Connection errors are reported by the commands that meet them; an unhandled 'error' would end the process.
  redis.on('error', () => {});
  return redis;
}

/** Checks that Redis answers; throws RedisUnreachableError with a hint otherwise. */
export async function checkRedis(url: string, timeoutMs = 5_000): Promise<void> {
  const redis = new Redis(url, { lazyConnect: true, connectTimeout: timeoutMs, maxRetriesPerRequest: 0, retryStrategy: () => null, enableOfflineQueue: false });
  let cause: Error | null = null;
  redis.on('error', (error: Error) => (cause ??= error));
  try {
    await redis.connect();
    await redis.ping();
  } catch (error) {
    throw new RedisUnreachableError(
      `Cannot reach Redis at ${redactRedisUrl(url)} (${(cause ?? (error as Error)).message}). Start Redis, or point REDIS_URL at it (redis://HOST:PORT).`,
      { cause: error },
    );
  } finally {
    redis.disconnect();
  }
}

function envInt(env: NodeJS.ProcessEnv, name: string, fallback: number, min: number): number {
  const raw = env[name]?.trim();
  if (!raw) return fallback;
  const n = Number(raw);
  if (!Number.isInteger(n) || n < min) throw new UsageError(`${name} must be a whole number of at least ${min} (got "${raw}").`);
  return n;
}

export interface QueueSettings {
  /** Attempts of a site job before the site is recorded failed (KARTLA_SITE_ATTEMPTS, default 3). */
  siteAttempts: number;
  /** First retry delay of a site job; doubles with each attempt (KARTLA_SITE_BACKOFF_MS, default 30 s). */
  siteBackoffMs: number;
  /** How long a worker's hold on a job lasts without renewal (KARTLA_JOB_LOCK_MS, default 30 s). */
  lockDurationMs: number;
  /** How often workers look for jobs whose worker died (KARTLA_STALLED_INTERVAL_MS, default 30 s). */
  stalledIntervalMs: number;
  /** Time to live of the per-site crawl lock, renewed while crawling (KARTLA_SITE_LOCK_MS, default 60 s). */
  siteLockMs: number;
  /** How often a worker looks for runs whose jobs Redis lost (KARTLA_RECOVER_INTERVAL_MS, default 60 s). */
  recoverIntervalMs: number;
  /** Profiles per snapshot batch (one transaction) of a site job (KARTLA_SNAPSHOT_BATCH, default 250). */
  snapshotBatch: number;
}

export function queueSettings(env: NodeJS.ProcessEnv = process.env): QueueSettings {
  return {
    siteAttempts: envInt(env, 'KARTLA_SITE_ATTEMPTS', 3, 1),
    siteBackoffMs: envInt(env, 'KARTLA_SITE_BACKOFF_MS', 30_000, 0),
    lockDurationMs: envInt(env, 'KARTLA_JOB_LOCK_MS', 30_000, 1_000),
    stalledIntervalMs: envInt(env, 'KARTLA_STALLED_INTERVAL_MS', 30_000, 500),
    siteLockMs: envInt(env, 'KARTLA_SITE_LOCK_MS', 60_000, 1_000),
    recoverIntervalMs: envInt(env, 'KARTLA_RECOVER_INTERVAL_MS', 60_000, 500),
    snapshotBatch: envInt(env, 'KARTLA_SNAPSHOT_BATCH', 250, 1),
  };
}
