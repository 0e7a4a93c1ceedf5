// Crawls one site and hands each profile page's raw record to the caller. Sites that build their
// pages with scripts (`render: browser`, from the adapter or the sites file) go to
// browser-crawler.ts; the others are fetched here with crawlee's HttpCrawler. It knows
// adapters and politeness, nothing of normalisation or storage: the caller (mapping-run.ts)
// decides what happens to a profile. What both paths share is in crawl-shared.ts.

import { HttpCrawler, log as crawleeLog, type HttpCrawlingContext } from 'crawlee';
import type { SiteAdapter } from '../../crawlers/types.ts';
import type { CrawlSettings } from '../config/sites-schema.ts';
import type { ResolvedSite } from '../config/sites-loader.ts';
import { revealedPhones } from '../extract/index.ts';
import { photoHash } from '../photo/perceptual-hash.ts';
import type { RawProfile } from '../model/profile.ts';
import { BadPhotoError, ChallengePageError, HttpStatusError, detectChallengePage, oneLine } from './crawl-errors.ts';
import { crawlSiteInBrowser } from './browser-crawler.ts';
import { ErrorLog, ListingReader, PROFILE, commonCrawlerOptions, emptyResult, memoryConfiguration, preparePoliteness, readProfile, retryWithBackoff, runToEnd, siteRequests } from './crawl-shared.ts';
import type { SiteCrawlEvents, SiteCrawlOptions, SiteCrawlResult } from './crawl-shared.ts';

export type { PageError, SiteCrawlEvents, SiteCrawlOptions, SiteCrawlResult } from './crawl-shared.ts';

// crawlee logs every retry and statistics at INFO; Kartla reports through its own progress
// display, and crawlee's lines carry URLs we would rather keep out of logs.
crawleeLog.setLevel(crawleeLog.LEVELS.OFF);

/** A "show number" endpoint of a profile already read. */
const REVEAL = 'reveal';
/** The photo of a profile already read: hashed in memory, never kept. */
const PHOTO = 'photo';
/** What a photo request may answer; anything else is not read. */
export const IMAGE_TYPES = ['image/jpeg', 'image/png', 'image/webp', 'image/gif', 'image/avif'];

/** A profile read from its page and held until its phone reveals and photo have answered or failed. */
interface AwaitingProfile {
  raw: RawProfile;
  observedAt: Date;
  /** Reveal and photo requests not yet settled. */
  left: number;
}

function bufferEncoding(encoding: string | undefined): BufferEncoding {
  return encoding && Buffer.isEncoding(encoding) ? encoding : 'utf8';
}

/** How a site is rendered: the sites file's `render:` for the site, else the adapter's. */
export function renderOf(site: ResolvedSite, adapter: SiteAdapter): 'http' | 'browser' {
  return site.render ?? adapter.render;
}

export async function crawlSite(
  site: ResolvedSite,
  adapter: SiteAdapter,
  settings: CrawlSettings,
  events: SiteCrawlEvents,
  signal?: AbortSignal,
  options: SiteCrawlOptions = {},
): Promise<SiteCrawlResult> {
  if (renderOf(site, adapter) === 'browser') return crawlSiteInBrowser(site, adapter, settings, events, signal, options);
  const result = emptyResult();
  const errors = new ErrorLog(result, events, site);
  const listings = new ListingReader(site, adapter, errors, events);

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

  if (signal?.aborted) return { ...result, aborted: true };
  const { pacer, robots, httpClient, pacingAllowanceSecs } = await preparePoliteness(site, settings, result, signal, options);
  const skippedByLimit = new Set<string>();

  // HttpCrawler, not CheerioCrawler: the extractors parse each page once themselves, and
  // CheerioCrawler parses every page twice more (htmlparser2 and cheerio) whether read or not;
  // that was a tenth of the crawl's CPU.
  const crawler = new HttpCrawler<HttpCrawlingContext>(
    {
      ...commonCrawlerOptions(site, settings, skippedByLimit),
      httpClient,
      // crawlee's handler timeout covers the wait in the pacer, so it is widened by it.
      requestHandlerTimeoutSecs: settings.requestTimeoutSecs * 2 + pacingAllowanceSecs,
      // A URL robots.txt refuses fails here, before it takes a turn in the pacer.
      preNavigationHooks: [async ({ request }) => {
        await robots?.check(request.url);
        await pacer.wait(signal);
      }],
      // A page that says it is XHTML or XML is still a page we can read; JSON is what listing
      // APIs and "show number" endpoints answer.
      additionalMimeTypes: ['application/xhtml+xml', 'application/json', ...(settings.photos ? IMAGE_TYPES : [])],
      // 4xx pages reach the handler, which decides: 429 and 408 are retried, others are errors.
      async requestHandler(context: HttpCrawlingContext) {
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
        // crawlee hands over the bytes in the page's declared charset when Node can decode it,
        // re-encoded to UTF-8 otherwise.
        const html = typeof body === 'string' ? body : body.toString(bufferEncoding(contentType?.encoding));
        const pageUrl = request.loadedUrl ?? request.url;
        // A captcha in place of a listing or ad: counted as blocking (run health), not read as an empty page.
        const challenge = request.label !== REVEAL && /html/.test(contentType?.type ?? '') ? detectChallengePage(html) : null;
        if (challenge) throw new ChallengePageError(request.url, challenge);
        if (request.label === REVEAL) {
          events.onPage?.('reveal');
          const phones = revealedPhones(html, contentType?.type ?? '');
          if (phones.length === 0) {
            // A captcha or an error text in place of the number would otherwise cost every
            // profile its phone without a trace.
            errors.record({ url: request.url, reason: `phone reveal for ${String(request.userData.profileUrl)} answered no phone number`, kind: 'extract' });
          }
          await settle(String(request.userData.profileKey), (raw) => raw.phones.push(...phones));
          return;
        }
        const reading = request.label === PROFILE ? readProfile(adapter, html, pageUrl) : null;
        if (reading) {
          result.profilePages += 1;
          events.onPage?.('profile');
          const { raw, reveals, photo } = reading;
          const onSite = siteRequests(site, reveals, REVEAL);
          for (const url of reveals.filter((u) => !onSite.some((r) => r.url === u))) {
            errors.record({ url, reason: `phone reveal for ${raw.url} points off the site; not fetched`, kind: 'extract' });
          }
          // A photo on a host the site does not name (a CDN left out of allowedHosts) is not
          // fetched: the tie is weak, and the crawler never leaves the hosts it was given.
          const photos = settings.photos && photo !== null ? siteRequests(site, [photo], PHOTO) : [];
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
        await crawler.addRequests(listings.read(html, pageUrl, contentType?.type ?? ''));
      },
      errorHandler: retryWithBackoff(settings, signal),
      async failedRequestHandler({ request }, error) {
        if (request.label === PHOTO) {
          // The profile is kept without its photo's hash.
          errors.recordError(request.url, error, `photo for ${String(request.userData.profileUrl)}: `);
          await settle(String(request.userData.profileKey), () => {});
          return;
        }
        if (request.label !== REVEAL) {
          errors.recordError(request.url, error);
          return;
        }
        // The profile is kept without this number; the error says which profile lost it.
        errors.recordError(request.url, error, `phone reveal for ${String(request.userData.profileUrl)}: `);
        await settle(String(request.userData.profileKey), () => {});
      },
    },
    memoryConfiguration(),
  );

  return runToEnd(crawler, site, adapter, settings, result, skippedByLimit, signal, httpClient, async () => {
    // Reveals never fetched (the page limit or an abort stopped the crawl first): the profiles
    // were read and are kept, and each missing reveal is counted.
    for (const [key, entry] of [...awaiting]) {
      awaiting.delete(key);
      errors.record({ url: entry.raw.url, reason: `${entry.left} phone reveal(s) or photo not fetched before the crawl stopped`, kind: result.aborted ? 'other' : 'page-limit' });
      await events.onProfile(entry.raw, entry.observedAt);
    }
  });
}
