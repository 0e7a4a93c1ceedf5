// What a demo site is to the server and the ground truth: a name, an adapter, its start pages,
// where each profile lives, and a function from request to page.

import type { DemoProfile, DemoSiteId, DemoWorld } from '../generator.ts';
import type { DemoResponse } from '../html.ts';

export interface DemoRequest {
  path: string;
  query: URLSearchParams;
}

export interface SiteContext {
  world: DemoWorld;
  /** Origin the site is served at, without a trailing slash: http://127.0.0.1:41234. */
  base: string;
}

export interface DemoSiteRenderer {
  id: DemoSiteId;
  name: string;
  /** Name of the adapter in crawlers/ that reads this site. */
  adapter: string;
  /** Paths (with query) where a crawl of the site starts. */
  startPaths: readonly string[];
  robots: string;
  /** Path (with query) of a profile's page. */
  profilePath(profile: DemoProfile): string;
  /** The page for a request, or null for 404. */
  render(req: DemoRequest, ctx: SiteContext): DemoResponse | null;
}
