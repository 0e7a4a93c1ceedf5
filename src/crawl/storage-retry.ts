// Writes of a run retried while the database cannot be reached (a restarted server, a network
// cut): the crawl keeps what it read and stores it once the server answers again. Only lost
// connections are retried; an error the store raises on purpose (a run that has ended, a wrong
// site run) or a bad statement is not, since trying again changes nothing.
//
// A retried batch is never stored twice: a snapshot is unique per (run, profile), and a batch that
// did commit before its connection dropped is skipped as duplicates on the retry.

import { KartlaError } from '../errors.ts';

export interface StorageRetryOptions {
  /** Give up after this long without a successful attempt (ms). Default KARTLA_STORAGE_RETRY_MS or 120 s. */
  maxElapsedMs?: number;
  /** First backoff (ms); doubles with each retry up to 5 s. */
  firstBackoffMs?: number;
  onRetry?: (error: unknown, attempt: number, delayMs: number) => void;
}

const CONNECTION_CODES = new Set(['ECONNREFUSED', 'ECONNRESET', 'EPIPE', 'ETIMEDOUT', 'EHOSTUNREACH', 'ENETUNREACH', 'EAI_AGAIN', '57P01', '57P02', '57P03', '08000', '08001', '08003', '08006', 'P1001', 'P1017', 'P2024']);
const CONNECTION_TEXT = /connection (terminated|refused|reset|closed|ended)|ECONNREFUSED|ECONNRESET|Connection terminated|server closed the connection|timeout exceeded when trying to connect|Can't reach database server|terminating connection|Client has encountered a connection error|not queryable/i;

/** Whether an error says the database connection was lost or could not be made. */
export function isConnectionError(error: unknown): boolean {
  for (let e: unknown = error, depth = 0; e && depth < 6; depth += 1) {
    if (e instanceof KartlaError) return false;
    const x = e as { code?: unknown; message?: unknown; cause?: unknown; originalCode?: unknown };
    if (typeof x.code === 'string' && CONNECTION_CODES.has(x.code)) return true;
    if (typeof x.originalCode === 'string' && CONNECTION_CODES.has(x.originalCode)) return true;
    if (typeof x.message === 'string' && CONNECTION_TEXT.test(x.message)) return true;
    e = x.cause;
  }
  return false;
}

export async function withStorageRetry<T>(fn: () => Promise<T>, opts: StorageRetryOptions = {}): Promise<T> {
  const maxElapsed = opts.maxElapsedMs ?? (Number(process.env.KARTLA_STORAGE_RETRY_MS) || 120_000);
  let backoff = opts.firstBackoffMs ?? 250;
  const started = Date.now();
  for (let attempt = 1; ; attempt += 1) {
    try {
      return await fn();
    } catch (error) {
      if (!isConnectionError(error) || Date.now() - started + backoff > maxElapsed) throw error;
      opts.onRetry?.(error, attempt, backoff);
      await new Promise((resolve) => setTimeout(resolve, backoff));
      backoff = Math.min(backoff * 2, 5_000);
    }
  }
}
