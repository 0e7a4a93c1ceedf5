// Serves the national synthetic web on the loopback interface from ONE process: a node:http
// server per site, each with an index built once from the world, so 13,000 profiles cost a map
// lookup per request. Latency and flaky 5xx answers can be injected to exercise the crawler's
// retries; the flakiness is seeded per URL and only ever hits a URL's first request, so a retry
// always succeeds and two runs with the same seed see the same failures. Photos (photo-store.ts)
// go through the same latency and failures as pages. Sites named in `scriptRendered` answer every
// HTML page with an empty shell whose script fetches and writes in the real page, so that only a
// browser finds their ads (the browser crawler's tests map them).

import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { truthFromWorld } from '../../eval/truth.ts';
import type { TruthProfile } from '../../eval/score.ts';
import { html, text, type DemoResponse } from '../html.ts';
import { layoutFor, type NationalLayout } from './layouts/index.ts';
import type { NationalSiteIndex } from './layouts/types.ts';
import { PhotoStore } from './photo-store.ts';
import { CONTENT_HEADER, shell } from './layouts/scripts.ts';
import type { LayoutId, NationalProfile, NationalSite, NationalWorld } from './types.ts';
import { generateNationalWorld } from './world.ts';
import { closeServer, listen, origin, respond } from '../site-server.ts';

export interface NationalSiteInfo {
  id: string;
  name: string;
  /** Review sites (buyers' reviews under the ads) apart from plain advertising sites, as analysts group them. */
  group: string;
  adapter: string;
  baseUrl: string;
  startUrls: string[];
  /** The layout the world gave the site, and the one actually rendered (see LAYOUT_FALLBACK). */
  layout: string;
  renderedLayout: string;
}

export const NATIONAL_GROUPS = { reviews: 'Recensionssajter', adverts: 'Annonssajter' } as const;

export interface NationalWebOptions {
  seed: number;
  sites?: number;
  profiles?: number;
  year?: number;
  host?: string;
  /**
   * Site nat-NN listens on basePort + NN - 1, so a site keeps its address from one year's web to
   * the next (sites close and open in between); a free port each when omitted.
   */
  basePort?: number;
  /** Delay before every answer, in milliseconds. */
  latencyMs?: number;
  /** Share (0..1) of URLs whose first request answers 503. */
  errorRate?: number;
  /**
   * Sites (by id) whose HTML pages are built by a script: a plain request gets an empty shell
   * whose script fetches the page's real HTML (same URL, with the CONTENT_HEADER of scripts.ts)
   * and writes it in, so only a browser sees the ads. The ground truth is the same.
   */
  scriptRendered?: readonly string[];
  /**
   * Sites (by id) served with another layout than the world gave them, while their adapter and
   * start URLs stay those of the world's layout: a site that changed its layout overnight, for
   * the drift alerts' tests. The ground truth is the same profiles at their new addresses.
   */
  layoutOverrides?: Readonly<Record<string, LayoutId>>;
  /**
   * Changes the generated world before anything is served, e.g. to plant hostile text in a site
   * name, a place or a description for the escaping tests. The ground truth follows the change.
   */
  alterWorld?: (world: NationalWorld) => void;
  /** Told of every request's URL as it arrives (the crawl benchmark's floor re-reads the same pages). */
  onRequest?: (url: string) => void;
}

export interface NationalWeb {
  sites: NationalSiteInfo[];
  world: NationalWorld;
  /** Canonical URL of a profile's page. */
  urlFor(siteId: string, profileId: string): string;
  groundTruth(): TruthProfile[];
  /** Requests answered with an injected 5xx so far. */
  injectedErrors(): number;
  close(): Promise<void>;
}

const NOT_FOUND = html('<!doctype html>\n<html><head><meta charset="utf-8"><title>404</title></head><body><h1>404</h1><p>Not found.</p></body></html>\n', 404);

/** FNV-1a, so the flaky URLs depend on the seed and the URL only, never on request order. */
function hash(seed: number, s: string): number {
  let h = (0x811c9dc5 ^ seed) >>> 0;
  for (let i = 0; i < s.length; i++) {
    h ^= s.charCodeAt(i);
    h = Math.imul(h, 0x01000193) >>> 0;
  }
  return h >>> 0;
}

interface Faults {
  seed: number;
  latencyMs: number;
  errorRate: number;
  failed: Set<string>;
  injected: number;
}

function shouldFail(faults: Faults, siteId: string, pathAndQuery: string): boolean {
  if (faults.errorRate <= 0) return false;
  const key = `${siteId} ${pathAndQuery}`;
  if (faults.failed.has(key)) return false;
  if (hash(faults.seed, key) / 0x1_0000_0000 >= faults.errorRate) return false;
  faults.failed.add(key);
  faults.injected++;
  return true;
}

/**
 * Pages are pure functions of the world, so each is rendered once: a full crawl of the 13,000
 * profile world renders every page once however often it is fetched (tens of MB at most).
 */
function cached(index: NationalSiteIndex): NationalSiteIndex {
  const pages = new Map<string, DemoResponse | null>();
  return {
    serve(req, base) {
      const key = `${req.path}?${req.query.toString()}`;
      let page = pages.get(key);
      if (page === undefined) {
        page = index.serve(req, base);
        // Unknown paths are not kept: a crawler following junk links must not grow the cache.
        if (page !== null) pages.set(key, page);
      }
      return page;
    },
  };
}

function sendImage(res: ServerResponse, bytes: Buffer, head: boolean): void {
  res.writeHead(200, { 'Content-Type': 'image/jpeg', 'Content-Length': String(bytes.length), 'Cache-Control': 'no-store' });
  res.end(head ? undefined : bytes);
}

/** What a script-rendered site answers a request for an HTML page that does not ask for the content. */
function shellFor(site: NationalSite, page: DemoResponse, req: IncomingMessage): DemoResponse {
  if (req.headers[CONTENT_HEADER] !== undefined || page.status !== 200 || !page.contentType.startsWith('text/html')) return page;
  return { ...page, body: shell(site.language, site.language === 'sv' ? 'Laddar…' : 'Loading…') };
}

function handler(
  site: NationalSite,
  layout: NationalLayout,
  index: NationalSiteIndex,
  photos: PhotoStore,
  faults: Faults,
  base: () => string,
  scriptRendered: boolean,
  onRequest: ((url: string) => void) | undefined,
) {
  const siteId = site.id;
  const answer = (req: IncomingMessage, res: ServerResponse): void => {
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
      respond(res, text(layout.robots), head);
      return;
    }
    if (shouldFail(faults, siteId, url.pathname + url.search)) {
      respond(res, { ...text('Service temporarily unavailable\n', 503), headers: { 'Retry-After': '0' } }, head);
      return;
    }
    if (PhotoStore.handles(url.pathname)) {
      const photo = photos.lookup(siteId, url.pathname);
      if (!photo) respond(res, NOT_FOUND, head);
      else photo.then((bytes) => sendImage(res, bytes, head), (error: Error) => respond(res, text(`Internal error: ${error.message}\n`, 500), head));
      return;
    }
    let page: DemoResponse | null;
    try {
      page = index.serve({ path: url.pathname, query: url.searchParams }, base());
    } catch (error) {
      respond(res, text(`Internal error: ${(error as Error).message}\n`, 500), head);
      return;
    }
    respond(res, page && scriptRendered ? shellFor(site, page, req) : (page ?? NOT_FOUND), head);
  };
  return (req: IncomingMessage, res: ServerResponse): void => {
    onRequest?.(base() + (req.url ?? '/'));
    if (faults.latencyMs > 0) setTimeout(() => answer(req, res), faults.latencyMs);
    else answer(req, res);
  };
}

function siteNumber(siteId: string, index: number): number {
  const n = /(\d+)$/.exec(siteId);
  return n ? Number(n[1]) - 1 : index;
}

/** Generate the world for the options and serve every site of it; close() stops them all. */
export async function startNationalWeb(opts: NationalWebOptions): Promise<NationalWeb> {
  const host = opts.host ?? '127.0.0.1';
  const errorRate = opts.errorRate ?? 0;
  if (!(errorRate >= 0 && errorRate < 1)) throw new RangeError(`errorRate must be in [0, 1), got ${errorRate}`);
  const world = generateNationalWorld({ seed: opts.seed, sites: opts.sites, profiles: opts.profiles, year: opts.year });
  opts.alterWorld?.(world);
  const faults: Faults = { seed: world.seed, latencyMs: Math.max(0, opts.latencyMs ?? 0), errorRate, failed: new Set(), injected: 0 };

  const bySite = new Map<string, NationalProfile[]>(world.sites.map((s) => [s.id, []]));
  for (const p of world.profiles) bySite.get(p.siteId)?.push(p);

  const scriptRendered = new Set(opts.scriptRendered ?? []);
  const photos = new PhotoStore(world.sites.map((s) => s.id), world.profiles);
  const servers: Server[] = [];
  const sites: NationalSiteInfo[] = [];
  const paths = new Map<string, string>();
  try {
    for (const [i, site] of world.sites.entries()) {
      // The site's sites-file entry (adapter, start URLs) follows the world's layout; what is served may not.
      const configured = layoutFor(site.layout);
      const layout = layoutFor(opts.layoutOverrides?.[site.id] ?? site.layout);
      const profiles = bySite.get(site.id)!;
      const index = cached(layout.build(site, profiles));
      let baseUrl = '';
      const server = createServer(handler(site, layout, index, photos, faults, () => baseUrl, scriptRendered.has(site.id), opts.onRequest));
      servers.push(server);
      baseUrl = origin(host, await listen(server, host, opts.basePort ? opts.basePort + siteNumber(site.id, i) : 0));
      for (const p of profiles) paths.set(p.id, new URL(layout.profilePath(p), baseUrl).href);
      sites.push({
        id: site.id,
        name: site.name,
        group: site.reviews ? NATIONAL_GROUPS.reviews : NATIONAL_GROUPS.adverts,
        adapter: configured.adapter,
        baseUrl,
        startUrls: configured.startPaths.map((p) => new URL(p, baseUrl).href),
        layout: site.layout,
        renderedLayout: layout.id,
      });
    }
  } catch (error) {
    await Promise.all(servers.map((s) => closeServer(s)));
    throw error;
  }

  const urlFor = (siteId: string, profileId: string): string => {
    const url = paths.get(profileId);
    if (!url) throw new Error(`no profile ${profileId} on site ${siteId}`);
    return url;
  };
  return {
    sites,
    world,
    urlFor,
    groundTruth: () => truthFromWorld(world, urlFor),
    injectedErrors: () => faults.injected,
    async close() {
      await Promise.all(servers.map((s) => closeServer(s)));
    },
  };
}
