import { describe, expect, it } from 'vitest';
import { readGenericListing } from '../../../src/extract/generic/listing.ts';
import { fixture, page } from './helpers.ts';

describe('readGenericListing on fixtures', () => {
  it('reads a WordPress archive: slug profiles, rel=next and "Äldre inlägg", category listings', () => {
    const { reading, evidence } = readGenericListing(fixture('wp-classifieds-listing.html'), 'https://nattfjarilen.example/annonser/', 'text/html');
    expect(reading.profileUrls).toHaveLength(4);
    expect(reading.listingUrls).toEqual(expect.arrayContaining(['https://nattfjarilen.example/annonser/page/2/', 'https://nattfjarilen.example/kategori/par/']));
    expect(reading.listingUrls.some((u) => /om-oss|regler|kontakt/.test(u))).toBe(false);
    expect(new RegExp(evidence.profileUrlPattern!).test('https://nattfjarilen.example/annonser/ny-annons/')).toBe(true);
    expect(evidence.pagination.map((p) => p.kind)).toEqual(['link-rel-next', 'next-text']);
  });

  it('reads a forum board: topics by their id parameter, pages by their start offset', () => {
    const { reading, evidence } = readGenericListing(fixture('forum-table-listing.html'), 'https://kontaktforum.example/viewforum.php?f=4', 'text/html');
    expect(reading.profileUrls).toHaveLength(4);
    expect(reading.listingUrls).toEqual(['https://kontaktforum.example/viewforum.php?f=4&start=50', 'https://kontaktforum.example/viewforum.php?f=4&start=100']);
    expect(evidence.profileLinks).toBe('.forumline a');
  });

  it('reads a div soup and its "load more" endpoint, then the JSON it answers', () => {
    const html = readGenericListing(fixture('react-listing.html'), 'https://motesplatsen.example/', 'text/html');
    expect(html.reading.profileUrls).toHaveLength(3);
    expect(html.reading.listingUrls).toEqual(['https://motesplatsen.example/api/v2/listings?cursor=eyJvIjoyNH0&limit=24']);
    expect(html.evidence.json?.start).toEqual({ selector: 'button[data-next-url]', attribute: 'data-next-url' });
    const json = readGenericListing(fixture('react-api-page.json'), html.reading.listingUrls[0]!, 'application/json');
    expect(json.reading.profileUrls).toHaveLength(3);
    expect(json.reading.listingUrls).toEqual(['https://motesplatsen.example/api/v2/listings?cursor=eyJvIjo0OH0&limit=24']);
    expect(json.evidence.json).toMatchObject({ profileUrls: 'data.results[].permalink', next: { path: 'pageInfo.endCursor', queryParam: 'cursor' } });
  });

  it('reads an English directory with an ItemList and numbered pages', () => {
    const { reading, evidence } = readGenericListing(fixture('english-jsonld-listing.html'), 'https://northern-lights.example/escorts', 'text/html');
    expect(reading.profileUrls.sort()).toEqual(['https://northern-lights.example/escort/ava-stockholm', 'https://northern-lights.example/escort/bella-goteborg', 'https://northern-lights.example/escort/cleo-malmo']);
    expect(reading.listingUrls).toEqual(['https://northern-lights.example/escorts/page/2', 'https://northern-lights.example/escorts/page/3']);
    expect(evidence.pagination.find((p) => p.kind === 'next-text')?.selector).toBe('a.pagination__next');
  });

  it('follows per-city listings from an index, and profiles and the next page from a city', () => {
    const index = readGenericListing(fixture('city-index.html'), 'https://stadsguiden.example/', 'text/html');
    expect(index.reading.profileUrls).toEqual([]);
    expect(index.reading.listingUrls).toHaveLength(5);
    expect(index.evidence.listingLinks).toBe('.regions a');
    const city = readGenericListing(fixture('city-listing.html'), 'https://stadsguiden.example/escort/goteborg', 'text/html');
    expect(city.reading.profileUrls).toHaveLength(3);
    expect(city.reading.listingUrls).toEqual(expect.arrayContaining(['https://stadsguiden.example/escort/goteborg?sida=2', 'https://stadsguiden.example/escort/malmo']));
  });
});

describe('readGenericListing on script-driven and home pages', () => {
  it('follows cards that link by data-href, and a menu\'s "Alla annonser"', () => {
    const html = page(`<nav><a href="/">Hem</a> <a href="/alla">Alla annonser</a></nav>
      ${[31, 32, 33].map((n) => `<div class="card" data-href="/annons/${n}0"><span>Annons ${n}</span></div>`).join('')}
      <button data-href="/api/more?page=2">Visa fler</button>`);
    const { reading } = readGenericListing(html, 'https://ads.example/', 'text/html');
    expect(reading.profileUrls).toEqual(['https://ads.example/annons/310', 'https://ads.example/annons/320', 'https://ads.example/annons/330']);
    expect(reading.listingUrls).toEqual(expect.arrayContaining(['https://ads.example/alla', 'https://ads.example/api/more?page=2']));
  });
});

describe('readGenericListing on hostile pages', () => {
  it('reads nothing from empty or binary pages and says what was wrong with broken JSON', () => {
    expect(readGenericListing('', 'https://ads.example/', 'text/html').reading).toEqual({ profileUrls: [], listingUrls: [], problems: [] });
    const garbage = Buffer.from(Array.from({ length: 20_000 }, (_, i) => (i * 31) % 256)).toString('latin1');
    expect(readGenericListing(garbage, 'https://ads.example/', 'application/octet-stream').reading.profileUrls).toEqual([]);
    expect(readGenericListing('{"items": [', 'https://ads.example/api', 'application/json').reading.problems[0]).toMatch(/not valid JSON/);
    expect(readGenericListing('{"items": []}', 'https://ads.example/api', 'application/json').reading.problems[0]).toMatch(/names no links/);
  });

  it('reads a page of 5,000 links within limits', () => {
    const html = page(Array.from({ length: 5_000 }, (_, i) => `<div class="c"><a href="/annons/${i + 10}">Annons ${i}</a></div>`).join('\n'));
    const started = Date.now();
    const { reading } = readGenericListing(html, 'https://ads.example/annonser', 'text/html');
    expect(reading.profileUrls).toHaveLength(3_000);
    expect(Date.now() - started).toBeLessThan(10_000);
  });

  it('never throws on odd input: framesets, upper-case markup, a <base>, deep or huge JSON', () => {
    const odd = [
      '<FRAMESET><FRAME SRC="/annons/1"></FRAMESET>',
      '<HTML><BODY><A HREF="/Annons/12">X</A><A HREF="/Annons/13">Y</A></BODY></HTML>',
      page('<a href="annons/14">x</a><a href="annons/15">y</a>', '<base href="https://ads.example/sv/">'),
      page(`<a href="/a/1" data-x="${'x'.repeat(100_000)}">x</a>`),
    ];
    for (const html of odd) expect(() => readGenericListing(html, 'https://ads.example/', 'text/html')).not.toThrow();
    expect(readGenericListing(odd[2]!, 'https://ads.example/', 'text/html').reading.profileUrls).toEqual(['https://ads.example/sv/annons/14', 'https://ads.example/sv/annons/15']);
    const deep = '['.repeat(5_000) + ']'.repeat(5_000);
    expect(() => readGenericListing(deep, 'https://ads.example/api', 'application/json')).not.toThrow();
    const huge = JSON.stringify({ items: Array.from({ length: 20_000 }, (_, i) => ({ url: `/annons/${i}` })) });
    expect(readGenericListing(huge, 'https://ads.example/api', 'application/json').reading.profileUrls).toHaveLength(1_000);
  });

  it('treats absurd nesting as an empty page', () => {
    const html = '<div>'.repeat(50_000) + '<a href="/annons/1">x</a>' + '</div>'.repeat(50_000);
    expect(readGenericListing(html, 'https://ads.example/', 'text/html').reading.profileUrls).toEqual([]);
  });
});
