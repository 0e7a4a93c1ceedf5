// Reading JSON listing pages: the good answer, and every way a hostile or broken API answer can
// try to crash the reader, flood the queue or lead the crawler off the site or round in circles.

import { describe, expect, it } from 'vitest';
import type { SiteAdapter } from '../../crawlers/types.ts';
import { JSON_LISTING, JSON_PROFILE_URL_PATTERN } from '../helpers/json-listing-adapter.ts';
import { JsonReadError, MAX_JSON_ITEMS, extractJsonListing, extractListing, parseJsonPath, readJsonPath, validateAdapter } from '../../src/extract/index.ts';

const adapter: SiteAdapter = {
  name: 'test-json',
  description: 'test',
  render: 'http',
  profileUrlPattern: JSON_PROFILE_URL_PATTERN,
  listing: JSON_LISTING,
  profile: { fields: {} },
};

const PAGE = 'https://ads.example/api/ads?offset=24&limit=24';
const read = (body: unknown, a: SiteAdapter = adapter, page = PAGE) =>
  extractJsonListing(a, typeof body === 'string' ? body : JSON.stringify(body), page);

describe('JSON paths', () => {
  it('reads names, arrays and a top-level array', () => {
    expect(readJsonPath({ a: { b: [{ c: 1 }, { c: 2 }] } }, 'a.b[].c').values).toEqual([1, 2]);
    expect(readJsonPath([{ href: 'x' }, { href: 'y' }], '[].href').values).toEqual(['x', 'y']);
    expect(readJsonPath({ next: null }, 'next').values).toEqual([null]);
  });

  it('rejects paths an adapter should not be written with', () => {
    for (const bad of ['', 'a..b', 'a[0]', 'a[]x', '[']) expect(() => parseJsonPath(bad), bad).toThrow();
    expect(validateAdapter({ ...adapter, listing: { ...adapter.listing, json: { ...adapter.listing.json!, profileUrls: 'items[0].url', urlPattern: '(' } } })).toEqual([
      expect.stringMatching(/^listing\.json\.urlPattern: invalid pattern/),
      expect.stringMatching(/^listing\.json\.profileUrls: invalid JSON path/),
    ]);
    expect(validateAdapter(adapter)).toEqual([]);
  });

  it('never reads through the prototype chain', () => {
    expect(readJsonPath({}, 'constructor').values).toEqual([undefined]);
    expect(() => readJsonPath({}, '__proto__.x')).toThrow(JsonReadError);
  });
});

describe('a JSON listing page', () => {
  it('gives absolute profile URLs and the next page from an offset', () => {
    const got = read({
      items: [
        { id: 1, url: '/annons/1', title: 'a', city: 'Umeå' },
        { id: 2, url: 'https://ads.example/annons/2?utm_source=x', title: 'b', city: 'Luleå' },
        { id: 3, url: '../annons/3', title: 'c', city: 'Kiruna' },
      ],
      next: 48,
      total: 100,
    });
    expect(got.profileUrls).toEqual(['https://ads.example/annons/1', 'https://ads.example/annons/2', 'https://ads.example/annons/3']);
    expect(got.listingUrls).toEqual(['https://ads.example/api/ads?offset=48&limit=24']);
    expect(got.problems).toEqual([]);
  });

  it('ends on next: null, a missing next, and an empty last page', () => {
    expect(read({ items: [{ url: '/annons/1' }], next: null }).listingUrls).toEqual([]);
    expect(read({ items: [{ url: '/annons/1' }] }).listingUrls).toEqual([]);
    // An API that keeps answering empty pages with a next offset is not followed forever.
    expect(read({ items: [], next: 72 })).toEqual({ profileUrls: [], listingUrls: [], problems: [] });
  });

  it('follows a next URL when the adapter says next is a URL', () => {
    const a: SiteAdapter = { ...adapter, listing: { ...adapter.listing, json: { ...adapter.listing.json!, next: { path: 'links.next' } } } };
    expect(read({ items: [], links: { next: null } }, a).listingUrls).toEqual([]);
    expect(read({ items: [{ url: '/annons/9' }], links: { next: '/api/ads?offset=48&limit=24' } }, a).listingUrls).toEqual(['https://ads.example/api/ads?offset=48&limit=24']);
  });

  it('reads the first JSON page named by the load-more button of an HTML listing', () => {
    const html = `<div class="grid"><a class="card" href="/annons/1">a</a></div><button class="load-more" data-endpoint="/api/ads?offset=24&amp;limit=24">Visa fler</button>`;
    expect(extractListing(adapter, html, 'https://ads.example/annonser')).toEqual({
      profileUrls: ['https://ads.example/annons/1'],
      listingUrls: ['https://ads.example/api/ads?offset=24&limit=24'],
    });
  });
});

describe('a malformed or hostile JSON answer', () => {
  it('is an error that says what is wrong, not a crash', () => {
    expect(() => read('{"items": [')).toThrow(/^not valid JSON/);
    expect(() => read('<!doctype html><p>Oops</p>')).toThrow(/not valid JSON \(it looks like HTML\)/);
    expect(() => read('')).toThrow(/empty answer/);
    expect(() => read({ items: 'none' })).toThrow(/expected an array at items, got a string/);
    expect(() => read({ data: [] })).toThrow(/expected an array at items, got nothing/);
    expect(() => read([{ url: '/annons/1' }])).toThrow(/expected an object at the top, got an array/);
    expect(() => read('null')).toThrow(JsonReadError);
  });

  it('drops entries of the wrong type, off-site or not a profile, and says so', () => {
    const got = read({
      items: [
        { url: '/annons/1' },
        { url: 42 },
        { url: { href: '/annons/2' } },
        'just a string',
        null,
        { title: 'no url' },
        { url: 'https://evil.example/annons/3' },
        { url: '//evil.example/annons/4' },
        { url: 'javascript:alert(1)' },
        { url: '/konto/logga-in' },
        { url: `/annons/${'9'.repeat(5000)}` },
      ],
      next: 48,
    });
    expect(got.profileUrls).toEqual(['https://ads.example/annons/1']);
    expect(got.problems).toHaveLength(1);
    expect(got.problems[0]).toMatch(/^10 of the entries at items\[\]\.url not used: /);
    expect(got.problems[0]).toContain('off the site (2)');
    expect(got.problems[0]).toContain('not a profile URL (1)');
    expect(got.problems[0]).toContain('a number instead of a URL (1)');
    // The page still leads on: its good entries are kept and the next page is still read.
    expect(got.listingUrls).toEqual(['https://ads.example/api/ads?offset=48&limit=24']);
  });

  it('reads at most MAX_JSON_ITEMS entries of a huge array', () => {
    const items = Array.from({ length: 50_000 }, (_, i) => ({ url: `/annons/${i}` }));
    const got = read({ items, next: 50_000 });
    expect(got.profileUrls).toHaveLength(MAX_JSON_ITEMS);
    expect(got.problems).toEqual([`${50_000 - MAX_JSON_ITEMS} entries at items[].url beyond the first ${MAX_JSON_ITEMS} not read`]);
  });

  it('does not follow a next page off the site, of the wrong type, or back to itself', () => {
    const url = (next: unknown) => ({ items: [{ url: '/annons/1' }], next });
    const a: SiteAdapter = { ...adapter, listing: { ...adapter.listing, json: { ...adapter.listing.json!, next: { path: 'next' } } } };
    expect(read(url('https://evil.example/api/ads?offset=48'), a)).toMatchObject({ listingUrls: [], problems: [expect.stringMatching(/points off the site/)] });
    expect(read(url('mailto:x@example.com'), a)).toMatchObject({ listingUrls: [], problems: [expect.stringMatching(/not a web address/)] });
    expect(read(url({ offset: 48 }), a)).toMatchObject({ listingUrls: [], problems: ['next page at next is an object, expected a URL'] });
    expect(read(url(PAGE), a)).toEqual({ profileUrls: ['https://ads.example/annons/1'], listingUrls: [], problems: [] });
    // With an offset, the same offset is this page again.
    expect(read(url(24)).listingUrls).toEqual([]);
    expect(read(url(true))).toMatchObject({ listingUrls: [], problems: ['next page at next is a boolean, expected a number or a string'] });
    expect(read(url(Number.MAX_VALUE * 10))).toMatchObject({ listingUrls: [] });
  });

  it('keeps the profiles when only the way on is malformed', () => {
    const a: SiteAdapter = { ...adapter, listing: { ...adapter.listing, json: { ...adapter.listing.json!, next: { path: 'paging.next' } } } };
    const got = read({ items: [{ url: '/annons/1' }], paging: 'broken' }, a);
    expect(got.profileUrls).toEqual(['https://ads.example/annons/1']);
    expect(got.problems).toEqual([expect.stringMatching(/^next page at paging\.next: expected an object at paging, got a string/)]);
  });

  it('counts another site\'s hosts as the site only when told', () => {
    const body = JSON.stringify({ items: [{ url: 'https://www.ads.example/annons/5' }] });
    expect(extractJsonListing(adapter, body, PAGE).profileUrls).toEqual([]);
    expect(extractJsonListing(adapter, body, PAGE, { allowedHosts: ['ads.example', 'www.ads.example'] }).profileUrls).toEqual(['https://www.ads.example/annons/5']);
  });
});
