// The audit log: a row per act that shows identifiers in clear, written before they are shown,
// so that no reveal goes unrecorded even when the command fails halfway.

import { userInfo } from 'node:os';
import type { Prisma } from '../generated/prisma/client.ts';
import type { Database } from './database.ts';

type Db = Pick<Database, 'prisma'>;

/** The person behind a CLI command: KARTLA_ACTOR when a wrapper names one, else the OS user. */
export function cliActor(env: NodeJS.ProcessEnv = process.env): string {
  const named = env.KARTLA_ACTOR?.trim();
  if (named) return named;
  try {
    return `os:${userInfo().username}`;
  } catch {
    return 'os:unknown';
  }
}

export async function recordAudit(db: Db, event: { actor: string; action: string; target: string; detail?: Prisma.InputJsonObject; source?: string }): Promise<void> {
  await db.prisma.auditEvent.create({ data: { actor: event.actor, action: event.action, target: event.target, detail: event.detail ?? {}, source: event.source ?? 'cli' } });
}

export async function auditEvents(db: Db, opts: { limit?: number } = {}) {
  return db.prisma.auditEvent.findMany({ orderBy: { id: 'desc' }, take: opts.limit ?? 100 });
}
