// Errors raised while fetching one page. They extend crawlee's NonRetryableError where a retry
// cannot help (the page will be just as large or just as off-site next time).

import { NonRetryableError } from 'crawlee';
import { JsonReadError } from '../extract/json-listing.ts';

export class PageTooLargeError extends NonRetryableError {
  constructor(url: string, limit: number, seen: number | null) {
    super(`page larger than the limit of ${limit} bytes${seen ? ` (${seen} bytes or more)` : ''}: ${url}`);
    this.name = 'PageTooLargeError';
  }
}

export class OffSiteRedirectError extends NonRetryableError {
  constructor(url: string, target: string, what = 'a host outside the site') {
    super(`redirect to ${what} was not followed: ${url} -> ${target}`);
    this.name = 'OffSiteRedirectError';
  }
}

const BLOCKED_ADDRESS_CODE = 'ERR_KARTLA_BLOCKED_ADDRESS';

/**
 * A host that is, or resolves to, a loopback, private or link-local address, on a site not marked
 * local. Not retried: the address will be just as private next time.
 */
export class BlockedAddressError extends NonRetryableError {
  readonly code = BLOCKED_ADDRESS_CODE;
  constructor(url: string | null, readonly host: string, readonly address: string) {
    const what = host === address ? `${host} is` : `${host} resolves to ${address},`;
    super(
      `${what} a private, loopback or link-local address and was not contacted` +
        `${url ? `: ${url}` : ''} (if the site is served from this machine or a private network, set "local: true" on it in the sites file)`,
    );
    this.name = 'BlockedAddressError';
  }
}

/** A URL the host's robots.txt does not allow Kartla to fetch (or a robots.txt that could not be read). */
export class RobotsDisallowedError extends NonRetryableError {
  constructor(url: string, why: string) {
    super(`${why}: ${url}`);
    this.name = 'RobotsDisallowedError';
  }
}

export class HttpStatusError extends NonRetryableError {
  constructor(url: string, readonly status: number) {
    super(`HTTP ${status}: ${url}`);
    this.name = 'HttpStatusError';
  }
}

/** A photo URL that answered something Kartla cannot hash (not an image, broken, too many pixels). */
export class BadPhotoError extends NonRetryableError {
  constructor(url: string, reason: string) {
    super(`photo not read (${reason}): ${url}`);
    this.name = 'BadPhotoError';
  }
}

/**
 * A page that is a captcha or bot challenge in place of the listing or ad asked for: the site is
 * blocking the crawler. Not retried: asking again at once only deepens the block.
 */
export class ChallengePageError extends NonRetryableError {
  constructor(url: string, what: string) {
    super(`answered a captcha or bot challenge (${what}) instead of the page: ${url}`);
    this.name = 'ChallengePageError';
  }
}

/** Errors that will be the same on the next attempt, however wrapped. */
export function isPermanentPageError(error: Error): boolean {
  const kind = classifyPageError(error);
  return kind === 'too-large' || kind === 'off-site-redirect' || kind === 'blocked-address' || kind === 'robots' || kind === 'not-html' || kind === 'bad-json' || kind === 'bad-photo' || kind === 'blocked';
}

// Markers only a challenge page carries: the interstitials of the common bot-protection services.
const CHALLENGE_MARKERS: readonly [RegExp, string][] = [
  [/\/cdn-cgi\/challenge-platform\/|\bcf[-_]chl[-_]|id=["']challenge-form["']/i, 'Cloudflare challenge'],
  [/captcha-delivery\.com/i, 'DataDome captcha'],
  [/_Incapsula_Resource|Request unsuccessful\. Incapsula incident/i, 'Incapsula challenge'],
  [/\bid=["']px-captcha["']|perimeterx\.net/i, 'PerimeterX captcha'],
  [/ddos-guard\.net\/|check\.ddos-guard/i, 'DDoS-Guard check'],
];
// A captcha widget: on a challenge page it is nearly all there is; a normal page may carry one
// on a contact or report form, under plenty of text.
const CAPTCHA_WIDGET = /class=["'][^"']*\b(?:g-recaptcha|h-captcha|cf-turnstile)\b|google\.com\/recaptcha\/api|hcaptcha\.com\/1\/api\.js|challenges\.cloudflare\.com\/turnstile/i;
// What a challenge page says in its title or main heading (English and Swedish).
const CHALLENGE_HEADLINE =
  /(?<!\p{L})(?:just a moment|attention required|are you (?:a )?(?:human|robot)|verify (?:that )?you are (?:a )?human|i'?m not a robot|security check|checking your browser|access denied|unusual traffic|captcha|är du (?:en )?(?:människa|robot)|verifiera att du är en människa|säkerhetskontroll|åtkomst nekad)(?!\p{L})/iu;
/** A page with less visible text than this is a bare interstitial, not an ad or a listing. */
const BARE_PAGE_CHARS = 400;

function visibleTextLength(html: string): number {
  return html
    .replace(/<(script|style|noscript|template)\b[\s\S]*?<\/\1\s*>/gi, ' ')
    .replace(/<[^>]*>/g, ' ')
    .replace(/&[a-z#0-9]+;/gi, ' ')
    .replace(/\s+/g, ' ')
    .trim().length;
}

function headline(html: string): string {
  const title = /<title[^>]*>([\s\S]*?)<\/title\s*>/i.exec(html)?.[1] ?? '';
  const h1 = /<h1[^>]*>([\s\S]*?)<\/h1\s*>/i.exec(html)?.[1] ?? '';
  return `${title} ${h1}`.replace(/<[^>]*>/g, ' ');
}

/**
 * What kind of captcha or bot challenge an HTML page is, or null when it is an ordinary page.
 * Pure. A service's own interstitial markers are enough; otherwise the page must be bare (hardly
 * any visible text) and carry a captcha widget or say so in its title or heading, so that an ad
 * whose text mentions robots or captchas, or a page with a captcha on its contact form, is not taken for one.
 */
export function detectChallengePage(html: string): string | null {
  for (const [pattern, what] of CHALLENGE_MARKERS) if (pattern.test(html)) return what;
  const widget = CAPTCHA_WIDGET.test(html);
  const saysSo = CHALLENGE_HEADLINE.test(headline(html));
  if (!widget && !saysSo) return null;
  if (visibleTextLength(html) >= BARE_PAGE_CHARS) return null;
  return widget ? 'captcha' : 'bot check';
}

const NETWORK_CODES: Record<string, string> = {
  ECONNREFUSED: 'connection refused',
  ECONNRESET: 'connection reset by the server',
  ENOTFOUND: 'host name not found',
  EAI_AGAIN: 'host name lookup failed',
  EHOSTUNREACH: 'host unreachable',
  ENETUNREACH: 'network unreachable',
  EPIPE: 'connection closed while sending',
};

/**
 * A connection-level failure, retried like any other. Its message avoids the raw error codes on
 * purpose: crawlee reads "ECONNREFUSED" in a message as a broken proxy and rotates sessions ten
 * times before giving up, which for a site that is simply down costs seconds and hides the reason.
 */
export class NetworkError extends Error {
  constructor(url: string, readonly code: string) {
    super(`${NETWORK_CODES[code] ?? code.toLowerCase()}: ${url}`);
    this.name = 'NetworkError';
  }

  static from(url: string, error: unknown): NetworkError | null {
    const code = (error as { code?: unknown })?.code;
    return typeof code === 'string' && code in NETWORK_CODES ? new NetworkError(url, code) : null;
  }
}

/** A short name for the kind of a page error, used in SiteRun.errors and the summary. */
export type PageErrorKind =
  | 'http-status'
  | 'timeout'
  | 'too-large'
  | 'not-html'
  /** A JSON answer (listing page, phone reveal) that is not JSON or not shaped as the adapter says. */
  | 'bad-json'
  /** A profile's photo that is not an image Kartla can fingerprint; the profile is kept. */
  | 'bad-photo'
  | 'off-site-redirect'
  /** A host that is or resolves to a private, loopback or link-local address (site not marked local). */
  | 'blocked-address'
  /** Not fetched because the host's robots.txt disallows it (or could not be read: RFC 9309). */
  | 'robots'
  /** A captcha or bot challenge answered in place of the page (detectChallengePage): the site blocks us. */
  | 'blocked'
  | 'network'
  | 'extract'
  | 'page-limit'
  | 'other';

export function classifyPageError(error: Error): PageErrorKind {
  // got wraps an error raised inside its response stream in a ReadError of its own, keeping the
  // message: look through the cause chain, then at the message.
  for (let e: unknown = error; e instanceof Error; e = e.cause) {
    if (e instanceof PageTooLargeError) return 'too-large';
    if (e instanceof OffSiteRedirectError) return 'off-site-redirect';
    if (e instanceof BlockedAddressError || (e as { code?: unknown }).code === BLOCKED_ADDRESS_CODE) return 'blocked-address';
    if (e instanceof RobotsDisallowedError) return 'robots';
    if (e instanceof ChallengePageError) return 'blocked';
    if (e instanceof HttpStatusError) return 'http-status';
    if (e instanceof NetworkError) return 'network';
    if (e instanceof JsonReadError) return 'bad-json';
    if (e instanceof BadPhotoError) return 'bad-photo';
  }
  const message = error.message ?? '';
  if (/^page larger than the limit/.test(message)) return 'too-large';
  if (/a private, loopback or link-local address and was not contacted/.test(message)) return 'blocked-address';
  if (/^answered a captcha or bot challenge/.test(message)) return 'blocked';
  if (/timed? ?out|ETIMEDOUT|TimeoutError/i.test(message)) return 'timeout';
  if (/served Content-Type/i.test(message)) return 'not-html';
  if (/^\d{3} - /.test(message)) return 'http-status';
  if (/ECONNREFUSED|ECONNRESET|ENOTFOUND|EAI_AGAIN|EHOSTUNREACH|socket hang up|EPIPE/i.test(message)) return 'network';
  return 'other';
}

/** The first line of an error message, cut to `max` characters: what SiteRun.errors keeps. */
export function oneLine(text: string, max = 300): string {
  const line = text.split('\n')[0] ?? '';
  return line.length > max ? `${line.slice(0, max - 3)}...` : line;
}
