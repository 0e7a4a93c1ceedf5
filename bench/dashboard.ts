// Dashboard latency under load, measured with autocannon (https://github.com/mcollina/autocannon):
// the server on 127.0.0.1 over a database holding three runs of the national web, signed in as an
// outreach worker, a few concurrent clients per page for a fixed time. autocannon reports fixed
// percentiles (…, 90, 97.5, 99); the 97.5th is reported as the bound on the 95th that the target
// names.

import autocannon from 'autocannon';
import { randomBytes } from 'node:crypto';
import type { AddressInfo } from 'node:net';
import type { Database } from '../src/store/database.ts';
import { listClusters } from '../src/store/cluster-queries.ts';
import { createSession } from '../src/web/auth/sessions.ts';
import { addUser } from '../src/web/auth/users.ts';
import { buildServer } from '../src/web/server.ts';

export const DASHBOARD_PAGES = ['overview', 'clusters', 'cluster detail'] as const;
export type DashboardPage = (typeof DASHBOARD_PAGES)[number];

export interface PageLatency {
  p50: number;
  p90: number;
  p97_5: number;
  requestsPerSecond: number;
  non2xx: number;
}

const CONNECTIONS = 4;
const SECONDS = 10;

export async function benchDashboard(db: Database, latestRunId: number): Promise<Record<DashboardPage, PageLatency>> {
  const name = `bench-${randomBytes(3).toString('hex')}`;
  const user = await addUser(db, { name, role: 'outreach', region: null, password: randomBytes(18).toString('base64url') });
  const token = await createSession(db, user.id);
  const [top] = await listClusters(db, latestRunId, { limit: 1 });
  if (!top) throw new Error('the benchmark database has no cluster');
  const app = await buildServer({ db, cookieSecret: randomBytes(32).toString('base64url'), secureCookies: false });
  await app.listen({ port: 0, host: '127.0.0.1' });
  const base = `http://127.0.0.1:${(app.server.address() as AddressInfo).port}`;
  const paths: Record<DashboardPage, string> = { overview: '/', clusters: '/clusters', 'cluster detail': `/clusters/${top.id}?run=${latestRunId}` };
  const out = {} as Record<DashboardPage, PageLatency>;
  try {
    for (const page of DASHBOARD_PAGES) {
      const url = `${base}${paths[page]}`;
      // One request first: a cold cache is the first visitor's cost, not the steady state's.
      await fetch(url, { headers: { cookie: `kartla_session=${token}` } });
      const result = await autocannon({ url, connections: CONNECTIONS, duration: SECONDS, headers: { cookie: `kartla_session=${token}`, accept: 'text/html' } });
      out[page] = {
        p50: result.latency.p50,
        p90: result.latency.p90,
        p97_5: result.latency.p97_5,
        requestsPerSecond: result.requests.average,
        non2xx: result.non2xx,
      };
    }
  } finally {
    await app.close();
    await db.prisma.appUser.delete({ where: { id: user.id } });
  }
  return out;
}
