// docker-compose.yml cannot be started on these machines (no Docker engine); this keeps it honest:
// it parses, names the services Kartla needs, and points Kartla at them with the variables the
// code actually reads.

import { readFileSync } from 'node:fs';
import { parse } from 'yaml';
import { describe, expect, it } from 'vitest';
import { readEnvironment } from '../../src/config/environment.ts';

const compose = parse(readFileSync('docker-compose.yml', 'utf8')) as {
  services: Record<string, { image?: string; build?: unknown; environment?: Record<string, string>; depends_on?: Record<string, { condition: string }>; command?: string[]; healthcheck?: unknown; volumes?: string[] }>;
  volumes: Record<string, unknown>;
};

describe('docker-compose.yml', () => {
  it('has PostgreSQL, Redis and Kartla', () => {
    expect(Object.keys(compose.services).sort()).toEqual(['kartla', 'postgres', 'redis']);
    expect(compose.services.postgres!.image).toMatch(/^postgres:\d+/);
    expect(compose.services.redis!.image).toMatch(/^redis:\d+/);
    expect(compose.services.kartla!.build).toBe('.');
  });

  it('starts Kartla only when the database and Redis are healthy', () => {
    expect(compose.services.kartla!.depends_on).toEqual({ postgres: { condition: 'service_healthy' }, redis: { condition: 'service_healthy' } });
    expect(compose.services.postgres!.healthcheck).toBeDefined();
    expect(compose.services.redis!.healthcheck).toBeDefined();
  });

  it('gives Kartla a DATABASE_URL that reaches the postgres service and its database', () => {
    const env = compose.services.kartla!.environment!;
    const url = new URL(env.DATABASE_URL!.replace('${KARTLA_DB_PASSWORD}', 'secret'));
    expect(url.protocol).toBe('postgresql:');
    expect(url.hostname).toBe('postgres');
    expect(url.pathname).toBe(`/${compose.services.postgres!.environment!.POSTGRES_DB}`);
    expect(url.username).toBe(compose.services.postgres!.environment!.POSTGRES_USER);
    expect(readEnvironment({ DATABASE_URL: url.href }).databaseUrl).toBe(url.href);
    expect(new URL(env.REDIS_URL!).hostname).toBe('redis');
  });

  it('runs a real kartla command and keeps no password in the file', () => {
    expect(compose.services.kartla!.command![0]).toBe('map');
    expect(readFileSync('docker-compose.yml', 'utf8')).not.toMatch(/POSTGRES_PASSWORD:\s*[A-Za-z0-9]+\s*$/m);
    expect(Object.keys(compose.volumes).sort()).toEqual(['pgdata', 'redisdata']);
  });

  it('builds from a Dockerfile that runs the kartla entry point', () => {
    const dockerfile = readFileSync('Dockerfile', 'utf8');
    expect(dockerfile).toMatch(/^FROM node:20/m);
    expect(dockerfile).toContain('npm ci');
    expect(dockerfile).toContain('ENTRYPOINT ["node", "bin/kartla.js"]');
  });
});
