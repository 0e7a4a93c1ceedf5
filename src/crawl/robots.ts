// robots.txt, read once per host and crawl and obeyed (RFC 9309). Parsing and matching are the
// robots-parser package's (the parser crawlee's RobotsTxtFile wraps): the group for our product
// token, else "*"; the longest matching Allow/Disallow wins; "*" and "$" wildcards. What Kartla
// adds is how robots.txt is fetched (through the guarded client: same address checks, limits and
// User-Agent as every page) and what an unreadable one means:
//   - 2xx: its rules apply (the first 500 KiB are read, as RFC 9309 asks at least);
//   - 4xx other than 429, or a redirect off the site: "unavailable", everything is allowed;
//   - 5xx, 429 or a timeout: "unreachable", nothing on the host is fetched this run, and every
//     URL refused says why;
//   - no connection at all (refused, no such host): the URL fails as a network error, retried
//     like one, and robots.txt is asked again on the retry.

import robotsParser from 'robots-parser';
import { BlockedAddressError, NetworkError, RobotsDisallowedError, oneLine } from './crawl-errors.ts';

/** RFC 9309 2.5: crawlers must parse at least the first 500 KiB. */
export const ROBOTS_MAX_BYTES = 500 * 1024;
/** A Crawl-delay above this is honoured as this (a longer one would stall a crawl for days). */
export const MAX_CRAWL_DELAY_SECS = 60;

/** What a fetch of robots.txt answered. */
export interface RobotsAnswer {
  status: number;
  body: string;
}

export interface HostRobots {
  /** The robots.txt this applies to. */
  robotsUrl: string;
  allows(url: string): boolean;
  /** Set when robots.txt could not be read and the whole host is refused (RFC 9309 2.3.1.4). */
  unreachable: string | null;
  /** The host could not be asked at all (an address refused, no connection): raised for the URL instead. */
  error: Error | null;
  /** Crawl-delay for our group, in seconds, when robots.txt sets one. */
  crawlDelaySecs: number | null;
}

/**
 * The product token robots.txt groups are matched against: the leading letters, "_" and "-" of
 * the User-Agent ("KartlaBot" of "KartlaBot/0.1 (...)").
 */
export function productToken(userAgent: string): string {
  return /^[A-Za-z_-]+/.exec(userAgent.trim())?.[0] ?? '*';
}

export class RobotsRules {
  private readonly hosts = new Map<string, Promise<HostRobots>>();
  readonly token: string;

  /** `fetch` GETs a robots.txt URL through the site's guarded client (paced like any request). */
  constructor(userAgent: string, private readonly fetch: (robotsUrl: string) => Promise<RobotsAnswer>) {
    this.token = productToken(userAgent);
  }

  /** The rules for the URL's host (scheme, host and port), fetched on first use. Never rejects. */
  forUrl(url: string): Promise<HostRobots> {
    const origin = new URL(url).origin;
    let rules = this.hosts.get(origin);
    if (!rules) {
      rules = this.load(`${origin}/robots.txt`);
      this.hosts.set(origin, rules);
    }
    return rules;
  }

  /** Throws RobotsDisallowedError when robots.txt refuses the URL (or its host could not be asked). */
  async check(url: string): Promise<void> {
    const rules = await this.forUrl(url);
    if (rules.error instanceof NetworkError) {
      this.hosts.delete(new URL(url).origin);
      throw new NetworkError(url, rules.error.code);
    }
    if (rules.error instanceof BlockedAddressError) throw new BlockedAddressError(url, rules.error.host, rules.error.address);
    if (rules.error) throw rules.error;
    if (rules.unreachable) throw new RobotsDisallowedError(url, rules.unreachable);
    if (!rules.allows(url)) throw new RobotsDisallowedError(url, `disallowed for ${this.token} by ${rules.robotsUrl}`);
  }

  private async load(robotsUrl: string): Promise<HostRobots> {
    const base = { robotsUrl, unreachable: null, error: null, crawlDelaySecs: null };
    const everything = { ...base, allows: () => true };
    let answer: RobotsAnswer;
    try {
      answer = await this.fetch(robotsUrl);
    } catch (error) {
      const e = error as Error;
      if (e instanceof BlockedAddressError || e instanceof NetworkError) return { ...everything, error: e };
      // A redirect Kartla will not follow: robots.txt is "unavailable" (RFC 9309 2.3.1.2).
      if (e.name === 'OffSiteRedirectError') return everything;
      return { ...base, allows: () => false, unreachable: unreachable(robotsUrl, oneLine(e.message, 200)) };
    }
    if (answer.status >= 500 || answer.status === 429) {
      return { ...base, allows: () => false, unreachable: unreachable(robotsUrl, `HTTP ${answer.status}`) };
    }
    if (answer.status >= 300) return everything;
    const parsed = robotsParser(robotsUrl, answer.body);
    const delay = parsed.getCrawlDelay(this.token);
    return {
      ...base,
      // undefined: the URL is on another host than this robots.txt, which forUrl never asks.
      allows: (url) => parsed.isAllowed(url, this.token) ?? true,
      crawlDelaySecs: typeof delay === 'number' && Number.isFinite(delay) && delay > 0 ? Math.min(delay, MAX_CRAWL_DELAY_SECS) : null,
    };
  }
}

function unreachable(robotsUrl: string, why: string): string {
  return `${robotsUrl} could not be read (${why}); per RFC 9309 nothing on the host is fetched this run`;
}
