// What the queue commands (worker, scheduler, map --queue) need from the environment: PostgreSQL
// (the embedded database belongs to one process, and workers are many) and a Redis that answers.

import { readEnvironment } from '../config/environment.ts';
import { UsageError } from '../errors.ts';
import { checkRedis, createRedis, queuePrefix, queueSettings, redisUrl, type QueueSettings } from './connection.ts';
import type { Redis } from 'ioredis';

export interface QueueEnvironment {
  redisUrl: string;
  prefix: string;
  settings: QueueSettings;
  /** A new Redis connection fit for BullMQ workers. */
  connect(): Redis;
}

/** Checks the environment (exit 2 when wrong) and that Redis answers (exit 1 when not). */
export async function queueEnvironment(command: string, opts: { database?: boolean } = {}): Promise<QueueEnvironment> {
  if ((opts.database ?? true) && !readEnvironment().databaseUrl) {
    throw new UsageError(
      `${command} needs PostgreSQL: set DATABASE_URL=postgresql://USER@HOST:PORT/DATABASE (the embedded database serves one process, and the queue path has many).`,
    );
  }
  const url = redisUrl();
  const prefix = queuePrefix();
  const settings = queueSettings();
  await checkRedis(url);
  return { redisUrl: url, prefix, settings, connect: () => createRedis(url, { worker: true }) };
}
