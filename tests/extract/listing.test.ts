import { describe, expect, it } from 'vitest';
import type { SiteAdapter } from '../../crawlers/types.ts';
import { extractListing } from '../../src/extract/index.ts';

const adapter: SiteAdapter = {
  name: 'test-listing',
  description: 'test',
  render: 'http',
  profileUrlPattern: '/profil/\\d+$',
  listing: { profileLinks: '.kort a.lank, .kort-hel', nextPage: 'a[rel=next]', listingLinks: '.stader a' },
  profile: { fields: {} },
};

const PAGE = 'http://demo.test/stad/stockholm?sida=1';

describe('extractListing', () => {
  it('returns absolute canonical profile and listing URLs, each once', () => {
    const html = `
      <ul class="stader"><li><a href="/stad/stockholm?sida=1">Stockholm</a></li><li><a href="/stad/malmo">Malmö</a></li><li><a href="/stad/malmo#topp">Malmö igen</a></li></ul>
      <div class="kort"><a class="lank" href="/annons/lina?utm_source=lista#bilder">Lina</a></div>
      <div class="kort"><a class="lank" href="http://DEMO.test/annons/lina">Lina igen</a></div>
      <div class="kort"><a class="lank" href="annons/bella">Bella</a></div>
      <div class="kort-hel"><h3>Nora</h3><a href="/annons/nora">Läs mer</a></div>
      <p>Utanför korten: <a href="/profil/123">en profil</a> <a href="/profil/123?fbclid=x">samma</a> <a href="/profil/abc">inte profil</a></p>
      <a rel="next" href="?sida=2">Nästa</a>`;
    const { profileUrls, listingUrls } = extractListing(adapter, html, PAGE);
    expect(profileUrls).toEqual([
      'http://demo.test/annons/lina',
      'http://demo.test/stad/annons/bella',
      'http://demo.test/annons/nora',
      'http://demo.test/profil/123',
    ]);
    // nextPage first, then listingLinks; the page itself is not listed again.
    expect(listingUrls).toEqual(['http://demo.test/stad/stockholm?sida=2', 'http://demo.test/stad/malmo']);
  });

  it('drops links that are not web pages', () => {
    const html = `<div class="kort"><a class="lank" href="mailto:x@demo.test">Mejl</a><a class="lank" href="javascript:void(0)">JS</a><a class="lank" href="tel:0701740605">Ring</a><a class="lank">Ingen href</a></div>`;
    expect(extractListing(adapter, html, PAGE)).toEqual({ profileUrls: [], listingUrls: [] });
  });

  it('resolves against <base href>', () => {
    const html = `<head><base href="http://cdn.demo.test/sv/"></head><div class="kort"><a class="lank" href="annons/lina">Lina</a></div>`;
    expect(extractListing(adapter, html, PAGE).profileUrls).toEqual(['http://cdn.demo.test/sv/annons/lina']);
  });

  it('returns nothing for a page URL that is not http(s)', () => {
    expect(extractListing(adapter, '<div class="kort"><a class="lank" href="/a">x</a></div>', 'file:///tmp/x.html')).toEqual({ profileUrls: [], listingUrls: [] });
  });

  it('works without optional listing selectors or pattern', () => {
    const minimal: SiteAdapter = { ...adapter, profileUrlPattern: undefined, listing: { profileLinks: 'a.p' } };
    expect(extractListing(minimal, '<a class="p" href="/x">x</a><a rel="next" href="/2">2</a>', PAGE)).toEqual({
      profileUrls: ['http://demo.test/x'],
      listingUrls: [],
    });
  });
});
