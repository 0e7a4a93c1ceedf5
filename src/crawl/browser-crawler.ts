// Crawls a site whose pages are built by scripts (`render: browser`) with crawlee's
// PlaywrightCrawler driving the machine's Chromium (never a downloaded one). Each page is loaded,
// settled as the adapter's `browser` spec says (browser-page.ts), and its HTML then goes through
// the same extraction as the HTTP path, so a profile reads the same whichever way it was fetched.
//
// Politeness is the HTTP path's: one pacer for every request the browser lets out (navigations,
// the page's own script and API requests, photos and reveal endpoints fetched on the side),
// robots.txt for navigations and the page's API requests (not for the scripts and styles a page
// needs to show itself), maxConcurrency pages at a time. Requests to hosts outside the site's
// allowedHosts and images, media and fonts are never sent. Every request the page makes is sent
// from here (Playwright's route.fetch) without following redirects, so a redirect is checked
// against the site's hosts before the browser may follow it. Addresses are checked as on the HTTP
// path (address-guard.ts) before a host is contacted, but Playwright resolves the name again to
// connect: a DNS answer that changes in between is a gap this path has and the HTTP path has not.
// Answers are read whole before the page size is checked.

import { getMaxListeners, setMaxListeners } from 'node:events';
import { promisify } from 'node:util';
import { PlaywrightCrawler, type PlaywrightCrawlingContext } from 'crawlee';
import { chromium, type Page, type Route } from 'playwright';
import type { SiteAdapter } from '../../crawlers/types.ts';
import type { CrawlSettings } from '../config/sites-schema.ts';
import type { ResolvedSite } from '../config/sites-loader.ts';
import { revealedPhones } from '../extract/index.ts';
import { photoHash } from '../photo/perceptual-hash.ts';
import type { RawProfile } from '../model/profile.ts';
import { checkLiteralHost, guardedLookup, type AddressPolicy } from './address-guard.ts';
import { BadPhotoError, BlockedAddressError, HttpStatusError, OffSiteRedirectError, PageTooLargeError, oneLine } from './crawl-errors.ts';
import { ErrorLog, ListingReader, PROFILE, commonCrawlerOptions, emptyResult, memoryConfiguration, preparePoliteness, readProfile, siteFailure, siteRequests } from './crawl-shared.ts';
import { retryWithBackoff, runToEnd, type Politeness, type SiteCrawlEvents, type SiteCrawlOptions, type SiteCrawlResult } from './crawl-shared.ts';
import { NetworkTracker, settleListing, settleProfile, type SettleOptions, type Settled } from './browser-page.ts';
import { isAllowedHost } from './guarded-http-client.ts';
import { CHROMIUM_ARGS, findChromium } from '../browser/chromium.ts';

/** Resource types never loaded: Kartla reads no picture in the browser (photos are fetched and hashed on the side). */
const BLOCKED_TYPES = new Set(['image', 'media', 'font']);
/** Requests of a page that are the site's data (robots.txt applies to them as to navigations). */
const DATA_TYPES = new Set(['document', 'fetch', 'xhr', 'eventsource']);
const READABLE_TYPES = ['text/html', 'application/xhtml+xml'];
const IMAGE_TYPES = ['image/jpeg', 'image/png', 'image/webp', 'image/gif', 'image/avif'];

/** Requests the browser path did not let out (tests and the benchmark look at these). */
export interface BlockedRequests {
  offSite: number;
  resources: number;
  refusedAddress: number;
}

export interface BrowserCrawlResult extends SiteCrawlResult {
  blockedRequests: BlockedRequests;
}

/**
 * The address guard for hosts the browser is about to contact: an address written in the URL is
 * checked as it stands, a name by what DNS answers (once per host and crawl).
 */
class HostGuard {
  private readonly hosts = new Map<string, Promise<Error | null>>();
  private readonly lookup: (host: string, options: { all: true }) => Promise<unknown>;

  constructor(private readonly policy: AddressPolicy) {
    this.lookup = promisify(guardedLookup(policy)) as (host: string, options: { all: true }) => Promise<unknown>;
  }

  /** Why the URL's host may not be contacted, or null. */
  async refusal(url: URL): Promise<Error | null> {
    try {
      checkLiteralHost(url, this.policy);
    } catch (error) {
      return error as Error;
    }
    if (this.policy.allowPrivate) return null;
    let answer = this.hosts.get(url.hostname);
    if (!answer) {
      answer = this.lookup(url.hostname, { all: true }).then(
        () => null,
        (error: Error) => (error instanceof BlockedAddressError ? error : null),
      );
      this.hosts.set(url.hostname, answer);
    }
    const refused = await answer;
    return refused instanceof BlockedAddressError ? new BlockedAddressError(url.href, refused.host, refused.address) : null;
  }
}

export async function crawlSiteInBrowser(site: ResolvedSite, adapter: SiteAdapter, settings: CrawlSettings, events: SiteCrawlEvents, signal?: AbortSignal, options: SiteCrawlOptions = {}): Promise<BrowserCrawlResult> {
  const blocked: BlockedRequests = { offSite: 0, resources: 0, refusedAddress: 0 };
  const found = findChromium(settings);
  if (found.problem) return { ...siteFailure(site, events, found.problem), blockedRequests: blocked };
  const result: BrowserCrawlResult = { ...emptyResult(), blockedRequests: blocked };
  if (signal?.aborted) return { ...result, aborted: true };
  // Each request waiting in the pacer listens for an abort, and a page's own requests wait there
  // too: many more than Node's default warning threshold of 10 at a time.
  if (signal) setMaxListeners(Math.max(getMaxListeners(signal), site.maxConcurrency * 20 + 10), signal);
  const errors = new ErrorLog(result, events, site);
  const listings = new ListingReader(site, adapter, errors, events);
  const politeness = await preparePoliteness(site, settings, result, signal, options);
  const { pacer, robots } = politeness;
  const guard = new HostGuard({ allowPrivate: site.local, treatAsPublic: options.treatAsPublic });
  const timeoutMs = settings.requestTimeoutSecs * 1000;
  const backoff = retryWithBackoff(settings, signal);
  // Why the browser was not let out for a page's navigation (a redirect off the site, a refused
  // address), by request: the error Chromium reports ("net::ERR_BLOCKED_BY_CLIENT") says neither.
  const refusals = new Map<string, Error>();
  const skippedByLimit = new Set<string>();
  const networks = new WeakMap<Page, NetworkTracker>();
  const side = new SideFetcher(site, settings, politeness, backoff, signal);

  /** Every request of a page passes here: off-site hosts, pictures and refused addresses are not sent. */
  const routeFor = (page: Page, requestKey: string) => async (route: Route) => {
    const request = route.request();
    const url = new URL(request.url());
    let navigation = false;
    try {
      navigation = request.isNavigationRequest() && request.frame() === page.mainFrame();
    } catch {
      // A request of a service worker has no frame: not the page's navigation.
    }
    const refuse = async (why: Error | null, counter: keyof BlockedRequests) => {
      blocked[counter] += 1;
      if (why && navigation) refusals.set(requestKey, why);
      await route.abort('blockedbyclient').catch(() => {});
    };
    if (!isAllowedHost(url, site.allowedHosts)) {
      return refuse(navigation ? new OffSiteRedirectError(request.redirectedFrom()?.url() ?? url.href, url.href) : null, 'offSite');
    }
    if (BLOCKED_TYPES.has(request.resourceType())) return refuse(null, 'resources');
    const address = await guard.refusal(url);
    if (address) return refuse(address, 'refusedAddress');
    try {
      // The page's own navigation was checked and paced before it started; a redirect of it was not.
      if (!(navigation && request.redirectedFrom() === null)) {
        if (DATA_TYPES.has(request.resourceType())) await robots?.check(url.href);
        await pacer.wait(signal);
      }
    } catch (error) {
      if (navigation) refusals.set(requestKey, error as Error);
      await route.abort('blockedbyclient').catch(() => {});
      return;
    }
    await passThrough(route, url, navigation, requestKey);
  };

  /**
   * Sends an allowed request without following redirects, and hands the browser its answer. A
   * redirect is handed on only to a host of the site (the browser then asks for the target, which
   * comes through the route again); Chromium would otherwise follow it unseen by the route.
   */
  const passThrough = async (route: Route, url: URL, navigation: boolean, requestKey: string) => {
    try {
      const response = await route.fetch({ maxRedirects: 0, timeout: timeoutMs });
      const location = response.headers()['location'];
      if (response.status() >= 300 && response.status() < 400 && location !== undefined) {
        let target: URL | null = null;
        try {
          target = new URL(location, url);
        } catch {
          // not a URL: refused below
        }
        if (target === null || !isAllowedHost(target, site.allowedHosts)) {
          blocked.offSite += 1;
          if (navigation) refusals.set(requestKey, new OffSiteRedirectError(url.href, target?.href ?? location, target ? undefined : 'something that is not a URL'));
          await route.abort('blockedbyclient');
          return;
        }
      }
      await route.fulfill({ response });
    } catch (error) {
      if (navigation) refusals.set(requestKey, error as Error);
      await route.abort('failed').catch(() => {});
    }
  };

  /** The error to record for a failed page: ours when we refused its navigation, else the browser's. */
  const explain = (request: { uniqueKey: string }, error: Error): Error => refusals.get(request.uniqueKey) ?? error;

  const settleOptions = (network: NetworkTracker): SettleOptions => ({
    spec: adapter.browser ?? {},
    timeoutMs,
    network,
    profileLinks: adapter.listing.profileLinks,
    phoneScope: adapter.profile.phones?.scope,
  });

  /** Counts what settling fetched through the page and records what it could not do. */
  const account = (settled: Settled, kind: 'listing' | 'reveal', pageUrl: string) => {
    const fetched = kind === 'listing' ? settled.loads : settled.reveals;
    for (let i = 0; i < fetched; i++) {
      result.pagesFetched += 1;
      if (kind === 'listing') result.listingPages += 1;
      events.onPage?.(kind);
    }
    for (const problem of settled.problems) errors.record({ url: pageUrl, reason: oneLine(problem.reason), kind: problem.kind });
  };

  const readProfileInPage = async (page: Page, pageUrl: string, network: NetworkTracker): Promise<boolean> => {
    const settled = await settleProfile(page, settleOptions(network));
    const reading = readProfile(adapter, await contentOf(page, pageUrl, settings.maxPageBytes), pageUrl);
    if (!reading) return false;
    result.profilePages += 1;
    events.onPage?.('profile');
    account(settled, 'reveal', pageUrl);
    const raw = reading.raw;
    // Numbers the page still names by URL (a "show number" button the adapter gives no click for)
    // and the photo (pictures are never loaded in the browser) are fetched on the side.
    await side.reveals(raw, reading.reveals, errors, events);
    if (settings.photos && reading.photo !== null) await side.photo(raw, reading.photo, errors, events);
    await events.onProfile(raw, new Date());
    return true;
  };

  const crawler = new PlaywrightCrawler(
    {
      launchContext: {
        launcher: chromium,
        // One fresh context a page: no cookies carried from page to page, as on the HTTP path.
        useIncognitoPages: false,
        userAgent: settings.userAgent,
        launchOptions: { executablePath: found.path, args: CHROMIUM_ARGS, headless: true },
      },
      browserPoolOptions: { useFingerprints: false },
      ...commonCrawlerOptions(site, settings, skippedByLimit),
      // Waits, clicks and the requests they make, each bounded by requestTimeoutSecs, plus the
      // photo and reveals fetched on the side; a listing with many "load more" clicks needs more.
      requestHandlerTimeoutSecs: settings.requestTimeoutSecs * 20 + politeness.pacingAllowanceSecs * 4,
      preNavigationHooks: [
        async ({ page, request }, gotoOptions) => {
          refusals.delete(request.uniqueKey);
          await robots?.check(request.url);
          const refused = await guard.refusal(new URL(request.url));
          if (refused) throw refused;
          // Counted from before the navigation: a shell page's own fetch starts while it loads.
          networks.set(page, new NetworkTracker(page));
          await page.route('**/*', routeFor(page, request.uniqueKey));
          await pacer.wait(signal);
          if (gotoOptions) gotoOptions.waitUntil = 'load';
        },
      ],
      async requestHandler({ page, request, response }: PlaywrightCrawlingContext) {
        const network = networks.get(page) ?? new NetworkTracker(page);
        const status = response?.status() ?? 200;
        if (status === 429 || status === 408) throw new Error(`HTTP ${status} (rate limited): ${request.url}`);
        if (status >= 400) throw new HttpStatusError(request.url, status);
        const type = (response?.headers()['content-type'] ?? 'text/html').split(';')[0]!.trim().toLowerCase();
        const declared = Number(response?.headers()['content-length']);
        if (Number.isFinite(declared) && declared > settings.maxPageBytes) throw new PageTooLargeError(request.url, settings.maxPageBytes, declared);
        result.pagesFetched += 1;
        const pageUrl = request.loadedUrl ?? request.url;
        if (listings.isJson(pageUrl, type)) {
          // A listing API's answer is read as served, not as the page Chromium makes of it.
          const body = (await response?.text()) ?? '';
          if (body.length > settings.maxPageBytes) throw new PageTooLargeError(request.url, settings.maxPageBytes, body.length);
          result.listingPages += 1;
          events.onPage?.('listing');
          await crawler.addRequests(listings.read(body, pageUrl, type));
          return;
        }
        if (!READABLE_TYPES.includes(type)) throw new Error(`served Content-Type ${type}, not HTML: ${request.url}`);
        if (request.label === PROFILE && (await readProfileInPage(page, pageUrl, network))) return;
        const settled = await settleListing(page, settleOptions(network));
        result.listingPages += 1;
        events.onPage?.('listing');
        account(settled, 'listing', pageUrl);
        await crawler.addRequests(listings.read(await contentOf(page, pageUrl, settings.maxPageBytes), pageUrl, 'text/html'));
      },
      errorHandler: async (context, error) => backoff(context, explain(context.request, error)),
      async failedRequestHandler({ request }, error) {
        errors.recordError(request.url, explain(request, error));
      },
    },
    memoryConfiguration(),
  );

  return runToEnd(crawler, site, adapter, settings, result, skippedByLimit, signal, politeness.httpClient, async () => {}) as Promise<BrowserCrawlResult>;
}

/** The settled page's HTML, refused when larger than the page limit. */
async function contentOf(page: Page, url: string, maxPageBytes: number): Promise<string> {
  const html = await page.content();
  const bytes = Buffer.byteLength(html, 'utf8');
  if (bytes > maxPageBytes) throw new PageTooLargeError(url, maxPageBytes, bytes);
  return html;
}

/**
 * Photos and "show number" endpoints of a profile read in the browser, fetched as the HTTP path
 * fetches them: through the guarded client, paced, obeying robots.txt, retried with backoff. A
 * failure costs the profile that number or photo hash, never the profile.
 */
class SideFetcher {
  constructor(
    private readonly site: ResolvedSite,
    private readonly settings: CrawlSettings,
    private readonly politeness: Politeness,
    private readonly backoff: ReturnType<typeof retryWithBackoff>,
    private readonly signal: AbortSignal | undefined,
  ) {}

  async reveals(raw: RawProfile, urls: string[], errors: ErrorLog, events: SiteCrawlEvents): Promise<void> {
    const onSite = new Set(siteRequests(this.site, urls, 'reveal').map((r) => r.url));
    for (const url of urls) {
      if (!onSite.has(url)) {
        errors.record({ url, reason: `phone reveal for ${raw.url} points off the site; not fetched`, kind: 'extract' });
        continue;
      }
      try {
        const answer = await this.fetch(url);
        events.onPage?.('reveal');
        const phones = revealedPhones(answer.body.toString('utf8'), answer.type);
        if (phones.length === 0) errors.record({ url, reason: `phone reveal for ${raw.url} answered no phone number`, kind: 'extract' });
        raw.phones.push(...phones);
      } catch (error) {
        errors.recordError(url, error as Error, `phone reveal for ${raw.url}: `);
      }
    }
  }

  async photo(raw: RawProfile, url: string, errors: ErrorLog, events: SiteCrawlEvents): Promise<void> {
    // A photo on a host the site does not name (a CDN left out of allowedHosts) is not fetched.
    if (siteRequests(this.site, [url], 'photo').length === 0) return;
    try {
      const answer = await this.fetch(url);
      events.onPage?.('photo');
      if (!IMAGE_TYPES.includes(answer.type)) throw new BadPhotoError(url, `answered ${answer.type || 'no content type'}, not an image`);
      // The bytes live only in this scope: hashed, then dropped.
      raw.photoHash = await photoHash(answer.body).catch((e: Error) => {
        throw new BadPhotoError(url, oneLine(e.message));
      });
    } catch (error) {
      errors.recordError(url, error as Error, `photo for ${raw.url}: `);
    }
  }

  /** GETs a URL with the retries of a page; the body is capped at maxPageBytes by the client. */
  private async fetch(url: string): Promise<{ type: string; body: Buffer }> {
    const { httpClient, pacer, robots } = this.politeness;
    for (let attempt = 0; ; attempt++) {
      try {
        await robots?.check(url);
        await pacer.wait(this.signal);
        const response = await httpClient.stream({
          url,
          method: 'GET',
          throwHttpErrors: false,
          timeout: { request: this.settings.requestTimeoutSecs * 1000 },
          signal: this.signal,
        });
        const status = response.statusCode;
        if (status >= 400) {
          response.stream.destroy();
          if (status === 429 || status === 408 || status >= 500) throw new Error(`HTTP ${status}: ${url}`);
          throw new HttpStatusError(url, status);
        }
        const chunks: Buffer[] = [];
        for await (const chunk of response.stream as AsyncIterable<Buffer>) chunks.push(chunk);
        const type = String(response.headers['content-type'] ?? '').split(';')[0]!.trim().toLowerCase();
        return { type, body: Buffer.concat(chunks) };
      } catch (error) {
        const retry = { noRetry: false, retryCount: attempt };
        if (attempt >= this.settings.maxRetries || this.signal?.aborted) throw error;
        await this.backoff({ request: retry }, error as Error);
        if (retry.noRetry) throw error;
      }
    }
  }
}
