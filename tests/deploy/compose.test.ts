// docker-compose.yml cannot be started on these machines (no Docker engine); this keeps it honest:
// it parses, names the services Kartla needs, and points Kartla at them with the variables the
// code actually reads, with commands the CLI actually has.

import { readFileSync } from 'node:fs';
import { parse } from 'yaml';
import { describe, expect, it } from 'vitest';
import { readEnvironment } from '../../src/config/environment.ts';
import { redisUrl } from '../../src/queue/connection.ts';
import { buildProgram } from '../../src/cli/main.ts';

type Service = {
  image?: string;
  build?: unknown;
  environment?: Record<string, string>;
  depends_on?: Record<string, { condition: string }>;
  command?: string[];
  healthcheck?: unknown;
  volumes?: string[];
  profiles?: string[];
  container_name?: string;
  ports?: string[];
  stop_grace_period?: string;
};

const text = readFileSync('docker-compose.yml', 'utf8');
const compose = parse(text) as { services: Record<string, Service>; volumes: Record<string, unknown> };
const service = (name: string): Service => compose.services[name]!;
const KARTLA = ['migrate', 'worker', 'scheduler', 'web', 'kartla'];

describe('docker-compose.yml', () => {
  it('has PostgreSQL, Redis, a migrate job, workers, a scheduler, a web and the command line', () => {
    expect(Object.keys(compose.services).sort()).toEqual(['kartla', 'migrate', 'postgres', 'redis', 'scheduler', 'web', 'worker']);
    expect(service('postgres').image).toMatch(/^postgres:\d+/);
    expect(service('redis').image).toMatch(/^redis:\d+/);
    for (const name of KARTLA) expect(service(name).build, name).toBe('.');
    expect(service('postgres').healthcheck).toBeDefined();
    expect(service('redis').healthcheck).toBeDefined();
  });

  it('migrates once, before the workers start; workers wait for Redis too', () => {
    expect(service('migrate').command).toEqual(['db', 'migrate']);
    expect(service('migrate').depends_on).toEqual({ postgres: { condition: 'service_healthy' } });
    expect(service('worker').depends_on).toEqual({ migrate: { condition: 'service_completed_successfully' }, redis: { condition: 'service_healthy' } });
    expect(service('scheduler').depends_on).toEqual({ redis: { condition: 'service_healthy' } });
  });

  it('lets workers scale: no fixed name or port, a grace period to finish the job in hand', () => {
    const worker = service('worker');
    expect(worker.container_name).toBeUndefined();
    expect(worker.ports).toBeUndefined();
    expect(worker.command![0]).toBe('worker');
    expect(worker.stop_grace_period).toBeDefined();
  });

  it('gives every Kartla service a DATABASE_URL and a REDIS_URL that reach the postgres and redis services', () => {
    for (const name of KARTLA) {
      const env = service(name).environment!;
      if (name !== 'scheduler') {
        const url = new URL(env.DATABASE_URL!.replace('${KARTLA_DB_PASSWORD}', 'secret'));
        expect(url.protocol).toBe('postgresql:');
        expect(url.hostname).toBe('postgres');
        expect(url.pathname).toBe(`/${service('postgres').environment!.POSTGRES_DB}`);
        expect(url.username).toBe(service('postgres').environment!.POSTGRES_USER);
        expect(readEnvironment({ DATABASE_URL: url.href }).databaseUrl).toBe(url.href);
        expect(env.KARTLA_SECRET_KEY, name).toMatch(/^\$\{KARTLA_SECRET_KEY:\?/);
      }
      if (name !== 'migrate') expect(new URL(redisUrl({ REDIS_URL: env.REDIS_URL })).hostname, name).toBe('redis');
    }
  });

  it('runs real kartla commands (the dashboard behind a TLS proxy, published on loopback only) and keeps no password in the file', () => {
    const commands = buildProgram().commands.map((c) => c.name());
    for (const name of ['migrate', 'worker', 'scheduler', 'web', 'kartla']) expect(commands, name).toContain(service(name).command![0]);
    // Listening on every address inside the container is allowed only with --behind-proxy (kartla serve refuses otherwise).
    expect(service('web').command).toEqual(['serve', '--host', '0.0.0.0', '--port', '8080', '--behind-proxy']);
    expect(service('web').ports).toEqual(['127.0.0.1:8080:8080']);
    expect(service('web').profiles).toBeUndefined();
    expect(service('kartla').command!.slice(0, 2)).toEqual(['map', '--queue']);
    expect(text).not.toMatch(/POSTGRES_PASSWORD:\s*[A-Za-z0-9]+\s*$/m);
    expect(text).not.toMatch(/KARTLA_SECRET_KEY:\s*[0-9a-f]{16,}/m);
    expect(Object.keys(compose.volumes).sort()).toEqual(['pgdata', 'redisdata']);
    expect(service('scheduler').command).toEqual(['scheduler', '--sites', '/app/config/sites.yaml']);
    expect(service('worker').volumes).toContain('./config:/app/config:ro');
  });

  it('builds from a Dockerfile that runs the kartla entry point', () => {
    const dockerfile = readFileSync('Dockerfile', 'utf8');
    expect(dockerfile).toMatch(/^FROM node:20/m);
    expect(dockerfile).toContain('npm ci');
    expect(dockerfile).toContain('ENTRYPOINT ["node", "bin/kartla.js"]');
  });
});
