import { readFileSync } from 'node:fs';
import { randomBytes } from 'node:crypto';
import { isIP } from 'node:net';
import { Command } from 'commander';
import { UsageError } from '../../errors.ts';

/** Loopback only: 127.0.0.0/8, ::1 and localhost. Anything else is reachable from elsewhere. */
export function isLoopback(host: string): boolean {
  const h = host.trim().toLowerCase().replace(/^\[|\]$/g, '');
  if (h === 'localhost' || h === '::1') return true;
  return isIP(h) === 4 && h.startsWith('127.');
}

function parsePort(text: string): number {
  if (!/^\d{1,5}$/.test(text) || Number(text) < 1 || Number(text) > 65535) throw new UsageError(`--port must be a port number from 1 to 65535, not "${text}"`);
  return Number(text);
}

export function serveCommand(): Command {
  return new Command('serve')
    .summary('the dashboard for analysts, coordinators and outreach workers (sign-in required)')
    .description(
      'Serves the dashboard over the database the environment points at (DATABASE_URL, else the\n' +
        'embedded one). Everyone signs in with an account from `kartla users add`; what they see\n' +
        'depends on their role (admin, analyst, outreach) and region.\n\n' +
        'It listens on 127.0.0.1 by default. On any other address it refuses to start unless it has\n' +
        'TLS (--tls-cert and --tls-key) or --behind-proxy says a reverse proxy terminates TLS in\n' +
        'front of it: sign-ins and phone numbers must never cross a network in clear.',
    )
    .option('--port <n>', 'port to listen on', '8080')
    .option('--host <address>', 'address to listen on', '127.0.0.1')
    .option('--tls-cert <file>', 'TLS certificate (PEM), with --tls-key')
    .option('--tls-key <file>', 'TLS private key (PEM), with --tls-cert')
    .option('--behind-proxy', 'a reverse proxy in front terminates TLS (cookies are marked Secure; X-Forwarded-For is trusted)')
    .addHelpText(
      'after',
      '\nExamples:\n' +
        '  kartla users add anna --role admin && kartla serve          then open http://127.0.0.1:8080\n' +
        '  kartla serve --host 0.0.0.0 --tls-cert cert.pem --tls-key key.pem --port 8443\n' +
        '  kartla serve --host 0.0.0.0 --behind-proxy                  behind nginx or Caddy with TLS',
    )
    .action(async (opts: { port: string; host: string; tlsCert?: string; tlsKey?: string; behindProxy?: boolean }) => {
      const port = parsePort(opts.port);
      if (Boolean(opts.tlsCert) !== Boolean(opts.tlsKey)) throw new UsageError('--tls-cert and --tls-key go together: give both, or neither');
      const tls = opts.tlsCert && opts.tlsKey;
      if (!isLoopback(opts.host) && !tls && !opts.behindProxy) {
        throw new UsageError(
          `refusing to serve on ${opts.host} without TLS: give --tls-cert and --tls-key, or --behind-proxy if a reverse proxy terminates TLS in front, or listen on 127.0.0.1`,
        );
      }
      let https: { key: Buffer; cert: Buffer } | undefined;
      if (tls) {
        try {
          https = { cert: readFileSync(opts.tlsCert!), key: readFileSync(opts.tlsKey!) };
        } catch (error) {
          throw new UsageError(`cannot read the TLS files: ${(error as Error).message}`);
        }
      }
      const { openDatabaseFromEnvironment } = await import('../database.ts');
      const { buildServer } = await import('../../web/server.ts');
      const db = await openDatabaseFromEnvironment();
      const app = await buildServer({
        db,
        cookieSecret: process.env.KARTLA_COOKIE_SECRET ?? randomBytes(32).toString('base64url'),
        secureCookies: Boolean(tls || opts.behindProxy),
        trustProxy: Boolean(opts.behindProxy),
        ...(https ? { https } : {}),
      });
      const users = await db.prisma.appUser.count({ where: { disabled: false } });
      await app.listen({ port, host: opts.host });
      const scheme = https ? 'https' : 'http';
      process.stdout.write(`Kartla dashboard on ${scheme}://${opts.host.includes(':') ? `[${opts.host}]` : opts.host}:${port}/ (${db.driver}); Ctrl-C stops it.\n`);
      if (users === 0) process.stdout.write('No accounts yet: create one with kartla users add <name> --role admin\n');
      await new Promise<void>((resolve) => {
        const stop = () => resolve();
        process.once('SIGINT', stop);
        process.once('SIGTERM', stop);
      });
      await app.close();
      await db.close();
    });
}
