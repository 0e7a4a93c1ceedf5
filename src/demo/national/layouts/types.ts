// What a national layout is to the server: its adapter, where a crawl starts, where each profile
// lives, and an index built once per site so a request is a map lookup, not a re-render of the web.

import type { DemoResponse } from '../../html.ts';
import type { LayoutId, NationalProfile, NationalSite } from '../types.ts';

export interface NationalRequest {
  path: string;
  query: URLSearchParams;
}

export interface NationalSiteIndex {
  /** The page for a request, or null for 404; `base` is the site's origin, for absolute links. */
  serve(req: NationalRequest, base?: string): DemoResponse | null;
}

export interface NationalLayout {
  id: LayoutId;
  /** Name of the adapter in crawlers/ that reads sites of this layout. */
  adapter: string;
  startPaths: readonly string[];
  robots: string;
  /** Path (with query) of a profile's canonical page. */
  profilePath(profile: NationalProfile): string;
  build(site: NationalSite, profiles: readonly NationalProfile[]): NationalSiteIndex;
}
