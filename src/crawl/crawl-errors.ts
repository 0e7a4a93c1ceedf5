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

/** Errors that will be the same on the next attempt, however wrapped. */
export function isPermanentPageError(error: Error): boolean {
  const kind = classifyPageError(error);
  return kind === 'too-large' || kind === 'off-site-redirect' || kind === 'blocked-address' || kind === 'robots' || kind === 'not-html' || kind === 'bad-json' || kind === 'bad-photo';
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
    if (e instanceof HttpStatusError) return 'http-status';
    if (e instanceof NetworkError) return 'network';
    if (e instanceof JsonReadError) return 'bad-json';
    if (e instanceof BadPhotoError) return 'bad-photo';
  }
  const message = error.message ?? '';
  if (/^page larger than the limit/.test(message)) return 'too-large';
  if (/a private, loopback or link-local address and was not contacted/.test(message)) return 'blocked-address';
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
