// Small helpers every route uses: render a page with a fresh form token, refuse by role, tell
// where a request came from.

import type { FastifyReply, FastifyRequest } from 'fastify';
import type { Role } from './auth/users.ts';
import { html, page, type Raw } from './views/layout.ts';

export function sendPage(reply: FastifyReply, req: FastifyRequest, title: string, body: (csrf: string) => Raw, status = 200): FastifyReply {
  const csrf = reply.generateCsrf();
  return reply.code(status).type('text/html; charset=utf-8').send(page({ title, user: req.user, csrf, body: body(csrf) }));
}

/** True when the user may go on; otherwise a 403 page has been sent. */
export function allow(req: FastifyRequest, reply: FastifyReply, roles: readonly Role[]): boolean {
  if (req.user && roles.includes(req.user.role)) return true;
  sendPage(reply, req, 'Ingen behörighet', () => html`<p class="error">Din roll får inte se eller göra detta. / Your role may not see or do this.</p>`, 403);
  return false;
}

/** The client's address (the proxy's X-Forwarded-For only when the server was told it sits behind one). */
export const clientAddress = (req: FastifyRequest) => req.ip;

export const actorOf = (req: FastifyRequest) => `web:${req.user?.name ?? 'anonymous'}`;
