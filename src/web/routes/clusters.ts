// The cluster pages: the list with its filters (every role), one cluster (every role, numbers
// masked), and the reveal of a cluster's numbers (outreach workers in the cluster's region, and
// administrators), written to the audit log before any number is read.

import type { FastifyReply, FastifyRequest } from 'fastify';
import { recordAudit } from '../../store/audit-log.ts';
import type { RouteModule, WebContext } from '../context.ts';
import { actorOf, allow, clientAddress, sendPage } from '../http.ts';
import { CLUSTER_VIEWS, INDICATOR_CODES, POLICE_REGIONS } from '../queries/clusters-codes.ts';
import { clusterDetail, clusterPhones, inRegion, type ClusterDetailView } from '../queries/clusters-detail.ts';
import { clusterPage, latestClusteredRun, PAGE_SIZE, runExists, type WebClusterFilter } from '../queries/clusters-list.ts';
import { notesOnCluster } from '../queries/notes.ts';
import { clusterPageView } from '../views/clusters-detail.ts';
import { clusterListView, type FilterValues } from '../views/clusters-list.ts';
import { html } from '../views/layout.ts';

const MAX_INT4 = 2_147_483_647;
const id = { type: 'integer', minimum: 1, maximum: MAX_INT4 } as const;
// JSON Schema patterns cannot ask for Unicode letter classes here, so the schema bounds the length
// and the handler checks the letters.
const LOCALITY = /^[\p{L}\p{M} .'-]{1,60}$/u;

const listQuery = {
  type: 'object',
  properties: {
    run: id,
    page: { type: 'integer', minimum: 1, maximum: 100_000 },
    region: { type: 'string', enum: POLICE_REGIONS },
    locality: { type: 'string', maxLength: 60 },
    site: { type: 'string', pattern: '^[a-z0-9][a-z0-9_-]{0,62}$' },
    minSize: { type: 'integer', minimum: 2, maximum: 100_000 },
    indicator: { type: 'string', enum: INDICATOR_CODES },
    view: { type: 'string', enum: CLUSTER_VIEWS, default: 'phone' },
    new: { type: 'string', enum: ['0', '1'] },
    movedIn: { type: 'string', enum: ['0', '1'] },
  },
} as const;

interface ListQuery {
  run?: number;
  page?: number;
  region?: string;
  locality?: string;
  site?: string;
  minSize?: number;
  indicator?: string;
  view: 'phone' | 'combined';
  new?: '0' | '1';
  movedIn?: '0' | '1';
}

/**
 * Schemas are checked before the session is (Fastify validates before preHandler hooks), so each
 * route attaches the result and throws it itself: a signed-out request gets its 401 and a
 * forbidden role its 403 first, and a bad value never tells more than the role may know.
 */
export function checked(req: FastifyRequest): void {
  if (req.validationError) throw req.validationError;
}

/** A 400 through the server's error handler, like a failed schema check. */
export function invalid(what: string): Error {
  return Object.assign(new Error(`${what} is not valid`), { statusCode: 400, validation: [{ message: what }] });
}

/** The filter form sends every field, empty or not: an empty one is no filter, not a bad value. */
async function dropEmpty(req: FastifyRequest) {
  const q = req.query as Record<string, unknown>;
  for (const [k, v] of Object.entries(q)) if (v === '') delete q[k];
}

const regionGiven = (req: FastifyRequest) => new URLSearchParams(req.url.split('?')[1] ?? '').has('region');

const notFound = (req: FastifyRequest, reply: FastifyReply, what: string) =>
  sendPage(reply, req, 'Finns inte', () => html`<p class="error">${what}</p><p><a href="/clusters">Till klusterlistan</a></p>`, 404);

async function renderCluster(ctx: WebContext, req: FastifyRequest, reply: FastifyReply, detail: ClusterDetailView, revealed: boolean) {
  const user = req.user!;
  const c = detail.current;
  const phones = await clusterPhones(ctx.db, c.id, c.runId, { reveal: revealed });
  const keepsNotes = user.role === 'outreach' || user.role === 'admin';
  const notes = keepsNotes ? await notesOnCluster(ctx.db, user, c.id, phones.map((p) => p.id)) : null;
  const mayReveal = user.role === 'admin' || (user.role === 'outreach' && (!user.region || inRegion(c, user.region)));
  if (revealed) reply.header('Cache-Control', 'no-store');
  return sendPage(reply, req, `Kluster ${c.id}`, (csrf) => clusterPageView({ detail, phones, revealed, user, mayReveal, notes }, csrf));
}

export const clusterRoutes: RouteModule = (app, ctx) => {
  const { db } = ctx;

  app.get('/clusters', { schema: { querystring: listQuery }, attachValidation: true, preValidation: dropEmpty }, async (req, reply) => {
    checked(req);
    const q = req.query as ListQuery;
    const user = req.user!;
    if (q.locality !== undefined && !LOCALITY.test(q.locality)) throw invalid('locality');
    // Stored place names are composed (NFC); a browser may send "ö" as "o" and a combining mark.
    if (q.locality !== undefined) q.locality = q.locality.normalize('NFC');
    const runId = q.run ?? (await latestClusteredRun(db, q.view));
    if (runId === null) return sendPage(reply, req, 'Kluster', () => html`<p>Det finns inga körningar ännu.</p>`);
    if (q.run !== undefined && !(await runExists(db, q.run))) return notFound(req, reply, `Det finns ingen körning ${q.run}.`);
    // An outreach worker starts in their own region; choosing "all regions" sends an empty region.
    const region = q.region ?? (!regionGiven(req) && user.role === 'outreach' && user.region ? user.region : undefined);
    const filter: WebClusterFilter = {
      view: q.view,
      region,
      locality: q.locality,
      site: q.site,
      minSize: q.minSize,
      indicator: q.indicator,
      newOnly: q.new === '1',
      movedInto: q.movedIn === '1' ? (user.region ?? '*') : undefined,
    };
    const page = q.page ?? 1;
    const { rows, total } = await clusterPage(db, runId, filter, page);
    const filters: FilterValues = { run: q.run, region, locality: q.locality, site: q.site, minSize: q.minSize, indicator: q.indicator, view: q.view, new: filter.newOnly, movedIn: q.movedIn === '1' };
    return sendPage(reply, req, 'Kluster', () => clusterListView({ runId, rows, total, page, pageSize: PAGE_SIZE, filters, user }));
  });

  app.get('/clusters/:id', { schema: { params: { type: 'object', required: ['id'], properties: { id } }, querystring: { type: 'object', properties: { run: id } } }, attachValidation: true, preValidation: dropEmpty }, async (req, reply) => {
    checked(req);
    const { id: clusterId } = req.params as { id: number };
    const { run } = req.query as { run?: number };
    const detail = await clusterDetail(db, clusterId, run);
    if (!detail) return notFound(req, reply, run === undefined ? `Det finns inget kluster ${clusterId}.` : `Kluster ${clusterId} fanns inte i körning ${run}.`);
    return renderCluster(ctx, req, reply, detail, false);
  });

  app.post(
    '/clusters/:id/reveal',
    {
      schema: {
        params: { type: 'object', required: ['id'], properties: { id } },
        body: { type: 'object', properties: { run: { type: 'string', pattern: '^[0-9]{0,10}$' }, _csrf: { type: 'string', maxLength: 200 } } },
      },
      attachValidation: true,
    },
    async (req, reply) => {
      if (!allow(req, reply, ['outreach', 'admin'])) return reply;
      checked(req);
      const user = req.user!;
      const { id: clusterId } = req.params as { id: number };
      const runText = (req.body as { run?: string } | undefined)?.run ?? '';
      const run = runText === '' ? undefined : Number(runText);
      if (run !== undefined && (run < 1 || run > MAX_INT4)) throw invalid('run');
      const detail = await clusterDetail(db, clusterId, run);
      if (!detail) return notFound(req, reply, `Det finns inget kluster ${clusterId}${run === undefined ? '' : ` i körning ${run}`}.`);
      const c = detail.current;
      if (user.role === 'outreach' && user.region && !inRegion(c, user.region)) {
        return sendPage(reply, req, 'Ingen behörighet', () => html`<p class="error">Klustret har ingen profil i din region (${user.region}); dess nummer kan inte visas för dig.</p>`, 403);
      }
      // Written before any number is read, so that no reveal goes unrecorded even if what follows fails.
      await recordAudit(db, { actor: actorOf(req), action: 'reveal', target: `cluster ${c.id} run ${c.runId}`, detail: { phones: c.phones }, source: clientAddress(req) });
      return renderCluster(ctx, req, reply, detail, true);
    },
  );
};
