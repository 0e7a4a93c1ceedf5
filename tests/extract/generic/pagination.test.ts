import { describe, expect, it } from 'vitest';
import { loadHtml } from '../../../src/extract/dom.ts';
import { pageLinks } from '../../../src/extract/generic/link-patterns.ts';
import { findPagination, samePagedListing } from '../../../src/extract/generic/pagination.ts';
import { isNextText } from '../../../src/extract/generic/vocabulary.ts';
import { page } from './helpers.ts';

const PAGE = 'https://ads.example/annonser';

function paging(html: string, url = PAGE) {
  const $ = loadHtml(html);
  return findPagination($, url, url, pageLinks($, url, url)).map((p) => [p.kind, p.url]);
}

describe('findPagination', () => {
  it('follows rel=next on a link and in the head', () => {
    expect(paging(page('<a rel="next nofollow" href="?page=2">→</a>', '<link rel="next" href="/annonser/2">'))).toEqual([
      ['link-rel-next', 'https://ads.example/annonser/2'],
      ['rel-next', 'https://ads.example/annonser?page=2'],
    ]);
  });

  it.each(['Nästa', 'Nästa sida »', 'Fler', 'Visa fler', 'Next', 'More', '»', '›', 'Äldre inlägg', 'Older posts', 'Load more'])('reads "%s" as next', (text) => {
    expect(isNextText(text)).toBe(true);
    expect(paging(page(`<a href="/lista-b">${text}</a>`))).toEqual([['next-text', 'https://ads.example/lista-b']]);
  });

  it.each(['Läs mer om oss', 'Kontakt', 'Visa', 'Tillbaka'])('does not read "%s" as next', (text) => {
    expect(isNextText(text)).toBe(false);
  });

  it('follows a control whose class or label says next', () => {
    expect(paging(page('<a class="pagination__next" href="/annonser?sida=2"><svg></svg></a>'))).toEqual([['next-name', 'https://ads.example/annonser?sida=2']]);
  });

  it('follows numbered pages that differ from the page only by a page number', () => {
    const html = page('<div class="pager">1 <a href="?p=2">2</a> <a href="?p=3">3</a> <a href="/annonser/sida/4">4</a></div><a href="/annonser/12345">Anna</a>');
    expect(paging(html)).toEqual([
      ['numbered', 'https://ads.example/annonser?p=2'],
      ['numbered', 'https://ads.example/annonser?p=3'],
      ['numbered', 'https://ads.example/annonser/sida/4'],
    ]);
    expect(samePagedListing('https://ads.example/index.php?id=9', 'https://ads.example/index.php', 'Anna')).toBe(false);
  });

  it('reads the "show more" link a <noscript> holds', () => {
    expect(paging(page('<noscript><a href="/feed/more?cursor=abc">Visa fler</a></noscript>'))).toEqual([['noscript', 'https://ads.example/feed/more?cursor=abc']]);
  });

  it('never follows another host', () => {
    expect(paging(page('<a rel="next" href="https://elsewhere.example/2">Nästa</a>', '<link rel="next" href="https://elsewhere.example/3">'))).toEqual([]);
  });
});
