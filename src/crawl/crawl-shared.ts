// What the two ways of crawling a site share (site-crawler.ts over HTTP with Cheerio,
// browser-crawler.ts in headless Chromium): the result and event contract, error records,
// politeness (one pacer, robots.txt, the guarded HTTP client), reading a listing page, retries
// with backoff, and the end of a crawl (page-limit accounting, abort). Each path keeps only what
// differs: how a page is fetched and made ready to read.

import { totalmem } from 'node:os';
import { Configuration, MemoryStorage, type BasicCrawler, type IRequestManager, type RequestOptions, type RequestProvider } from 'crawlee';
import type { SiteAdapter } from '../../crawlers/types.ts';
import type { CrawlSettings } from '../config/sites-schema.ts';
import type { ResolvedSite } from '../config/sites-loader.ts';
import { compilePattern } from '../extract/field.ts';
import type { RawProfile } from '../model/profile.ts';
import { extractJsonListing, extractListing, readProfilePage, type ProfilePage } from '../extract/index.ts';
import { classifyPageError, isPermanentPageError, oneLine, type PageErrorKind } from './crawl-errors.ts';
import { GuardedHttpClient, isAllowedHost } from './guarded-http-client.ts';
import { MemoryRequestManager } from './memory-request-manager.ts';
import { RequestPacer, abortableDelay } from './request-pacer.ts';
import { ROBOTS_MAX_BYTES, RobotsRules } from './robots.ts';

export interface PageError {
  url: string;
  reason: string;
  kind: PageErrorKind;
}

export interface SiteCrawlEvents {
  /** A profile page was read. Returning a promise applies back-pressure on the crawl. */
  onProfile(raw: RawProfile, observedAt: Date): void | Promise<void>;
  onPage?(kind: 'listing' | 'profile' | 'reveal' | 'photo'): void;
  onError?(error: PageError): void;
  /** A listing page was read (`kartla sites probe` learns a site's structure from these). */
  onListing?(page: { url: string; body: string; profileUrls: string[]; listingUrls: string[] }): void;
}

export interface SiteCrawlResult {
  pagesFetched: number;
  listingPages: number;
  profilePages: number;
  errors: PageError[];
  errorCount: number;
  /** Start URLs that could not be read: when all of them fail the site could not be mapped. */
  failedStartUrls: number;
  /**
   * URLs other than start URLs that robots.txt refused: counted among the errors, but they do
   * not make the site partial (the site asked not to be read there).
   */
  robotsRefused: number;
  /** Crawl-delay from the start hosts' robots.txt when it slowed the crawl, in seconds. */
  crawlDelaySecs: number | null;
  hitPageLimit: boolean;
  aborted: boolean;
}

export interface SiteCrawlOptions {
  /** Tests only: see AddressPolicy.treatAsPublic. */
  treatAsPublic?: readonly string[];
}

export const LISTING = 'listing';
export const PROFILE = 'profile';
/** SiteRun.errors keeps this many records; errorCount keeps the full count. */
const MAX_ERRORS_KEPT = 200;

export function emptyResult(): SiteCrawlResult {
  return {
    pagesFetched: 0,
    listingPages: 0,
    profilePages: 0,
    errors: [],
    errorCount: 0,
    failedStartUrls: 0,
    robotsRefused: 0,
    crawlDelaySecs: null,
    hitPageLimit: false,
    aborted: false,
  };
}

/** A site that could not be crawled at all: one error, every start URL failed. */
export function siteFailure(site: ResolvedSite, events: SiteCrawlEvents, reason: string, kind: PageErrorKind = 'other'): SiteCrawlResult {
  const error: PageError = { url: site.startUrls[0]!, reason, kind };
  events.onError?.(error);
  return { ...emptyResult(), errors: [error], errorCount: 1, failedStartUrls: site.startUrls.length };
}

/** Keeps a crawl's page errors in its result and tells the caller of each. */
export class ErrorLog {
  private readonly startUrls: Set<string>;

  constructor(
    private readonly result: SiteCrawlResult,
    private readonly events: SiteCrawlEvents,
    site: ResolvedSite,
  ) {
    this.startUrls = new Set(site.startUrls);
  }

  record(pageError: PageError): void {
    this.result.errorCount += 1;
    if (this.result.errors.length < MAX_ERRORS_KEPT) this.result.errors.push(pageError);
    this.events.onError?.(pageError);
  }

  /** A page that failed for good: classified, and counted against the start URLs or robots.txt. */
  recordError(url: string, error: Error, prefix = ''): void {
    const kind = classifyPageError(error);
    if (this.startUrls.has(url)) this.result.failedStartUrls += 1;
    else if (kind === 'robots') this.result.robotsRefused += 1;
    this.record({ url, reason: prefix + oneLine(error.message), kind });
  }
}

/**
 * A profile link's page, or null when the adapter's reader finds it is not a profile after all
 * (then it is read as a listing).
 */
export function readProfile(adapter: SiteAdapter, html: string, pageUrl: string): ProfilePage | null {
  return adapter.reader ? adapter.reader.readProfile(html, pageUrl) : readProfilePage(adapter, html, pageUrl);
}

/** The URLs on the site's hosts as requests with a label; others are dropped. */
export function siteRequests(site: ResolvedSite, urls: string[], label: string): RequestOptions[] {
  return urls.filter((url) => isAllowedHost(new URL(url), site.allowedHosts)).map((url) => ({ url, label }));
}

/**
 * One in-memory storage per crawl: nothing is written to ./storage, and sites crawled at the
 * same time cannot see each other's queues. crawlee's system-info sampling (a `ps` child process
 * per crawler every second, for autoscaling) is all but switched off: concurrency is fixed by
 * politeness (commonCrawlerOptions), and with dozens of sites at once the sampling cost more
 * CPU than reading the pages' HTML.
 */
export function memoryConfiguration(): Configuration {
  return new Configuration({
    persistStorage: false,
    purgeOnStart: true,
    systemInfoIntervalMillis: 3_600_000,
    // Given, so that crawlee's memory signal does not start a `ps` of its own to learn it.
    memoryMbytes: Math.floor(totalmem() / 2 ** 20),
    storageClient: new MemoryStorage({ persistStorage: false, writeMetadata: false }),
  });
}

/** How politely a site is read: every request of either path goes through these. */
export interface Politeness {
  pacer: RequestPacer;
  /** Null when the site's robots.txt is overridden (with a written reason). */
  robots: RobotsRules | null;
  httpClient: GuardedHttpClient;
  /** A request may wait in the pacer behind every other one in flight; handler timeouts are widened by it. */
  pacingAllowanceSecs: number;
}

/**
 * The pacer, robots.txt rules and guarded client of a crawl. The start hosts' robots.txt is read
 * first: a Crawl-delay there sets the pace of the whole crawl (and is noted in the result).
 */
export async function preparePoliteness(
  site: ResolvedSite,
  settings: CrawlSettings,
  result: SiteCrawlResult,
  signal: AbortSignal | undefined,
  options: SiteCrawlOptions,
): Promise<Politeness> {
  const pacer = new RequestPacer(site.maxRequestsPerMinute);
  const httpClient = new GuardedHttpClient({
    userAgent: settings.userAgent,
    maxPageBytes: settings.maxPageBytes,
    allowedHosts: site.allowedHosts,
    addresses: { allowPrivate: site.local, treatAsPublic: options.treatAsPublic },
  });
  // robots.txt is read once per host, paced like any request, through the same guarded client.
  const robots = site.robotsOverride
    ? null
    : new RobotsRules(settings.userAgent, async (robotsUrl) => {
        await pacer.wait(signal);
        return httpClient.fetchText(robotsUrl, ROBOTS_MAX_BYTES, settings.requestTimeoutSecs * 1000, signal);
      });
  if (robots && !signal?.aborted) {
    const read = await Promise.all(site.startUrls.map((url) => robots.forUrl(url)));
    const delay = Math.max(0, ...read.map((r) => r.crawlDelaySecs ?? 0));
    if (delay * 1000 > pacer.intervalMs) {
      pacer.slowTo(delay * 1000);
      result.crawlDelaySecs = delay;
    }
  }
  return { pacer, robots, httpClient, pacingAllowanceSecs: Math.ceil((site.maxConcurrency * pacer.intervalMs) / 1000) };
}

/** Reads listing pages the same way on both paths: the adapter's reader, its JSON spec, or its selectors. */
export class ListingReader {
  private readonly jsonPattern: RegExp | null;

  constructor(
    private readonly site: ResolvedSite,
    private readonly adapter: SiteAdapter,
    private readonly errors: ErrorLog,
    private readonly events: SiteCrawlEvents,
  ) {
    this.jsonPattern = adapter.listing.json ? compilePattern(adapter.listing.json.urlPattern) : null;
  }

  /** True when the page is a JSON listing by the adapter's spec (its URL or its content type). */
  isJson(pageUrl: string, contentType: string): boolean {
    return this.adapter.listing.json !== undefined && (this.jsonPattern?.test(pageUrl) === true || contentType === 'application/json');
  }

  /** The requests a listing page leads to; its problems are recorded, and the caller is told of the page. */
  read(body: string, pageUrl: string, contentType: string): RequestOptions[] {
    const { adapter, site } = this;
    let links: { profileUrls: string[]; listingUrls: string[] };
    if (adapter.reader) {
      const listing = adapter.reader.readListing(body, pageUrl, contentType);
      for (const problem of listing.problems) this.errors.record({ url: pageUrl, reason: oneLine(problem), kind: 'extract' });
      links = listing;
    } else if (this.isJson(pageUrl, contentType)) {
      // The body is parsed here rather than through crawlee, which gives null for an API that
      // labels its JSON text/html, and a bare SyntaxError for a broken answer.
      const listing = extractJsonListing(adapter, body, pageUrl, { allowedHosts: site.allowedHosts });
      for (const problem of listing.problems) this.errors.record({ url: pageUrl, reason: oneLine(problem), kind: 'bad-json' });
      links = listing;
    } else {
      links = extractListing(adapter, body, pageUrl);
    }
    this.events.onListing?.({ url: pageUrl, body, profileUrls: links.profileUrls, listingUrls: links.listingUrls });
    return [...siteRequests(site, links.profileUrls, PROFILE), ...siteRequests(site, links.listingUrls, LISTING)];
  }
}

/** crawlee's errorHandler for both paths: permanent errors are not retried, others after a backoff. */
export function retryWithBackoff(settings: CrawlSettings, signal: AbortSignal | undefined) {
  return async ({ request }: { request: { noRetry: boolean; retryCount: number } }, error: Error): Promise<void> => {
    if (isPermanentPageError(error)) {
      request.noRetry = true;
      return;
    }
    // Exponential backoff before crawlee puts the request back in the queue.
    const delay = Math.min(settings.retryBackoffMs * 2 ** request.retryCount, 60_000);
    if (delay > 0 && !signal?.aborted) await abortableDelay(delay, signal);
  };
}

/**
 * The crawlee options both paths set alike. Politeness is set by maxConcurrency and
 * maxRequestsPerMinute; crawlee's autoscaling would otherwise start at one request in flight and
 * take seconds to reach them. Sessions and cookies are not kept between pages. Requests crawlee
 * refuses because of the page limit are noted in `skippedByLimit` (see runToEnd).
 */
export function commonCrawlerOptions(site: ResolvedSite, settings: CrawlSettings, skippedByLimit: Set<string>) {
  return {
    useSessionPool: false,
    persistCookiesPerSession: false,
    // Given as requestQueue: HttpCrawler's option check does not know the requestManager option
    // (crawlee 3.18), and BasicCrawler uses a requestQueue through the same interface.
    requestQueue: new MemoryRequestManager() as unknown as RequestProvider,
    maxConcurrency: site.maxConcurrency,
    minConcurrency: site.maxConcurrency,
    maxRequestsPerMinute: site.maxRequestsPerMinute,
    maxRequestRetries: settings.maxRetries,
    maxRequestsPerCrawl: settings.maxPagesPerSite,
    navigationTimeoutSecs: settings.requestTimeoutSecs,
    onSkippedRequest: ({ url, reason }: { url: string; reason: string }) => {
      if (reason === 'limit') skippedByLimit.add(url);
    },
  };
}

/**
 * Runs a crawler from the site's start URLs (a start URL matching profileUrlPattern is read as a
 * profile) until it is done or aborted, then says whether the page limit cut it short, and
 * closes the crawl's kept-alive connections. `skippedByLimit` is filled by the crawler's
 * onSkippedRequest: crawlee refuses new requests once maxRequestsPerCrawl is in sight rather than
 * queueing them, so the queue alone cannot tell.
 */
export async function runToEnd(
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  crawler: BasicCrawler<any>,
  site: ResolvedSite,
  adapter: SiteAdapter,
  settings: CrawlSettings,
  result: SiteCrawlResult,
  skippedByLimit: ReadonlySet<string>,
  signal: AbortSignal | undefined,
  httpClient: GuardedHttpClient,
  afterRun: () => Promise<void>,
): Promise<SiteCrawlResult> {
  const onAbort = () => {
    result.aborted = true;
    void crawler.autoscaledPool?.abort();
  };
  signal?.addEventListener('abort', onAbort, { once: true });
  try {
    const profilePattern = adapter.profileUrlPattern ? new RegExp(adapter.profileUrlPattern) : null;
    await crawler.run(site.startUrls.map((url) => ({ url, label: profilePattern?.test(url) ? PROFILE : LISTING })));
    const handled = crawler.stats.state.requestsFinished + crawler.stats.state.requestsFailed;
    // crawlee keeps the request manager it was given (commonCrawlerOptions) as its queue.
    const queued = (crawler.requestQueue as unknown as IRequestManager | undefined)?.getPendingCount() ?? 0;
    const pending = queued + skippedByLimit.size;
    if (!result.aborted && handled >= settings.maxPagesPerSite && pending > 0) {
      result.hitPageLimit = true;
      result.errorCount += 1;
      result.errors.push({
        url: site.startUrls[0]!,
        reason: `stopped after ${settings.maxPagesPerSite} pages (crawl.maxPagesPerSite); ${pending} pages not read`,
        kind: 'page-limit',
      });
    }
    await afterRun();
  } finally {
    signal?.removeEventListener('abort', onAbort);
    httpClient.close();
  }
  return result;
}
