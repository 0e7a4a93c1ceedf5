// The dashboard: Fastify with server-rendered pages and no script in the browser (docs/decisions/
// 0008-dashboard.md). Every request but the login page needs a session; every form carries a CSRF
// token; security headers forbid scripts, frames and third-party resources outright.

import Fastify, { type FastifyInstance, type FastifyServerOptions } from 'fastify';
import cookie from '@fastify/cookie';
import csrf from '@fastify/csrf-protection';
import formbody from '@fastify/formbody';
import helmet from '@fastify/helmet';
import type { Database } from '../store/database.ts';
import { sessionUser } from './auth/sessions.ts';
import { sendPage } from './http.ts';
import { ROUTES } from './routes/index.ts';
import { SESSION_COOKIE, isPublicRoute } from './routes/login.ts';
import { html } from './views/layout.ts';

export interface ServerOptions {
  db: Database;
  /** Signs the CSRF cookie; 32 random bytes per process unless given (sessions live in the database). */
  cookieSecret: string;
  /** Cookies only over HTTPS: true with TLS or behind a TLS-terminating proxy. */
  secureCookies: boolean;
  /** Trust X-Forwarded-For from the proxy in front. */
  trustProxy?: boolean;
  https?: { key: Buffer; cert: Buffer };
  logger?: FastifyServerOptions['logger'];
}

export async function buildServer(opts: ServerOptions): Promise<FastifyInstance> {
  const app = Fastify({
    logger: opts.logger ?? false,
    trustProxy: opts.trustProxy ?? false,
    bodyLimit: 64 * 1024,
    // Filter values are checked by each route's schema; one too long for any of them is refused early.
    routerOptions: { maxParamLength: 200 },
    ...(opts.https ? { https: opts.https } : {}),
  } as FastifyServerOptions);

  await app.register(helmet, {
    contentSecurityPolicy: {
      useDefaults: false,
      directives: {
        defaultSrc: ["'none'"],
        styleSrc: ["'unsafe-inline'"],
        imgSrc: ['data:'],
        formAction: ["'self'"],
        frameAncestors: ["'none'"],
        baseUri: ["'none'"],
      },
    },
    referrerPolicy: { policy: 'no-referrer' },
    strictTransportSecurity: opts.secureCookies ? { maxAge: 31_536_000 } : false,
  });
  await app.register(cookie, { secret: opts.cookieSecret });
  await app.register(formbody);
  await app.register(csrf, { cookieOpts: { signed: true, httpOnly: true, sameSite: 'strict', secure: opts.secureCookies, path: '/' } });

  app.decorateRequest('user', null);
  app.addHook('preHandler', async (req, reply) => {
    const token = req.cookies[SESSION_COOKIE];
    req.user = await sessionUser(opts.db, token);
    if (req.user || isPublicRoute(req)) return;
    // 401 for everything; a browser asking for a page is also sent on to the login page.
    if (req.method === 'GET' && (req.headers.accept ?? '').includes('text/html')) {
      const next = encodeURIComponent(req.url);
      return reply
        .code(401)
        .header('Refresh', `0; url=/login?next=${next}`)
        .type('text/html; charset=utf-8')
        .send(`<!doctype html><meta charset="utf-8"><title>Logga in</title><p><a href="/login?next=${next}">Logga in / Sign in</a></p>`);
    }
    return reply.code(401).type('text/plain; charset=utf-8').send('Sign in first (401).');
  });
  // Changes need the form's token: a forged post from another site has none.
  app.addHook('preHandler', (req, reply, done) => {
    if (req.method === 'POST') return app.csrfProtection(req, reply, done);
    done();
  });

  app.setErrorHandler((error: Error & { statusCode?: number; validation?: unknown; code?: string }, req, reply) => {
    if (error.validation || error.code === 'FST_ERR_VALIDATION') {
      return sendPage(reply, req, 'Ogiltigt värde', () => html`<p class="error">Ett filter- eller formulärvärde är ogiltigt och användes inte. / A filter or form value is not valid and was not used.</p><p><a href="/">Tillbaka / Back</a></p>`, 400);
    }
    if (error.code === 'FST_CSRF_INVALID_TOKEN' || error.code === 'FST_CSRF_MISSING_SECRET') {
      return sendPage(reply, req, 'Formuläret kunde inte tas emot', () => html`<p class="error">Formuläret saknar giltig kontrollkod. Ladda om sidan och försök igen. / The form's token is missing or wrong: reload the page and try again.</p>`, 403);
    }
    const status = error.statusCode && error.statusCode >= 400 && error.statusCode < 500 ? error.statusCode : 500;
    if (status === 500) req.log.error(error);
    return sendPage(reply, req, status === 500 ? 'Något gick fel' : 'Fel', () => html`<p class="error">${status === 500 ? 'Ett internt fel inträffade. / Something went wrong.' : error.message}</p>`, status);
  });
  app.setNotFoundHandler((req, reply) => sendPage(reply, req, 'Sidan finns inte', () => html`<p>Sidan finns inte. / Not found.</p>`, 404));

  const ctx = { db: opts.db, secureCookies: opts.secureCookies };
  for (const register of ROUTES) register(app, ctx);
  return app;
}
