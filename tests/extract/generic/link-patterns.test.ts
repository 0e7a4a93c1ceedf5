import { describe, expect, it } from 'vitest';
import { loadHtml } from '../../../src/extract/dom.ts';
import { groupLinks, isPlaceText, looseKey, pageLinks, urlShape } from '../../../src/extract/generic/link-patterns.ts';
import { fixture, page } from './helpers.ts';

const PAGE = 'https://ads.example/annonser';

function groups(html: string, url = PAGE) {
  const $ = loadHtml(html);
  return groupLinks(pageLinks($, url, url));
}

describe('urlShape', () => {
  it('stands an id segment or parameter in for a digit run, keeping extensions and literals', () => {
    expect(urlShape('https://a.example/annons/450004.html')).toEqual({ tokens: ['annons', '#.html'], trailing: false, query: [] });
    expect(urlShape('https://a.example/p/560002/')).toEqual({ tokens: ['p', '#'], trailing: true, query: [] });
    expect(urlShape('https://a.example/profile.php?id=80004&sid=&lang=sv').query).toEqual(['id=#', 'lang=sv']);
  });

  it('gives profile URLs of one site the same loose family whatever their slugs', () => {
    expect(looseKey('https://a.example/escorts/halmstad/270007')).toBe(looseKey('https://a.example/escorts/malmo/270046'));
    expect(looseKey('https://a.example/escorts/halmstad/270007')).not.toBe(looseKey('https://a.example/escorts?page=2'));
  });
});

describe('groupLinks', () => {
  it('finds the profile links of a card listing by their shared shape, not the menu', () => {
    const html = page(`<nav><a href="/">Hem</a><a href="/villkor">Villkor</a><a href="/om">Om</a><a href="/faq">FAQ</a></nav>
      <div class="banner"><a href="/annonsera">Annonsera</a></div>
      ${[11, 12, 13, 14].map((n) => `<div class="c"><a href="/annons/${n}00">Annons ${n}</a></div>`).join('')}`);
    const found = groups(html);
    const profiles = found.filter((g) => g.kind === 'profile');
    expect(profiles).toHaveLength(1);
    expect(profiles[0]!.urls).toEqual(['https://ads.example/annons/1100', 'https://ads.example/annons/1200', 'https://ads.example/annons/1300', 'https://ads.example/annons/1400']);
    expect(new RegExp(profiles[0]!.pattern).test('https://ads.example/annons/99')).toBe(true);
    expect(new RegExp(profiles[0]!.pattern).test('https://ads.example/annonsera')).toBe(false);
  });

  it('merges slugs that vary (/escorts/<city>/<id>, /ads/<name>/) into one shape', () => {
    const html = page(['halmstad/1', 'malmo/2', 'lund/3', 'umea/4'].map((p) => `<a href="/escorts/${p}0">x</a>`).join(''));
    const [g] = groups(html);
    expect(g).toMatchObject({ key: '/escorts/*/#', kind: 'profile', slugVar: true });
    const wp = groups(fixture('wp-classifieds-listing.html'), 'https://nattfjarilen.example/annonser/');
    expect(wp.find((x) => x.kind === 'profile')?.urls).toHaveLength(4);
  });

  it('reads links whose texts are places or categories as further listings', () => {
    const found = groups(fixture('city-index.html'), 'https://stadsguiden.example/');
    expect(found.find((g) => g.kind === 'listing')?.urls).toHaveLength(5);
    expect(found.some((g) => g.kind === 'profile')).toBe(false);
    const wp = groups(fixture('wp-classifieds-listing.html'), 'https://nattfjarilen.example/annonser/');
    expect(wp.find((g) => g.kind === 'listing')?.key).toBe('/kategori/*/');
  });

  it('tells a place from a word that is only spelled like one', () => {
    expect(isPlaceText('Göteborg (17)')).toBe(true);
    expect(isPlaceText('Malmö C')).toBe(true);
    expect(isPlaceText('Kvinna')).toBe(false);
    expect(isPlaceText('Lugn och mysig')).toBe(false);
  });

  it('reads a page of 5,000 links quickly and only the first 3,000', () => {
    const html = page(Array.from({ length: 5_000 }, (_, i) => `<a href="/annons/${i + 10}">Annons ${i}</a>`).join('\n'));
    const started = Date.now();
    const $ = loadHtml(html);
    const links = pageLinks($, PAGE, PAGE);
    const found = groupLinks(links);
    expect(links).toHaveLength(3_000);
    expect(found[0]!.urls).toHaveLength(3_000);
    expect(Date.now() - started).toBeLessThan(5_000);
  });

  it('leaves out other hosts, files, mail and phone links', () => {
    const $ = loadHtml(page('<a href="https://other.example/annons/1">x</a><a href="/img/1.jpg">x</a><a href="mailto:a@b.example">x</a><a href="tel:0701740605">x</a><a href="javascript:void(0)">x</a>'));
    expect(pageLinks($, PAGE, PAGE)).toEqual([]);
  });
});
