// Accounts, for admins: listed, and disabled from here. Creating accounts and setting passwords
// stays in the CLI (kartla users add / reset), so no web form ever carries a password but the login.

import { recordAudit } from '../../store/audit-log.ts';
import { disableUser, listUsers, UserNotFoundError } from '../auth/users.ts';
import type { RouteModule } from '../context.ts';
import { actorOf, allow, clientAddress, sendPage } from '../http.ts';
import { html } from '../views/layout.ts';
import { usersView } from '../views/users.ts';

const NAME = { type: 'object', required: ['name'], properties: { name: { type: 'string', pattern: '^[a-z0-9][a-z0-9._-]{1,39}$' } } } as const;

export const userRoutes: RouteModule = (app, { db }) => {
  app.get('/users', async (req, reply) => {
    if (!allow(req, reply, ['admin'])) return reply;
    const users = await listUsers(db);
    return sendPage(reply, req, 'Användare', (csrf) => usersView(users, req.user?.name, csrf, null));
  });

  app.post('/users/:name/disable', { schema: { params: NAME } }, async (req, reply) => {
    if (!allow(req, reply, ['admin'])) return reply;
    const { name } = req.params as { name: string };
    // Disabling oneself would lock the last admin out with no way back but the CLI.
    if (name === req.user?.name) {
      const users = await listUsers(db);
      return sendPage(reply, req, 'Användare', (csrf) => usersView(users, req.user?.name, csrf, 'Du kan inte stänga av ditt eget konto här. / You cannot disable your own account.'), 400);
    }
    try {
      await disableUser(db, name);
    } catch (e) {
      if (e instanceof UserNotFoundError) return sendPage(reply, req, 'Användaren finns inte', () => html`<p>Ingen användare med det namnet. / No such user.</p>`, 404);
      throw e;
    }
    await recordAudit(db, { actor: actorOf(req), action: 'user-disable', target: `user ${name}`, source: clientAddress(req) });
    return reply.redirect('/users', 303);
  });
};
