// Shared pieces of the crawl tests: a site on a local test server, and a server that records when
// requests arrive and how many are in flight.

import type { ResolvedSite } from '../../src/config/sites-loader.ts';
import { startLocalServer, type LocalServer } from '../helpers/local-server.ts';

/** A site served by a local test server (so marked local), obeying robots.txt, with quick pacing. */
export function localSite(server: Pick<LocalServer, 'url' | 'host'>, over: Partial<ResolvedSite> = {}): ResolvedSite {
  return {
    id: 'test',
    name: 'Test',
    adapter: 'test',
    startUrls: [`${server.url}/`],
    allowedHosts: [server.host],
    maxRequestsPerMinute: 6000,
    maxConcurrency: 4,
    enabled: true,
    local: true,
    robotsOverride: null,
    notes: null,
    ...over,
  };
}

export interface TimedServer extends LocalServer {
  /** performance.now() of every request's arrival, robots.txt included. */
  arrivals: number[];
  maxInFlight(): number;
}

/**
 * A site whose start page links to `profiles` profile pages (/p/0, /p/1, ...), answering every
 * request after `answerMs`, so that requests overlap as much as the crawler lets them.
 */
export async function timedServer(profiles: number, answerMs: number, profileHtml = '<html><body><main>Profil</main></body></html>'): Promise<TimedServer> {
  const arrivals: number[] = [];
  let inFlight = 0;
  let maxInFlight = 0;
  const server = await startLocalServer((req, res) => {
    arrivals.push(performance.now());
    inFlight += 1;
    maxInFlight = Math.max(maxInFlight, inFlight);
    setTimeout(() => {
      inFlight -= 1;
      res.writeHead(200, { 'content-type': 'text/html' });
      if (req.url === '/') res.end(Array.from({ length: profiles }, (_, i) => `<a class="profile" href="/p/${i}">p</a>`).join(''));
      else res.end(profileHtml);
    }, answerMs);
  });
  return Object.assign(server, { arrivals, maxInFlight: () => maxInFlight });
}
