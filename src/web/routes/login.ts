// Signing in and out. Wrong passwords are answered alike whether the name exists or not; ten in a
// row lock the account (auth/users.ts); many attempts from one address are slowed down here.

import type { FastifyRequest } from 'fastify';
import { recordAudit } from '../../store/audit-log.ts';
import { createSession, endSession } from '../auth/sessions.ts';
import { checkLogin } from '../auth/users.ts';
import type { RouteModule } from '../context.ts';
import { clientAddress, sendPage } from '../http.ts';
import { csrfField, html } from '../views/layout.ts';

export const SESSION_COOKIE = 'kartla_session';

/** Attempts from one address within the window before it has to wait (429). */
export const ADDRESS_ATTEMPTS = 30;
const ADDRESS_WINDOW_MS = 10 * 60_000;

export function isPublicRoute(req: FastifyRequest): boolean {
  const path = req.url.split('?')[0];
  return path === '/login';
}

/** Only a path on this server: an absolute or protocol-relative `next` would send the user away. */
function safeNext(next: unknown): string {
  return typeof next === 'string' && /^\/(?![/\\])[\x21-\x7e]{0,300}$/.test(next) ? next : '/';
}

export const loginRoutes: RouteModule = (app, { db, secureCookies }) => {
  const attempts = new Map<string, number[]>();
  const tooMany = (address: string, now: number) => {
    const recent = (attempts.get(address) ?? []).filter((t) => now - t < ADDRESS_WINDOW_MS);
    recent.push(now);
    attempts.set(address, recent);
    return recent.length > ADDRESS_ATTEMPTS;
  };

  const form = (next: string, message: string | null) => (csrf: string) =>
    html`${message ? html`<p class="error" role="alert">${message}</p>` : ''}
<form method="post" action="/login">
${csrfField(csrf)}<input type="hidden" name="next" value="${next}">
<p><label>Användarnamn / User name<br><input name="name" autocomplete="username" required maxlength="40" autofocus></label></p>
<p><label>Lösenord / Password<br><input name="password" type="password" autocomplete="current-password" required maxlength="1024"></label></p>
<p><button type="submit">Logga in / Sign in</button></p>
</form>`;

  app.get('/login', { schema: { querystring: { type: 'object', properties: { next: { type: 'string', maxLength: 300 } } } } }, async (req, reply) => {
    const next = safeNext((req.query as { next?: string }).next);
    if (req.user) return reply.redirect(next);
    return sendPage(reply, req, 'Logga in', form(next, null));
  });

  app.post(
    '/login',
    {
      schema: {
        body: {
          type: 'object',
          required: ['name', 'password'],
          properties: { name: { type: 'string', maxLength: 40 }, password: { type: 'string', maxLength: 1024 }, next: { type: 'string', maxLength: 300 }, _csrf: { type: 'string', maxLength: 200 } },
        },
      },
    },
    async (req, reply) => {
      const body = req.body as { name: string; password: string; next?: string };
      const next = safeNext(body.next);
      const source = clientAddress(req);
      if (tooMany(source, Date.now())) {
        return sendPage(reply, req, 'Logga in', form(next, 'För många försök från din adress. Vänta några minuter. / Too many attempts from your address: wait a few minutes.'), 429);
      }
      const result = await checkLogin(db, body.name.trim().toLowerCase(), body.password);
      if (!result.ok) {
        await recordAudit(db, { actor: `web:${body.name.slice(0, 40)}`, action: 'login-failed', target: `user ${body.name.slice(0, 40)}`, detail: { reason: result.reason }, source });
        return sendPage(reply, req, 'Logga in', form(next, 'Fel namn eller lösenord, eller kontot är tillfälligt låst. / Wrong name or password, or the account is locked for a while.'), 401);
      }
      const token = await createSession(db, result.user.id);
      await recordAudit(db, { actor: `web:${result.user.name}`, action: 'login', target: `user ${result.user.name}`, source });
      reply.setCookie(SESSION_COOKIE, token, { path: '/', httpOnly: true, sameSite: 'strict', secure: secureCookies });
      return reply.redirect(next, 303);
    },
  );

  app.post('/logout', async (req, reply) => {
    await endSession(db, req.cookies[SESSION_COOKIE]);
    if (req.user) await recordAudit(db, { actor: `web:${req.user.name}`, action: 'logout', target: `user ${req.user.name}`, source: clientAddress(req) });
    reply.clearCookie(SESSION_COOKIE, { path: '/' });
    return reply.redirect('/login', 303);
  });
};
