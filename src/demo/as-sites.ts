// The demo web seen as a sites file would describe it: what `kartla demo` and the tests map.

import { crawlSettingsSchema, type CrawlSettings } from '../config/sites-schema.ts';
import type { ResolvedSite } from '../config/sites-loader.ts';
import type { DemoSites } from './server.ts';

/** The demo sites are ours and local: no politeness delay is needed to be fair to them. */
export const DEMO_CRAWL: CrawlSettings = crawlSettingsSchema.parse({
  userAgent: 'KartlaBot/0.1 (demo)',
  maxRequestsPerMinute: 20_000,
  maxConcurrency: 8,
  maxRetries: 1,
  retryBackoffMs: 100,
  requestTimeoutSecs: 10,
});

export function demoSitesAsResolved(demo: Pick<DemoSites, 'sites'>, crawl: CrawlSettings = DEMO_CRAWL): ResolvedSite[] {
  return demo.sites.map((site) => ({
    id: site.id,
    name: site.name,
    group: site.group ?? null,
    adapter: site.adapter,
    startUrls: site.startUrls,
    allowedHosts: [new URL(site.baseUrl).host],
    maxRequestsPerMinute: crawl.maxRequestsPerMinute,
    maxConcurrency: crawl.maxConcurrency,
    enabled: true,
    // Served from 127.0.0.1: private addresses allowed. robots.txt is obeyed like any site's.
    local: true,
    robotsOverride: null,
    notes: null,
  }));
}
