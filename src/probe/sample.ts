// Crawls a small sample of an unknown site with the generic adapter, through the same crawler
// (politeness, robots.txt, address guard, size limits) as a mapping run, and keeps the pages it
// read so that the probe can learn the site's structure from them. Nothing is stored.

import type { PageReader, SiteAdapter } from '../../crawlers/types.ts';
import type { ResolvedSite } from '../config/sites-loader.ts';
import { crawlSettingsSchema, type CrawlSettings } from '../config/sites-schema.ts';
import { crawlSite, type PageError, type SiteCrawlResult } from '../crawl/site-crawler.ts';
import { ConfigError } from '../errors.ts';
import type { RawProfile } from '../model/profile.ts';

export interface SampledListing {
  url: string;
  body: string;
  contentType: string;
  profileUrls: string[];
  listingUrls: string[];
}

export interface SampledProfile {
  url: string;
  body: string;
  /** The final record: with what the page's "show number" endpoints answered. */
  raw: RawProfile;
  /** Phone candidates on the page itself, before any reveal. */
  pagePhones: RawProfile['phones'];
  /** The "show number" URLs and the photo URL the reader found on the page. */
  reveals: string[];
  photo: string | null;
}

export interface ProbeSample {
  site: ResolvedSite;
  listings: SampledListing[];
  profiles: SampledProfile[];
  /** Pages reached as profile links that turned out to be listings. */
  notProfiles: number;
  errors: PageError[];
  crawl: SiteCrawlResult;
}

export interface SampleOptions {
  /** Pages to read at most (listings, profiles and number reveals together). */
  pages: number;
  /** The site is served from this machine or a private network. */
  local: boolean;
  crawl?: Partial<CrawlSettings>;
  signal?: AbortSignal;
  onPage?: (kind: string) => void;
}

/** A site entry for a URL nobody has described yet: its own host only, gentle pace. */
export function probeSite(startUrl: string, local: boolean): ResolvedSite {
  let url: URL;
  try {
    url = new URL(startUrl);
  } catch {
    throw new ConfigError(`"${startUrl}" is not a URL; give the address of a listing page, e.g. https://example.se/annonser`);
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') {
    throw new ConfigError(`"${startUrl}" is not an http(s) URL; give the address of a listing page, e.g. https://example.se/annonser`);
  }
  // Sites on one address differ only by port (the demo web): the port then belongs to the id.
  // A loopback site is "local-<port>": a dotted address with its port would read like a number.
  const loopback = /^127\.|^\[::1\]$|^localhost$/i.test(url.hostname);
  const numeric = /^[\d.]+$|^\[/.test(url.hostname);
  const host = loopback ? `local-${url.port || 'site'}` : numeric && url.port ? `${url.hostname}-${url.port}` : url.hostname.replace(/^www\./, '');
  const slug = host.replace(/[^a-z0-9]+/gi, '-').replace(/^-|-$/g, '').toLowerCase() || 'site';
  return {
    id: slug.slice(0, 63),
    name: url.hostname,
    adapter: 'generic',
    startUrls: [url.href],
    allowedHosts: [url.host.toLowerCase()],
    maxRequestsPerMinute: 60,
    maxConcurrency: 2,
    enabled: true,
    local,
    robotsOverride: null,
    notes: null,
  };
}

/** Wraps an adapter's reader so that every page it reads is also kept for the probe. */
function recording(adapter: SiteAdapter, sample: ProbeSample): SiteAdapter {
  const reader = adapter.reader;
  if (!reader) throw new Error(`adapter "${adapter.name}" has no page reader; the probe needs the generic adapter`);
  const wrapped: PageReader = {
    readListing(body, pageUrl, contentType) {
      const reading = reader.readListing(body, pageUrl, contentType);
      sample.listings.push({ url: pageUrl, body, contentType, profileUrls: reading.profileUrls, listingUrls: reading.listingUrls });
      return reading;
    },
    readProfile(html, pageUrl) {
      const page = reader.readProfile(html, pageUrl);
      if (page === null) sample.notProfiles += 1;
      else sample.profiles.push({ url: page.raw.url, body: html, raw: page.raw, pagePhones: [...page.raw.phones], reveals: page.reveals, photo: page.photo });
      return page;
    },
  };
  return { ...adapter, reader: wrapped };
}

export async function sampleSite(site: ResolvedSite, generic: SiteAdapter, opts: SampleOptions): Promise<ProbeSample> {
  const sample: ProbeSample = { site, listings: [], profiles: [], notProfiles: 0, errors: [], crawl: undefined as unknown as SiteCrawlResult };
  const settings = crawlSettingsSchema.parse({ ...opts.crawl, maxPagesPerSite: opts.pages, photos: false });
  const byUrl = new Map<string, RawProfile>();
  sample.crawl = await crawlSite(
    { ...site, maxConcurrency: Math.min(site.maxConcurrency, settings.maxConcurrency) },
    recording(generic, sample),
    settings,
    {
      // Revealed numbers arrive after the page was read: take the final record.
      onProfile: (raw) => void byUrl.set(raw.url, raw),
      onPage: (kind) => opts.onPage?.(kind),
      onError: (error) => void sample.errors.push(error),
    },
    opts.signal,
  );
  for (const p of sample.profiles) p.raw = byUrl.get(p.raw.url) ?? p.raw;
  return sample;
}
