// The audit log as the admin pages read it: newest first, filtered by action and actor, a page at
// a time; the CSV export reads the same filter in batches so a long log is never one query.

import type { Prisma } from '../../generated/prisma/client.ts';
import type { Database } from '../../store/database.ts';

type Db = Pick<Database, 'prisma'>;

export const AUDIT_PAGE_SIZE = 100;
const EXPORT_BATCH = 1000;

export interface AuditFilter {
  action?: string;
  actor?: string;
}

export interface AuditRow {
  id: number;
  at: Date;
  actor: string;
  action: string;
  target: string;
  source: string | null;
  detail: unknown;
}

const where = (f: AuditFilter): Prisma.AuditEventWhereInput => ({ ...(f.action ? { action: f.action } : {}), ...(f.actor ? { actor: f.actor } : {}) });

/** One page (1-based) and whether another follows. */
export async function auditPage(db: Db, filter: AuditFilter, page: number): Promise<{ rows: AuditRow[]; more: boolean }> {
  const rows = await db.prisma.auditEvent.findMany({ where: where(filter), orderBy: { id: 'desc' }, skip: (page - 1) * AUDIT_PAGE_SIZE, take: AUDIT_PAGE_SIZE + 1 });
  return { rows: rows.slice(0, AUDIT_PAGE_SIZE), more: rows.length > AUDIT_PAGE_SIZE };
}

/** The actions that occur in the log, for the filter's choices. */
export async function auditActions(db: Db): Promise<string[]> {
  const rows = await db.prisma.auditEvent.findMany({ distinct: ['action'], select: { action: true }, orderBy: { action: 'asc' } });
  return rows.map((r) => r.action);
}

/** Every matching row, newest first, read by id ranges. */
export async function* auditRows(db: Db, filter: AuditFilter): AsyncGenerator<AuditRow> {
  let before: number | null = null;
  for (;;) {
    const batch: AuditRow[] = await db.prisma.auditEvent.findMany({
      where: { ...where(filter), ...(before === null ? {} : { id: { lt: before } }) },
      orderBy: { id: 'desc' },
      take: EXPORT_BATCH,
    });
    yield* batch;
    if (batch.length < EXPORT_BATCH) return;
    before = batch.at(-1)!.id;
  }
}
