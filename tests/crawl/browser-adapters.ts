// Adapters for the national web's script-driven layouts that only a browser can use: without the
// JSON listing spec, the reveal endpoints or the feed's next-page links of their HTTP twins
// (crawlers/nat-*.ts), read over plain HTTP they find the first batch of ads and no hidden number.
// Shared by the browser tests and bench/browser.ts.

import { natInfiniteScroll } from '../../crawlers/nat-infinite-scroll.ts';
import { natLoadMoreJson } from '../../crawlers/nat-load-more-json.ts';
import { natRelNext } from '../../crawlers/nat-rel-next.ts';
import type { SiteAdapter } from '../../crawlers/types.ts';

/** "Load more" by clicking the button, numbers by clicking "show number". */
export const browserLoadMore: SiteAdapter = {
  ...natLoadMoreJson,
  name: 'test-browser-load-more',
  render: 'browser',
  listing: { profileLinks: '.ad-grid a.ad-card__link' },
  profile: { ...natLoadMoreJson.profile, phones: { scope: '.ad__main' } },
  browser: {
    waitFor: { listing: '.ad-grid a.ad-card__link', profile: '.ad__main h1' },
    loadMore: { selector: 'button.load-more' },
    reveal: { selector: 'button.reveal-phone', waitFor: '.ad__main .phone' },
  },
};

/** The feed by scrolling to its end. */
export const browserInfiniteScroll: SiteAdapter = {
  ...natInfiniteScroll,
  name: 'test-browser-infinite-scroll',
  render: 'browser',
  listing: { profileLinks: '.feed a.post-link' },
  browser: { waitFor: { listing: '.feed a.post-link', profile: '.ad-view h1' }, scroll: {} },
};

/** A rel-next site served as an empty shell that its script fills (server option scriptRendered). */
export const browserRelNext: SiteAdapter = {
  ...natRelNext,
  name: 'test-browser-rel-next',
  render: 'browser',
  browser: { waitFor: { listing: 'ul.items a.item-link', profile: '.profile h1' } },
};

/** The browser adapter for a national layout, when there is one. */
export function browserAdapterFor(layout: string): SiteAdapter | null {
  if (layout === 'load-more-json') return browserLoadMore;
  if (layout === 'infinite-scroll') return browserInfiniteScroll;
  if (layout === 'rel-next') return browserRelNext;
  return null;
}
