import { describe, expect, it } from 'vitest';
import { loadHtml } from '../../../src/extract/dom.ts';
import { htmlFragments, inferJsonListingSpec, loadMoreEndpoints, readJsonListing, revealEndpoints } from '../../../src/extract/generic/json-endpoints.ts';
import { fixture, page } from './helpers.ts';

const PAGE = 'https://ads.example/annonser';

describe('endpoints named in data-* attributes', () => {
  it('finds a "load more" button\'s same-site endpoint, not images or other hosts', () => {
    const $ = loadHtml(page(`<img data-src="/img/1.jpg"><div data-url="https://cdn.example/x"></div>
      <button class="load-more" data-endpoint="/api/ads?offset=24&amp;limit=24">Load more</button>`));
    expect(loadMoreEndpoints($, PAGE, PAGE)).toEqual({
      urls: ['https://ads.example/api/ads?offset=24&limit=24'],
      evidence: { selector: 'button[data-endpoint]', attribute: 'data-endpoint' },
    });
  });

  it('finds "show number" endpoints by the button\'s words or the attribute\'s name, and keeps them apart from "load more"', () => {
    const $ = loadHtml(page(`<button data-reveal="/api/ads/7/phone">Visa nummer</button><button data-href="/x/7/tel">Ring</button>
      <button data-next="/api/ads?page=2">Visa fler</button>`));
    expect(revealEndpoints($, PAGE, PAGE).urls).toEqual(['https://ads.example/api/ads/7/phone', 'https://ads.example/x/7/tel']);
    expect(loadMoreEndpoints($, PAGE, PAGE).urls).toEqual(['https://ads.example/api/ads?page=2']);
  });
});

describe('JSON listing answers', () => {
  it('finds the profile URLs and a numeric next as an offset', () => {
    const data = { items: [{ id: '1', url: '/annons/1', img: '/p/1.jpg' }, { id: '2', url: '/annons/2', img: '/p/2.jpg' }], next: 48 };
    expect(inferJsonListingSpec(data, 'https://ads.example/api/ads?offset=24&limit=24')).toEqual({
      urlPattern: '^https?://[^/]+/api/ads(?:\\?|$)',
      profileUrls: 'items[].url',
      next: { path: 'next', queryParam: 'offset' },
    });
  });

  it('finds nested results, a cursor in a paging object, and reads them through the declarative engine', () => {
    const url = 'https://motesplatsen.example/api/v2/listings?cursor=eyJvIjoyNH0&limit=24';
    const text = fixture('react-api-page.json');
    const read = readJsonListing(JSON.parse(text), text, url)!;
    expect(read.spec).toMatchObject({ profileUrls: 'data.results[].permalink', next: { path: 'pageInfo.endCursor', queryParam: 'cursor' } });
    expect(read.listing.profileUrls).toHaveLength(3);
    expect(read.listing.listingUrls).toEqual(['https://motesplatsen.example/api/v2/listings?cursor=eyJvIjo0OH0&limit=24']);
    expect(read.listing.problems.join()).toMatch(/off the site/);
  });

  it('takes a next URL as a URL, a top-level array, and ends on null', () => {
    expect(inferJsonListingSpec([{ href: '/a/1' }, { href: '/a/2' }], PAGE)).toMatchObject({ profileUrls: '[].href' });
    expect(inferJsonListingSpec({ ads: [{ link: '/a/1' }], links: { next: { href: '/api?page=3' } } }, PAGE)?.next).toEqual({ path: 'links.next.href' });
    expect(inferJsonListingSpec({ ads: [{ link: '/a/1' }], next: null }, PAGE)?.next).toEqual({ path: 'next' });
  });

  it('names nothing for answers without page links, and finds HTML fragments inside JSON', () => {
    expect(inferJsonListingSpec({ items: [{ id: 1, title: 'x' }] }, PAGE)).toBeNull();
    expect(inferJsonListingSpec('just a string', PAGE)).toBeNull();
    expect(htmlFragments({ html: '<div><a href="/annons/1">x</a></div>', more: true })).toHaveLength(1);
  });
});
