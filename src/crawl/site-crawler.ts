// Crawls one site with crawlee's CheerioCrawler and hands each profile page's raw record to
// the caller. It knows adapters and politeness, nothing of normalisation or storage: the caller
// (mapping-run.ts) decides what happens to a profile.

import { CheerioCrawler, Configuration, MemoryStorage, log as crawleeLog, type CheerioCrawlingContext, type RequestOptions } from 'crawlee';
import type { SiteAdapter } from '../../crawlers/types.ts';
import type { CrawlSettings } from '../config/sites-schema.ts';
import type { ResolvedSite } from '../config/sites-loader.ts';
import { extractListing, extractProfile } from '../extract/index.ts';
import type { RawProfile } from '../model/profile.ts';
import { HttpStatusError, classifyPageError, isPermanentPageError, type PageErrorKind } from './crawl-errors.ts';
import { GuardedHttpClient, isAllowedHost } from './guarded-http-client.ts';
import { RequestPacer, abortableDelay } from './request-pacer.ts';

// crawlee logs every retry and statistics at INFO; Kartla reports through its own progress
// display, and crawlee's lines carry URLs we would rather keep out of logs.
crawleeLog.setLevel(crawleeLog.LEVELS.OFF);

export interface PageError {
  url: string;
  reason: string;
  kind: PageErrorKind;
}

export interface SiteCrawlEvents {
  /** A profile page was read. Returning a promise applies back-pressure on the crawl. */
  onProfile(raw: RawProfile, observedAt: Date): void | Promise<void>;
  onPage?(kind: 'listing' | 'profile'): void;
  onError?(error: PageError): void;
}

export interface SiteCrawlResult {
  pagesFetched: number;
  listingPages: number;
  profilePages: number;
  errors: PageError[];
  errorCount: number;
  /** Start URLs that could not be read: when all of them fail the site could not be mapped. */
  failedStartUrls: number;
  hitPageLimit: boolean;
  aborted: boolean;
}

const LISTING = 'listing';
const PROFILE = 'profile';
/** SiteRun.errors keeps this many records; errorCount keeps the full count. */
const MAX_ERRORS_KEPT = 200;

export async function crawlSite(
  site: ResolvedSite,
  adapter: SiteAdapter,
  settings: CrawlSettings,
  events: SiteCrawlEvents,
  signal?: AbortSignal,
): Promise<SiteCrawlResult> {
  const result: SiteCrawlResult = {
    pagesFetched: 0,
    listingPages: 0,
    profilePages: 0,
    errors: [],
    errorCount: 0,
    failedStartUrls: 0,
    hitPageLimit: false,
    aborted: false,
  };
  if (adapter.render === 'browser') {
    // Reading such a site over plain HTTP would find nothing and look like an empty site.
    const reason = `adapter "${adapter.name}" needs browser rendering, which this version of Kartla cannot do yet`;
    events.onError?.({ url: site.startUrls[0]!, reason, kind: 'other' });
    return { ...result, errors: [{ url: site.startUrls[0]!, reason, kind: 'other' }], errorCount: 1, failedStartUrls: site.startUrls.length };
  }
  const startUrls = new Set(site.startUrls);
  const profilePattern = adapter.profileUrlPattern ? new RegExp(adapter.profileUrlPattern) : null;

  const recordError = (url: string, error: Error) => {
    const pageError: PageError = { url, reason: oneLine(error.message), kind: classifyPageError(error) };
    result.errorCount += 1;
    if (result.errors.length < MAX_ERRORS_KEPT) result.errors.push(pageError);
    if (startUrls.has(url)) result.failedStartUrls += 1;
    events.onError?.(pageError);
  };

  // One in-memory storage per crawl: nothing is written to ./storage, and sites crawled at the
  // same time cannot see each other's queues.
  const config = new Configuration({
    persistStorage: false,
    purgeOnStart: true,
    storageClient: new MemoryStorage({ persistStorage: false, writeMetadata: false }),
  });

  const toRequests = (urls: string[], label: string): RequestOptions[] =>
    urls.filter((url) => isAllowedHost(new URL(url), site.allowedHosts)).map((url) => ({ url, label }));

  const pacer = new RequestPacer(site.maxRequestsPerMinute);
  // A request may wait in the pacer behind every other one in flight; crawlee's handler timeout
  // covers that wait, so it is widened by it.
  const pacingAllowanceSecs = Math.ceil((site.maxConcurrency * pacer.intervalMs) / 1000);

  const crawler = new CheerioCrawler(
    {
      httpClient: new GuardedHttpClient({
        userAgent: settings.userAgent,
        maxPageBytes: settings.maxPageBytes,
        allowedHosts: site.allowedHosts,
      }),
      useSessionPool: false,
      persistCookiesPerSession: false,
      maxConcurrency: site.maxConcurrency,
      // Politeness is set by maxConcurrency and maxRequestsPerMinute; crawlee's autoscaling would
      // otherwise start at one request in flight and take seconds to reach them.
      minConcurrency: site.maxConcurrency,
      maxRequestsPerMinute: site.maxRequestsPerMinute,
      maxRequestRetries: settings.maxRetries,
      maxRequestsPerCrawl: settings.maxPagesPerSite,
      navigationTimeoutSecs: settings.requestTimeoutSecs,
      requestHandlerTimeoutSecs: settings.requestTimeoutSecs * 2 + pacingAllowanceSecs,
      preNavigationHooks: [() => pacer.wait(signal)],
      // A page that says it is XHTML or XML is still a page we can read.
      additionalMimeTypes: ['application/xhtml+xml'],
      // 4xx pages reach the handler, which decides: 429 and 408 are retried, others are errors.
      async requestHandler(context: CheerioCrawlingContext) {
        const { request, response, body } = context;
        const status = response.statusCode ?? 200;
        if (status === 429 || status === 408) throw new Error(`HTTP ${status} (rate limited): ${request.url}`);
        if (status >= 400) throw new HttpStatusError(request.url, status);
        const html = typeof body === 'string' ? body : body.toString('utf8');
        const pageUrl = request.loadedUrl ?? request.url;
        result.pagesFetched += 1;
        if (request.label === PROFILE) {
          result.profilePages += 1;
          events.onPage?.('profile');
          const raw = extractProfile(adapter, html, pageUrl);
          await events.onProfile(raw, new Date());
          return;
        }
        result.listingPages += 1;
        events.onPage?.('listing');
        const { profileUrls, listingUrls } = extractListing(adapter, html, pageUrl);
        await crawler.addRequests([...toRequests(profileUrls, PROFILE), ...toRequests(listingUrls, LISTING)]);
      },
      async errorHandler({ request }, error) {
        if (isPermanentPageError(error)) {
          request.noRetry = true;
          return;
        }
        // Exponential backoff before crawlee puts the request back in the queue.
        const delay = Math.min(settings.retryBackoffMs * 2 ** request.retryCount, 60_000);
        if (delay > 0 && !signal?.aborted) await abortableDelay(delay, signal);
      },
      async failedRequestHandler({ request }, error) {
        recordError(request.url, error);
      },
    },
    config,
  );

  const onAbort = () => {
    result.aborted = true;
    void crawler.autoscaledPool?.abort();
  };
  if (signal?.aborted) return { ...result, aborted: true };
  signal?.addEventListener('abort', onAbort, { once: true });
  try {
    const initial = site.startUrls.map((url) => ({
      url,
      label: profilePattern?.test(url) ? PROFILE : LISTING,
    }));
    await crawler.run(initial);
    const handled = crawler.stats.state.requestsFinished + crawler.stats.state.requestsFailed;
    const pending = (await crawler.requestQueue?.handledCount().then(async (done) => {
      const total = crawler.requestQueue ? (await crawler.requestQueue.getInfo())?.totalRequestCount ?? 0 : 0;
      return total - done;
    })) ?? 0;
    if (!result.aborted && handled >= settings.maxPagesPerSite && pending > 0) {
      result.hitPageLimit = true;
      result.errorCount += 1;
      result.errors.push({
        url: site.startUrls[0]!,
        reason: `stopped after ${settings.maxPagesPerSite} pages (crawl.maxPagesPerSite); ${pending} pages not read`,
        kind: 'page-limit',
      });
    }
  } finally {
    signal?.removeEventListener('abort', onAbort);
  }
  return result;
}

function oneLine(text: string): string {
  const line = text.split('\n')[0] ?? '';
  return line.length > 300 ? `${line.slice(0, 297)}...` : line;
}
