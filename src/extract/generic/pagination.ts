// The further pages of a listing: `rel=next` (on a link or in the head), links whose words say
// "next" or "more" in Swedish or English (or whose class, label or title says so), arrows, and
// numbered page links that differ from the page only by a page number. Links a `<noscript>` holds
// (the no-script fallback of a "show more" button) count too.

import type { CheerioAPI } from 'cheerio';
import type { Element } from 'domhandler';
import { loadHtml, selectAll, tagName } from '../dom.ts';
import { fold } from '../fold.ts';
import { canonicalUrl } from '../url.ts';
import { pageLinks, type PageLink } from './link-patterns.ts';
import { isNextText, namesNext } from './vocabulary.ts';

export type PaginationKind = 'link-rel-next' | 'rel-next' | 'next-text' | 'next-name' | 'numbered' | 'noscript';

export interface PaginationLink {
  url: string;
  kind: PaginationKind;
  /** The anchor or <link> element (for evidence); null for a link read out of a <noscript>. */
  el: Element | null;
}

/** Query parameters that page a listing. */
const PAGING_PARAM = /^(?:page|p|pg|sida|paged|offset|start|from|skip|cursor|after|pagenr|pagenum|pageno|side)$/i;
/** Texts of links to the first, last or previous page, which page as surely as "next". */
const PAGE_WORDS = /^(?:forsta|sista|foregaende|forra|tidigare|nyare|first|last|previous|prev|newer|«|‹|<<?|\d{1,4}|sida \d{1,4}|page \d{1,4})$/;

function rels(el: Element): string[] {
  return (el.attribs?.rel ?? '').toLowerCase().split(/\s+/);
}

function trimSlash(path: string): string {
  return path.length > 1 ? path.replace(/\/+$/, '') : path;
}

/**
 * Whether `link` is another page of the listing `page`: the same path with a paging parameter
 * (or any numeric one, when the text is a page word), or the path with a page number appended
 * (`/lista/2`, `/page/3/`).
 */
export function samePagedListing(link: string, page: string, text: string): boolean {
  const a = new URL(link);
  const b = new URL(page);
  if (a.host !== b.host || a.href === b.href) return false;
  const wordy = PAGE_WORDS.test(fold(text).replace(/\s+/g, ' ').trim());
  const pathA = trimSlash(a.pathname);
  const pathB = trimSlash(b.pathname);
  const stem = (p: string) => p.replace(/\/(?:page|sida|p)?\/?\d{1,5}$/i, '').replace(/\/(?:page|sida|p)$/i, '') || '/';
  if (pathA === pathB) {
    const changed = [...a.searchParams].filter(([k, v]) => b.searchParams.get(k) !== v);
    const dropped = [...b.searchParams.keys()].filter((k) => !a.searchParams.has(k));
    const all = [...changed.map(([k]) => k), ...dropped];
    if (all.length === 0) return false;
    return all.every((k) => PAGING_PARAM.test(k)) || (wordy && changed.every(([, v]) => /^\d{1,5}$/.test(v)));
  }
  if (stem(pathA) !== stem(pathB)) return false;
  if (a.search !== b.search) return false;
  return wordy || /\/(?:page|sida|p)\/?\d{1,5}$/i.test(pathA);
}

/** Links read out of <noscript> fallbacks, which the parser keeps as text. */
function noscriptLinks($: CheerioAPI, page: string, base: string): PageLink[] {
  const out: PageLink[] = [];
  for (const el of selectAll($, 'noscript').slice(0, 50)) {
    const inner = $(el).text();
    if (!inner.includes('<a')) continue;
    out.push(...pageLinks(loadHtml(inner), page, base).map((l) => ({ ...l, el })));
  }
  return out;
}

/**
 * The other pages of a listing that `page` names. Every kind is collected (a site with numbered
 * links and a "next" link gives both); the crawler reads each URL once.
 */
export function findPagination($: CheerioAPI, page: string, base: string, links: readonly PageLink[]): PaginationLink[] {
  const out: PaginationLink[] = [];
  const host = new URL(page).host;
  for (const el of selectAll($, 'link[rel]')) {
    if (!rels(el).includes('next')) continue;
    const url = el.attribs?.href ? canonicalUrl(el.attribs.href, base) : null;
    if (url && new URL(url).host === host) out.push({ url, kind: 'link-rel-next', el });
  }
  for (const link of links) {
    const el = link.el;
    if (link.url === page) continue;
    if (rels(el).includes('next')) out.push({ url: link.url, kind: 'rel-next', el });
    else if (isNextText(link.text)) out.push({ url: link.url, kind: 'next-text', el });
    else if (tagName(el) === 'a' && link.text.length <= 40 && [el.attribs?.class, el.attribs?.id, el.attribs?.['aria-label'], el.attribs?.title].some(namesNext)) {
      out.push({ url: link.url, kind: 'next-name', el });
    } else if (samePagedListing(link.url, page, link.text)) out.push({ url: link.url, kind: 'numbered', el });
  }
  for (const link of noscriptLinks($, page, base)) {
    if (link.url !== page && (isNextText(link.text) || samePagedListing(link.url, page, link.text))) out.push({ url: link.url, kind: 'noscript', el: null });
  }
  return out;
}
