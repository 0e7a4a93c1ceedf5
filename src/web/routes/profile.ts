// A profile's facts and history for every role; its address for outreach and admin only, each
// reveal written to the audit log before the address leaves the server.

import { recordAudit } from '../../store/audit-log.ts';
import type { RouteModule } from '../context.ts';
import { actorOf, allow, clientAddress, sendPage } from '../http.ts';
import { profileHistory, profileUrl } from '../queries/profile-history.ts';
import { html } from '../views/layout.ts';
import { profileView, REVEAL_ROLES } from '../views/profile.ts';

const PARAMS = { type: 'object', required: ['id'], properties: { id: { type: 'integer', minimum: 1, maximum: 2_147_483_647 } } } as const;

export const profileRoutes: RouteModule = (app, { db }) => {
  const notFound = (req: Parameters<typeof sendPage>[1], reply: Parameters<typeof sendPage>[0]) =>
    sendPage(reply, req, 'Profilen finns inte', () => html`<p>Ingen profil med det numret. / No such profile.</p>`, 404);

  app.get('/profiles/:id', { schema: { params: PARAMS } }, async (req, reply) => {
    const { id } = req.params as { id: number };
    const profile = await profileHistory(db, id);
    if (!profile) return notFound(req, reply);
    return sendPage(reply, req, `Profil ${id}`, (csrf) => profileView(profile, req.user?.role, csrf));
  });

  app.post('/profiles/:id/reveal', { schema: { params: PARAMS } }, async (req, reply) => {
    if (!allow(req, reply, REVEAL_ROLES)) return reply;
    const { id } = req.params as { id: number };
    const profile = await profileHistory(db, id);
    if (!profile) return notFound(req, reply);
    await recordAudit(db, { actor: actorOf(req), action: 'reveal', target: `profile ${id} url`, source: clientAddress(req) });
    const url = await profileUrl(db, id);
    // The address must not linger in a shared browser's or proxy's cache.
    reply.header('Cache-Control', 'no-store');
    return sendPage(reply, req, `Profil ${id}`, (csrf) => profileView(profile, req.user?.role, csrf, url));
  });
};
