// Reading a listing page: which profiles it links to and which further listing pages to visit.

import type { CheerioAPI } from 'cheerio';
import type { Element } from 'domhandler';
import type { SiteAdapter, UrlAttribute } from '../../crawlers/types.ts';
import { childNodes, isElement, loadHtml, pageIndex, selectAll, tagName } from './dom.ts';
import { compilePattern } from './field.ts';
import { canonicalUrl } from './url.ts';

export interface ListingLinks {
  profileUrls: string[];
  listingUrls: string[];
}

/** The URL relative links resolve against: the page's <base href> when it has a usable one. */
export function baseUrlOf($: CheerioAPI, pageUrl: string): string {
  const base = selectAll($, 'base[href]')[0]?.attribs?.href;
  return (base && canonicalUrl(base, pageUrl)) || pageUrl;
}

/** The link target of an element: its own href, else the first link inside it (a whole card). */
function hrefOf(el: Element): string | undefined {
  if (el.attribs?.href !== undefined) return el.attribs.href;
  const stack = [...childNodes(el)].reverse();
  while (stack.length > 0) {
    const n = stack.pop()!;
    if (!isElement(n)) continue;
    if ((tagName(n) === 'a' || tagName(n) === 'area') && n.attribs?.href !== undefined) return n.attribs.href;
    stack.push(...[...childNodes(n)].reverse());
  }
  return undefined;
}

function urlsOf(els: Element[], base: string): string[] {
  return els
    .map((el) => hrefOf(el))
    .filter((h): h is string => h !== undefined)
    .map((h) => canonicalUrl(h, base))
    .filter((u): u is string => u !== null);
}

/** URLs named by an attribute of the matched elements ("load more", "show number" buttons), each once. */
export function attributeUrls($: CheerioAPI, spec: UrlAttribute | undefined, base: string): string[] {
  if (!spec) return [];
  const urls = selectAll($, spec.selector)
    .map((el) => el.attribs?.[spec.attribute.toLowerCase()])
    .filter((v): v is string => v !== undefined && v.trim() !== '')
    .map((v) => canonicalUrl(v, base))
    .filter((u): u is string => u !== null);
  return [...new Set(urls)];
}

const EMPTY: ListingLinks = { profileUrls: [], listingUrls: [] };

/**
 * Profile and listing links of a listing page, absolute and canonical, each once. Profiles are
 * the adapter's profileLinks plus any link matching profileUrlPattern; listings are nextPage,
 * listingLinks and the first JSON page of listing.json.start, without the page itself.
 */
export function extractListing(adapter: SiteAdapter, html: string, pageUrl: string): ListingLinks {
  const page = canonicalUrl(pageUrl);
  if (page === null) return { ...EMPTY };
  const $ = loadHtml(html);
  const base = baseUrlOf($, page);

  const profiles = urlsOf(selectAll($, adapter.listing.profileLinks), base);
  const pattern = adapter.profileUrlPattern ? compilePattern(adapter.profileUrlPattern) : null;
  if (pattern) {
    const anchors = pageIndex($).order.filter(
      (el) => (tagName(el) === 'a' || tagName(el) === 'area') && el.attribs?.href !== undefined,
    );
    profiles.push(...urlsOf(anchors, base).filter((u) => pattern.test(u)));
  }

  const listings = [
    ...urlsOf(selectAll($, adapter.listing.nextPage), base),
    ...urlsOf(selectAll($, adapter.listing.listingLinks), base),
    ...attributeUrls($, adapter.listing.json?.start, base),
  ].filter((u) => u !== page);

  return { profileUrls: [...new Set(profiles)], listingUrls: [...new Set(listings)] };
}
