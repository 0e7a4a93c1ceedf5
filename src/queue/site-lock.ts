// Politeness across workers: a site is crawled by at most one worker at a time, so its request
// rate stays under the sites file's limit however many workers there are (each crawl paces itself
// to that limit).
//
// Why a Redis lock and not a BullMQ feature: per-group concurrency is BullMQ Pro only, and a queue
// per site would need every worker to listen on every site's queue. A lock key per site with a
// time to live, renewed while the crawl goes on, needs nothing else: a worker that dies (SIGKILL,
// power loss) stops renewing, the key expires, and the job taken up again by another worker gets
// the lock then. A job that finds its site locked is put back as delayed (not counted as an attempt).
//
// Renewal re-takes the key when it vanished (a Redis restarted without persistence), and reports
// the lock lost only when another worker holds it: the crawl then stops and hands its job back.

import { randomUUID } from 'node:crypto';
import type { Redis } from 'ioredis';

const RENEW = `
local v = redis.call('GET', KEYS[1])
if v == ARGV[1] then redis.call('PEXPIRE', KEYS[1], ARGV[2]) return 1 end
if not v then redis.call('SET', KEYS[1], ARGV[1], 'PX', ARGV[2]) return 2 end
return 0`;

const RELEASE = `
if redis.call('GET', KEYS[1]) == ARGV[1] then return redis.call('DEL', KEYS[1]) end
return 0`;

export interface SiteLock {
  /** Aborted when another worker holds the site's lock now (ours expired). */
  lost: AbortSignal;
  release(): Promise<void>;
}

export class SiteLocks {
  constructor(
    private readonly redis: Redis,
    private readonly prefix: string,
    private readonly ttlMs: number,
  ) {}

  private key(siteId: string): string {
    return `${this.prefix}:site-lock:${siteId}`;
  }

  /** Who holds a site's lock (a token), or null. */
  holder(siteId: string): Promise<string | null> {
    return this.redis.get(this.key(siteId));
  }

  /** The site's lock, or null when another worker holds it. */
  async acquire(siteId: string): Promise<SiteLock | null> {
    const key = this.key(siteId);
    const token = randomUUID();
    const got = await this.redis.set(key, token, 'PX', this.ttlMs, 'NX');
    if (got !== 'OK') return null;
    const lost = new AbortController();
    const timer = setInterval(() => {
      this.redis
        .eval(RENEW, 1, key, token, String(this.ttlMs))
        .then((r) => {
          if (r === 0) lost.abort(new Error(`the crawl lock of site ${siteId} passed to another worker`));
        })
        // Redis down: keep crawling; the renewal after it is back re-takes or reports the lock.
        .catch(() => {});
    }, Math.max(250, Math.floor(this.ttlMs / 3)));
    timer.unref();
    return {
      lost: lost.signal,
      release: async () => {
        clearInterval(timer);
        await this.redis.eval(RELEASE, 1, key, token).catch(() => {});
      },
    };
  }
}
