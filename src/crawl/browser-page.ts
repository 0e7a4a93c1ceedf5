// Bringing a page in headless Chromium to the state a reader sees: waiting for the content the
// scripts put in place, clicking "load more", scrolling an infinite feed, clicking "show number".
// Every wait is for a condition (a selector, a count that grows, a quiet network), bounded by a
// timeout; none is a fixed sleep. What could not be done is returned as a problem for the site
// run's errors (the page is still read), except content that never appears, which fails the page.

import type { ElementHandle, Page } from 'playwright';
import type { BrowserSpec } from '../../crawlers/types.ts';
import { oneLine } from './crawl-errors.ts';

/** A page is taken as settled once no request of it has been in flight for this long. */
export const QUIET_MS = 400;
const DEFAULT_MAX_CLICKS = 200;
const DEFAULT_MAX_SCROLLS = 200;
const DEFAULT_MAX_REVEALS = 10;

/** Content a page never showed: a page error (kind "timeout"), retried like a slow answer. */
export class BrowserWaitError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'BrowserWaitError';
  }
}

/** Counts a page's requests in flight, so that "the page is quiet" can be waited for. */
export class NetworkTracker {
  private inFlight = 0;
  private listeners = new Set<() => void>();

  constructor(page: Page) {
    page.on('request', () => this.change(1));
    page.on('requestfinished', () => this.change(-1));
    page.on('requestfailed', () => this.change(-1));
  }

  private change(by: number): void {
    this.inFlight = Math.max(0, this.inFlight + by);
    for (const listener of this.listeners) listener();
  }

  /**
   * Resolves true once no request has been in flight for `quietMs`, or false after `timeoutMs`
   * (a page that polls for ever is read as it is then).
   */
  quiet(quietMs: number, timeoutMs: number): Promise<boolean> {
    return new Promise((resolve) => {
      let timer: NodeJS.Timeout | undefined;
      const done = (value: boolean) => {
        clearTimeout(timer);
        clearTimeout(deadline);
        this.listeners.delete(check);
        resolve(value);
      };
      const check = () => {
        clearTimeout(timer);
        if (this.inFlight === 0) timer = setTimeout(() => done(true), quietMs);
      };
      const deadline = setTimeout(() => done(false), timeoutMs);
      this.listeners.add(check);
      check();
    });
  }
}

export interface SettleOptions {
  spec: BrowserSpec;
  /** Bound of every single wait, in milliseconds. */
  timeoutMs: number;
  network: NetworkTracker;
  /** The adapter's listing.profileLinks: what "more ads appeared" is counted by. */
  profileLinks: string;
  /** The adapter's profile.phones.scope: where "show number" buttons are clicked. */
  phoneScope?: string;
}

/** What settling a page did beyond waiting, and what it could not do. */
export interface Settled {
  /** Successful "load more" clicks, scroll steps that brought more ads, and numbers revealed. */
  loads: number;
  reveals: number;
  problems: { reason: string; kind: 'timeout' | 'extract' }[];
}

const secs = (ms: number) => `${Math.round(ms / 100) / 10} s`;

async function waitForContent(page: Page, selector: string | undefined, what: string, options: SettleOptions): Promise<void> {
  if (!selector) {
    await options.network.quiet(QUIET_MS, options.timeoutMs);
    return;
  }
  try {
    await page.waitForSelector(selector, { state: 'attached', timeout: options.timeoutMs });
  } catch (error) {
    if ((error as Error).name !== 'TimeoutError') {
      throw new Error(`browser.waitFor.${what} "${selector}" could not be waited for (${oneLine((error as Error).message, 160)}): ${page.url()}`);
    }
    throw new BrowserWaitError(`timed out after ${secs(options.timeoutMs)} waiting for "${selector}" (browser.waitFor.${what}) to appear: ${page.url()}`);
  }
}

function countOf(page: Page, selector: string): Promise<number> {
  return page.evaluate((sel) => document.querySelectorAll(sel).length, selector);
}

/** Resolves true as soon as more than `before` elements match, false once the page went quiet without. */
async function grew(page: Page, selector: string, before: number, options: SettleOptions): Promise<boolean> {
  const more = page
    .waitForFunction(([sel, n]) => document.querySelectorAll(sel).length > n, [selector, before] as const, { timeout: options.timeoutMs })
    .then(() => true, () => false);
  const quiet = options.network.quiet(QUIET_MS, options.timeoutMs).then(() => false);
  await Promise.race([more, quiet]);
  return (await countOf(page, selector)) > before;
}

/** Clicks "load more" until it is gone, disabled, brings nothing, or maxClicks. */
async function loadMore(page: Page, spec: NonNullable<BrowserSpec['loadMore']>, options: SettleOptions, settled: Settled): Promise<void> {
  const max = spec.maxClicks ?? DEFAULT_MAX_CLICKS;
  for (let click = 1; click <= max; click++) {
    // A button that is disabled while the last batch loads is waited for; one that stays disabled ends the listing.
    const ready = await page
      .waitForFunction(
        (sel) => {
          const button = document.querySelector(sel) as HTMLButtonElement | null;
          return button === null ? 'gone' : button.disabled || button.getAttribute('aria-disabled') === 'true' ? false : 'ready';
        },
        spec.selector,
        { timeout: options.timeoutMs },
      )
      .then((handle) => handle.jsonValue(), () => 'disabled');
    if (ready !== 'ready') return;
    const before = await countOf(page, options.profileLinks);
    try {
      await page.locator(spec.selector).first().click({ timeout: options.timeoutMs });
    } catch {
      settled.problems.push({ reason: `"load more" (${spec.selector}) could not be clicked within ${secs(options.timeoutMs)}: ${page.url()}`, kind: 'timeout' });
      return;
    }
    const more = await page
      .waitForFunction(
        ([sel, button, n]) => document.querySelectorAll(sel).length > n || document.querySelector(button) === null,
        [options.profileLinks, spec.selector, before] as const,
        { timeout: options.timeoutMs },
      )
      .then(() => true, () => false);
    if (!more) {
      settled.problems.push({ reason: `"load more" (${spec.selector}) brought no more ads within ${secs(options.timeoutMs)} after ${click - 1} clicks: ${page.url()}`, kind: 'timeout' });
      return;
    }
    if ((await countOf(page, options.profileLinks)) > before) settled.loads += 1;
  }
  if ((await countOf(page, spec.selector)) > 0) {
    settled.problems.push({ reason: `stopped clicking "load more" after browser.loadMore.maxClicks (${max}) clicks; the listing may go on: ${page.url()}`, kind: 'extract' });
  }
}

/** Scrolls to the bottom until the number of profile links stops growing, or maxScrolls. */
async function scroll(page: Page, spec: NonNullable<BrowserSpec['scroll']>, options: SettleOptions, settled: Settled): Promise<void> {
  const max = spec.maxScrolls ?? DEFAULT_MAX_SCROLLS;
  for (let step = 0; step < max; step++) {
    const before = await countOf(page, options.profileLinks);
    await page.evaluate(() => window.scrollTo(0, (document.scrollingElement ?? document.body).scrollHeight));
    if (!(await grew(page, options.profileLinks, before, options))) return;
    settled.loads += 1;
  }
  settled.problems.push({ reason: `stopped scrolling after browser.scroll.maxScrolls (${max}) steps; the feed may go on: ${page.url()}`, kind: 'extract' });
}

/** Clicks every "show number" button in the profile's part and waits for each number. */
async function reveal(page: Page, spec: NonNullable<BrowserSpec['reveal']>, options: SettleOptions, settled: Settled): Promise<void> {
  const scope = options.phoneScope ? await page.$$(options.phoneScope) : [];
  const roots: Pick<Page, '$$'>[] = scope.length > 0 ? scope : [page];
  const seen = new Set<ElementHandle>();
  const buttons: ElementHandle[] = [];
  for (const root of roots) {
    for (const button of await root.$$(spec.selector)) {
      if (!seen.has(button)) buttons.push(button);
      seen.add(button);
    }
  }
  const max = spec.maxClicks ?? DEFAULT_MAX_REVEALS;
  for (const [i, button] of buttons.slice(0, max).entries()) {
    const state = await button.evaluate(
      (el, wf) => ({ text: el.textContent ?? '', shown: wf ? document.querySelectorAll(wf).length : 0 }),
      spec.waitFor ?? null,
    );
    try {
      await button.click({ timeout: options.timeoutMs });
      await page.waitForFunction(
        ({ el, text, wf, shown }) => (wf ? document.querySelectorAll(wf).length > shown : !el.isConnected || (el.textContent ?? '') !== text),
        { el: button, text: state.text, wf: spec.waitFor ?? null, shown: state.shown },
        { timeout: options.timeoutMs },
      );
      settled.reveals += 1;
    } catch {
      settled.problems.push({ reason: `"show number" button ${i + 1} (${spec.selector}) showed no number within ${secs(options.timeoutMs)}: ${page.url()}`, kind: 'timeout' });
    }
  }
  if (buttons.length > max) {
    settled.problems.push({ reason: `${buttons.length - max} "show number" buttons not clicked (browser.reveal.maxClicks is ${max}): ${page.url()}`, kind: 'extract' });
  }
}

/** A listing page: its content, then every "load more" click and scroll step the adapter asks for. */
export async function settleListing(page: Page, options: SettleOptions): Promise<Settled> {
  const settled: Settled = { loads: 0, reveals: 0, problems: [] };
  await waitForContent(page, options.spec.waitFor?.listing, 'listing', options);
  if (options.spec.loadMore) await loadMore(page, options.spec.loadMore, options, settled);
  if (options.spec.scroll) await scroll(page, options.spec.scroll, options, settled);
  return settled;
}

/** A profile page: its content, then its numbers revealed. */
export async function settleProfile(page: Page, options: SettleOptions): Promise<Settled> {
  const settled: Settled = { loads: 0, reveals: 0, problems: [] };
  await waitForContent(page, options.spec.waitFor?.profile, 'profile', options);
  if (options.spec.reveal) await reveal(page, options.spec.reveal, options, settled);
  return settled;
}
