// The audit log, for admins only: read and exported, never edited or deleted here. An export
// copies the log out of the system, so it is itself recorded.

import { recordAudit } from '../../store/audit-log.ts';
import { toCsv } from '../../report/write/csv.ts';
import type { RouteModule } from '../context.ts';
import { actorOf, allow, clientAddress, sendPage } from '../http.ts';
import { auditActions, auditPage, auditRows, type AuditFilter } from '../queries/audit-page.ts';
import { auditView } from '../views/audit.ts';

const FILTER = {
  action: { type: 'string', pattern: '^[a-z-]{1,40}$' },
  actor: { type: 'string', pattern: '^[a-z0-9:._-]{1,60}$' },
} as const;

// An empty select or text field arrives as "": no filter, not an invalid one.
const filterOf = (q: { action?: string; actor?: string }): AuditFilter => ({ ...(q.action ? { action: q.action } : {}), ...(q.actor ? { actor: q.actor } : {}) });
const emptyOr = (s: { type: 'string'; pattern: string }) => ({ anyOf: [{ type: 'string', maxLength: 0 }, s] });

export const auditRoutes: RouteModule = (app, { db }) => {
  app.get(
    '/audit',
    { schema: { querystring: { type: 'object', properties: { action: emptyOr(FILTER.action), actor: emptyOr(FILTER.actor), page: { type: 'integer', minimum: 1, maximum: 100_000 } } } } },
    async (req, reply) => {
      if (!allow(req, reply, ['admin'])) return reply;
      const q = req.query as { action?: string; actor?: string; page?: number };
      const filter = filterOf(q);
      const page = q.page ?? 1;
      const [{ rows, more }, actions] = await Promise.all([auditPage(db, filter, page), auditActions(db)]);
      return sendPage(reply, req, 'Granskningslogg', () => auditView(rows, filter, actions, page, more));
    },
  );

  app.get(
    '/audit.csv',
    { schema: { querystring: { type: 'object', properties: { action: emptyOr(FILTER.action), actor: emptyOr(FILTER.actor) } } } },
    async (req, reply) => {
      if (!allow(req, reply, ['admin'])) return reply;
      const filter = filterOf(req.query as { action?: string; actor?: string });
      await recordAudit(db, { actor: actorOf(req), action: 'export-audit', target: 'audit log', detail: { ...filter }, source: clientAddress(req) });
      const rows: (string | number | null)[][] = [];
      for await (const r of auditRows(db, filter)) rows.push([r.id, r.at.toISOString(), r.actor, r.action, r.target, r.source, JSON.stringify(r.detail ?? {})]);
      const csv = toCsv({
        id: 'audit',
        title: 'audit',
        columns: ['id', 'at', 'actor', 'action', 'target', 'source', 'detail'].map((key) => ({ key, label: key, kind: key === 'id' ? 'count' : 'text' })),
        rows,
      });
      const stamp = new Date().toISOString().slice(0, 10);
      return reply
        .type('text/csv; charset=utf-8')
        .header('Content-Disposition', `attachment; filename="kartla-audit-${stamp}.csv"`)
        .header('Cache-Control', 'no-store')
        .send(csv);
    },
  );
};
