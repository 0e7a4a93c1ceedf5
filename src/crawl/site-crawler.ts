// Crawls one site with crawlee's CheerioCrawler and hands each profile page's raw record to
// the caller. It knows adapters and politeness, nothing of normalisation or storage: the caller
// (mapping-run.ts) decides what happens to a profile.

import { CheerioCrawler, Configuration, MemoryStorage, log as crawleeLog, type CheerioCrawlingContext, type RequestOptions } from 'crawlee';
import type { SiteAdapter } from '../../crawlers/types.ts';
import type { CrawlSettings } from '../config/sites-schema.ts';
import type { ResolvedSite } from '../config/sites-loader.ts';
import { compilePattern } from '../extract/field.ts';
import { extractJsonListing, extractListing, readProfilePage, revealedPhones } from '../extract/index.ts';
import { photoHash } from '../photo/perceptual-hash.ts';
import type { RawProfile } from '../model/profile.ts';
import { BadPhotoError, HttpStatusError, classifyPageError, isPermanentPageError, oneLine, type PageErrorKind } from './crawl-errors.ts';
import { GuardedHttpClient, isAllowedHost } from './guarded-http-client.ts';
import { RequestPacer, abortableDelay } from './request-pacer.ts';
import { ROBOTS_MAX_BYTES, RobotsRules } from './robots.ts';

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
  onPage?(kind: 'listing' | 'profile' | 'reveal' | 'photo'): void;
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

const LISTING = 'listing';
const PROFILE = 'profile';
/** A "show number" endpoint of a profile already read. */
const REVEAL = 'reveal';
/** The photo of a profile already read: hashed in memory, never kept. */
const PHOTO = 'photo';
/** What a photo request may answer; anything else is not read. */
const IMAGE_TYPES = ['image/jpeg', 'image/png', 'image/webp', 'image/gif', 'image/avif'];
/** SiteRun.errors keeps this many records; errorCount keeps the full count. */
const MAX_ERRORS_KEPT = 200;

/** A profile read from its page and held until its phone reveals and photo have answered or failed. */
interface AwaitingProfile {
  raw: RawProfile;
  observedAt: Date;
  /** Reveal and photo requests not yet settled. */
  left: number;
}

export async function crawlSite(
  site: ResolvedSite,
  adapter: SiteAdapter,
  settings: CrawlSettings,
  events: SiteCrawlEvents,
  signal?: AbortSignal,
  options: SiteCrawlOptions = {},
): Promise<SiteCrawlResult> {
  const result: SiteCrawlResult = {
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
  if (adapter.render === 'browser') {
    // Reading such a site over plain HTTP would find nothing and look like an empty site.
    const reason = `adapter "${adapter.name}" needs browser rendering, which this version of Kartla cannot do yet`;
    events.onError?.({ url: site.startUrls[0]!, reason, kind: 'other' });
    return { ...result, errors: [{ url: site.startUrls[0]!, reason, kind: 'other' }], errorCount: 1, failedStartUrls: site.startUrls.length };
  }
  const startUrls = new Set(site.startUrls);
  const profilePattern = adapter.profileUrlPattern ? new RegExp(adapter.profileUrlPattern) : null;

  const jsonSpec = adapter.listing.json;
  const jsonPattern = jsonSpec ? compilePattern(jsonSpec.urlPattern) : null;

  const record = (pageError: PageError) => {
    result.errorCount += 1;
    if (result.errors.length < MAX_ERRORS_KEPT) result.errors.push(pageError);
    events.onError?.(pageError);
  };
  const recordError = (url: string, error: Error, prefix = '') => {
    const kind = classifyPageError(error);
    if (startUrls.has(url)) result.failedStartUrls += 1;
    else if (kind === 'robots') result.robotsRefused += 1;
    record({ url, reason: prefix + oneLine(error.message), kind });
  };

  // Keyed by the profile request's uniqueKey. A profile is handed on once, when its last reveal
  // or photo settles; whatever is still here when the crawl ends (page limit, abort) is handed on then.
  const awaiting = new Map<string, AwaitingProfile>();
  const settle = async (key: string, apply: (raw: RawProfile) => void) => {
    const entry = awaiting.get(key);
    if (!entry) return;
    apply(entry.raw);
    entry.left -= 1;
    if (entry.left > 0) return;
    awaiting.delete(key);
    await events.onProfile(entry.raw, entry.observedAt);
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
  const skippedByLimit = new Set<string>();
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

  if (signal?.aborted) return { ...result, aborted: true };
  if (robots) {
    // The start hosts' robots.txt first: a Crawl-delay there sets the pace of the whole crawl.
    const read = await Promise.all(site.startUrls.map((url) => robots.forUrl(url)));
    const delay = Math.max(0, ...read.map((r) => r.crawlDelaySecs ?? 0));
    if (delay * 1000 > pacer.intervalMs) {
      pacer.slowTo(delay * 1000);
      result.crawlDelaySecs = delay;
    }
  }
  // A request may wait in the pacer behind every other one in flight; crawlee's handler timeout
  // covers that wait, so it is widened by it.
  const pacingAllowanceSecs = Math.ceil((site.maxConcurrency * pacer.intervalMs) / 1000);

  const crawler = new CheerioCrawler(
    {
      httpClient,
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
      // A URL robots.txt refuses fails here, before it takes a turn in the pacer.
      preNavigationHooks: [async ({ request }) => {
        await robots?.check(request.url);
        await pacer.wait(signal);
      }],
      // crawlee refuses new requests once maxRequestsPerCrawl is in sight rather than queueing
      // them, so the queue alone cannot tell that the limit cut the crawl short.
      onSkippedRequest: ({ url, reason }) => {
        if (reason === 'limit') skippedByLimit.add(url);
      },
      // A page that says it is XHTML or XML is still a page we can read; JSON is what listing
      // APIs and "show number" endpoints answer.
      additionalMimeTypes: ['application/xhtml+xml', 'application/json', ...(settings.photos ? IMAGE_TYPES : [])],
      // 4xx pages reach the handler, which decides: 429 and 408 are retried, others are errors.
      async requestHandler(context: CheerioCrawlingContext) {
        const { request, response, body, contentType } = context;
        const status = response.statusCode ?? 200;
        if (status === 429 || status === 408) throw new Error(`HTTP ${status} (rate limited): ${request.url}`);
        if (status >= 400) throw new HttpStatusError(request.url, status);
        result.pagesFetched += 1;
        if (request.label === PHOTO) {
          events.onPage?.('photo');
          const type = contentType?.type ?? '';
          if (!IMAGE_TYPES.includes(type)) throw new BadPhotoError(request.url, `answered ${type || 'no content type'}, not an image`);
          // The bytes live only in this scope: hashed, then dropped with the response.
          const hash = await photoHash(typeof body === 'string' ? Buffer.from(body, 'latin1') : body).catch((e: Error) => {
            throw new BadPhotoError(request.url, oneLine(e.message));
          });
          await settle(String(request.userData.profileKey), (raw) => {
            raw.photoHash = hash;
          });
          return;
        }
        const html = typeof body === 'string' ? body : body.toString('utf8');
        const pageUrl = request.loadedUrl ?? request.url;
        if (request.label === REVEAL) {
          events.onPage?.('reveal');
          const phones = revealedPhones(html, contentType?.type ?? '');
          if (phones.length === 0) {
            // A captcha or an error text in place of the number would otherwise cost every
            // profile its phone without a trace.
            record({ url: request.url, reason: `phone reveal for ${String(request.userData.profileUrl)} answered no phone number`, kind: 'extract' });
          }
          await settle(String(request.userData.profileKey), (raw) => raw.phones.push(...phones));
          return;
        }
        if (request.label === PROFILE) {
          result.profilePages += 1;
          events.onPage?.('profile');
          const { raw, reveals, photo } = readProfilePage(adapter, html, pageUrl);
          const onSite = toRequests(reveals, REVEAL);
          for (const url of reveals.filter((u) => !onSite.some((r) => r.url === u))) {
            record({ url, reason: `phone reveal for ${raw.url} points off the site; not fetched`, kind: 'extract' });
          }
          // A photo on a host the site does not name (a CDN left out of allowedHosts) is not
          // fetched: the tie is weak, and the crawler never leaves the hosts it was given.
          const photos = settings.photos && photo !== null ? toRequests([photo], PHOTO) : [];
          const follow = [...onSite, ...photos];
          if (follow.length === 0) {
            await events.onProfile(raw, new Date());
            return;
          }
          awaiting.set(request.uniqueKey, { raw, observedAt: new Date(), left: follow.length });
          // Per profile: two profiles naming one endpoint must each get their answer. At the
          // front of the queue, so profiles wait for their numbers a moment, not a whole crawl.
          await crawler.addRequests(
            follow.map((r) => ({ ...r, uniqueKey: `${r.label} ${request.uniqueKey} ${r.url}`, userData: { profileKey: request.uniqueKey, profileUrl: raw.url } })),
            { forefront: true },
          );
          return;
        }
        result.listingPages += 1;
        events.onPage?.('listing');
        const isJson = jsonSpec && (jsonPattern?.test(pageUrl) || contentType?.type === 'application/json');
        if (isJson) {
          // The body is parsed here rather than through context.json, which is null for an API
          // that labels its JSON text/html, and throws a bare SyntaxError for a broken answer.
          const listing = extractJsonListing(adapter, html, pageUrl, { allowedHosts: site.allowedHosts });
          for (const problem of listing.problems) record({ url: pageUrl, reason: oneLine(problem), kind: 'bad-json' });
          await crawler.addRequests([...toRequests(listing.profileUrls, PROFILE), ...toRequests(listing.listingUrls, LISTING)]);
          return;
        }
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
        if (request.label === PHOTO) {
          // The profile is kept without its photo's hash.
          recordError(request.url, error, `photo for ${String(request.userData.profileUrl)}: `);
          await settle(String(request.userData.profileKey), () => {});
          return;
        }
        if (request.label !== REVEAL) {
          recordError(request.url, error);
          return;
        }
        // The profile is kept without this number; the error says which profile lost it.
        recordError(request.url, error, `phone reveal for ${String(request.userData.profileUrl)}: `);
        await settle(String(request.userData.profileKey), () => {});
      },
    },
    config,
  );

  const onAbort = () => {
    result.aborted = true;
    void crawler.autoscaledPool?.abort();
  };
  signal?.addEventListener('abort', onAbort, { once: true });
  try {
    const initial = site.startUrls.map((url) => ({
      url,
      label: profilePattern?.test(url) ? PROFILE : LISTING,
    }));
    await crawler.run(initial);
    const handled = crawler.stats.state.requestsFinished + crawler.stats.state.requestsFailed;
    const queued = (await crawler.requestQueue?.handledCount().then(async (done) => {
      const total = crawler.requestQueue ? (await crawler.requestQueue.getInfo())?.totalRequestCount ?? 0 : 0;
      return total - done;
    })) ?? 0;
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
    // Reveals never fetched (the page limit or an abort stopped the crawl first): the profiles
    // were read and are kept, and each missing reveal is counted.
    for (const [key, entry] of [...awaiting]) {
      awaiting.delete(key);
      record({ url: entry.raw.url, reason: `${entry.left} phone reveal(s) or photo not fetched before the crawl stopped`, kind: result.aborted ? 'other' : 'page-limit' });
      await events.onProfile(entry.raw, entry.observedAt);
    }
  } finally {
    signal?.removeEventListener('abort', onAbort);
  }
  return result;
}
