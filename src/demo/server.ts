// Serves the demo web on the loopback interface: one HTTP server per site on a free port, so a
// crawl sees three separate hosts exactly as it would on the internet, without leaving the
// machine. setEpoch() switches all sites to a later state of the web for two-run tests.

import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { generateDemoWorld, type DemoWorld } from './generator.ts';
import { groundTruthFor, type GroundTruthProfile } from './ground-truth.ts';
import { html, text, type DemoResponse } from './html.ts';
import { DEMO_SITES, type DemoSiteRenderer } from './sites/index.ts';
import { closeServer, listen, origin, respond } from './site-server.ts';

export interface DemoSiteInfo {
  id: string;
  name: string;
  /** The site group a sites file would give it (reports break figures down by group). */
  group?: string;
  adapter: string;
  baseUrl: string;
  startUrls: string[];
}

export interface DemoSites {
  sites: DemoSiteInfo[];
  setEpoch(epoch: number): void;
  groundTruth(): GroundTruthProfile[];
  close(): Promise<void>;
}

export const DEFAULT_DEMO_SEED = 2025;

const NOT_FOUND = html(
  '<!doctype html>\n<html lang="sv"><head><meta charset="utf-8"><title>Sidan finns inte</title></head><body><h1>404</h1><p>Sidan finns inte.</p></body></html>\n',
  404,
);

function handler(site: DemoSiteRenderer, state: { world: DemoWorld }, base: () => string) {
  return (req: IncomingMessage, res: ServerResponse): void => {
    const head = req.method === 'HEAD';
    if (req.method !== 'GET' && !head) {
      respond(res, { ...text('Method not allowed\n', 405), headers: { Allow: 'GET, HEAD' } }, false);
      return;
    }
    let url: URL;
    try {
      url = new URL(req.url ?? '/', base());
    } catch {
      respond(res, NOT_FOUND, head);
      return;
    }
    if (url.pathname === '/robots.txt') {
      respond(res, text(site.robots), head);
      return;
    }
    let page: DemoResponse | null;
    try {
      page = site.render({ path: url.pathname, query: url.searchParams }, { world: state.world, base: base() });
    } catch (error) {
      respond(res, text(`Internal error: ${(error as Error).message}\n`, 500), head);
      return;
    }
    respond(res, page ?? NOT_FOUND, head);
  };
}

/**
 * Start the three demo sites; close() stops them. Each listens on a free port, or with `basePort`
 * on basePort, basePort + 1, ... (what config/sites.yaml expects from `kartla demo --serve`).
 */
export async function startDemoSites(opts: { seed?: number; epoch?: number; host?: string; basePort?: number } = {}): Promise<DemoSites> {
  const seed = opts.seed ?? DEFAULT_DEMO_SEED;
  const host = opts.host ?? '127.0.0.1';
  const worlds = new Map<number, DemoWorld>();
  const worldAt = (epoch: number): DemoWorld => {
    let w = worlds.get(epoch);
    if (!w) {
      w = generateDemoWorld({ seed, epoch });
      worlds.set(epoch, w);
    }
    return w;
  };
  const state = { world: worldAt(opts.epoch ?? 0) };

  const servers: Server[] = [];
  const sites: DemoSiteInfo[] = [];
  try {
    for (const [index, site] of DEMO_SITES.entries()) {
      let baseUrl = '';
      const server = createServer(handler(site, state, () => baseUrl));
      servers.push(server);
      baseUrl = origin(host, await listen(server, host, opts.basePort ? opts.basePort + index : 0));
      sites.push({
        id: site.id,
        name: site.name,
        adapter: site.adapter,
        baseUrl,
        startUrls: site.startPaths.map((p) => new URL(p, baseUrl).href),
      });
    }
  } catch (error) {
    await Promise.all(servers.map((s) => closeServer(s)));
    throw error;
  }

  const baseUrls = (): Record<string, string> => Object.fromEntries(sites.map((s) => [s.id, s.baseUrl]));
  return {
    sites,
    setEpoch(epoch: number) {
      state.world = worldAt(epoch);
    },
    groundTruth() {
      return groundTruthFor(state.world, baseUrls());
    },
    async close() {
      await Promise.all(servers.map((s) => closeServer(s)));
    },
  };
}

