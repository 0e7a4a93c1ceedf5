// Reading a listing page of a site the reader has never seen: its profile links (by URL shape and
// repetition, and what a JSON-LD ItemList names), its further pages (pagination, per-city and
// per-category listings, "load more" endpoints), or, for a JSON answer of a listing API, the
// profile URLs and the way on. Returns what the crawler follows and the evidence for a probe.

import type { CheerioAPI } from 'cheerio';
import type { ListingReading } from '../../../crawlers/types.ts';
import { FLAG_CHROME, loadHtml, pageIndex, tagName } from '../dom.ts';
import { inlineText } from '../text.ts';
import { JsonReadError } from '../json-listing.ts';
import { baseUrlOf } from '../listing.ts';
import { canonicalUrl } from '../url.ts';
import type { ListingEvidence } from './evidence.ts';
import { dataUrls, endpointPattern, htmlFragments, loadMoreEndpoints, readJsonListing } from './json-endpoints.ts';
import { groupLinks, pageLinks, type PageLink } from './link-patterns.ts';
import { isListingText, isNextText, isRevealText } from './vocabulary.ts';
import { findPagination, type PaginationKind } from './pagination.ts';
import { selectorFor } from './selectors.ts';
import { itemListUrls, jsonLdBlocks } from './structured-data.ts';
import { compilePattern } from '../field.ts';

export interface GenericListing {
  reading: ListingReading;
  evidence: ListingEvidence;
}

const NO_EVIDENCE: ListingEvidence = { profileUrlPattern: null, profileLinks: null, pagination: [], listingLinks: null, json: null };

function looksJson(body: string, contentType: string): boolean {
  const type = contentType.toLowerCase();
  if (type.includes('json')) return true;
  if (type.includes('html') || type.includes('xml')) return false;
  return /^\s*[[{]/.test(body);
}

function jsonListing(body: string, page: string): GenericListing {
  let data: unknown;
  try {
    data = JSON.parse(body);
  } catch (error) {
    const hint = body.trim() === '' ? ' (empty answer)' : body.trimStart().startsWith('<') ? ' (it looks like HTML)' : '';
    return { reading: { profileUrls: [], listingUrls: [], problems: [`not valid JSON${hint}: ${(error as Error).message}`] }, evidence: NO_EVIDENCE };
  }
  let read: ReturnType<typeof readJsonListing> = null;
  try {
    read = readJsonListing(data, body, page);
  } catch (error) {
    if (!(error instanceof JsonReadError)) throw error;
    return { reading: { profileUrls: [], listingUrls: [], problems: [error.message] }, evidence: NO_EVIDENCE };
  }
  if (read) return { reading: read.listing, evidence: { ...NO_EVIDENCE, profileUrlPattern: null, json: read.spec } };
  // Some "load more" APIs answer HTML inside JSON: read each fragment as a listing.
  const parts = htmlFragments(data).map((html) => htmlListing(html, page));
  if (parts.length === 0) return { reading: { profileUrls: [], listingUrls: [], problems: ['JSON answer names no links to pages of the site'] }, evidence: NO_EVIDENCE };
  return {
    reading: {
      profileUrls: [...new Set(parts.flatMap((p) => p.reading.profileUrls))],
      listingUrls: [...new Set(parts.flatMap((p) => p.reading.listingUrls))],
      problems: [],
    },
    evidence: parts[0]!.evidence,
  };
}

function htmlListing(html: string, page: string): GenericListing {
  const $ = loadHtml(html);
  const base = baseUrlOf($, page);
  const host = new URL(page).host;
  const links = [...pageLinks($, page, base), ...cardLinks($, page, base)];
  const paging = findPagination($, page, base, links);
  const pagingEls = new Set(paging.map((p) => p.el));
  // Links to the page itself count for the shape of their group (a city menu names the city shown).
  const groups = groupLinks(links.filter((l) => !pagingEls.has(l.el)));
  const profileGroups = groups.filter((g) => g.kind === 'profile');
  const listingGroups = groups.filter((g) => g.kind === 'listing');

  const profiles = new Set(profileGroups.flatMap((g) => g.urls));
  for (const u of itemListUrls(jsonLdBlocks($))) {
    const url = canonicalUrl(u, base);
    if (url && new URL(url).host === host && url !== page) profiles.add(url);
  }
  // A "next" link shaped like the profile links is a profile ("More" on a card): as a profile it
  // is read as a listing if it is one, while a profile read as a listing would be lost.
  const patterns = profileGroups.map((g) => compilePattern(g.pattern)).filter((r): r is RegExp => r !== null);
  const listings = new Set<string>();
  for (const p of paging) {
    if (profiles.has(p.url)) continue;
    if (p.kind !== 'link-rel-next' && p.kind !== 'rel-next' && patterns.some((re) => re.test(p.url))) profiles.add(p.url);
    else listings.add(p.url);
  }
  for (const g of listingGroups) for (const u of g.urls) listings.add(u);
  // A home page or menu naming the listing itself ("Alla annonser", "Escorts").
  for (const l of links) if (isListingText(l.text)) listings.add(l.url);
  const more = loadMoreEndpoints($, page, base);
  for (const u of more.urls) listings.add(u);
  profiles.delete(page);
  for (const u of profiles) listings.delete(u);
  listings.delete(page);

  const main = profileGroups[0];
  const byKind = new Map<PaginationKind, typeof paging>();
  for (const p of paging) byKind.set(p.kind, [...(byKind.get(p.kind) ?? []), p]);
  const evidence: ListingEvidence = {
    profileUrlPattern: main?.pattern ?? null,
    profileLinks: main ? selectorFor($, main.links.map((l) => l.el)) : null,
    pagination: [...byKind].map(([kind, list]) => {
      const els = list.map((p) => p.el).filter((e): e is NonNullable<typeof e> => e !== null);
      const attributes = kind === 'rel-next' || kind === 'link-rel-next' ? ['[rel~="next"]'] : [];
      return { kind, selector: els.length > 0 ? selectorFor($, els, attributes) : null, urls: [...new Set(list.map((p) => p.url))] };
    }),
    listingLinks: listingGroups.length > 0 ? selectorFor($, listingGroups.flatMap((g) => g.links.map((l) => l.el))) : null,
    json: more.evidence ? { start: more.evidence, urlPattern: endpointPattern(more.urls[0]!) } : null,
  };
  return { reading: { profileUrls: [...profiles], listingUrls: [...listings], problems: [] }, evidence };
}

/** Cards that link by a data-* attribute instead of an anchor (`<div data-href="/annons/7">`), as script-driven pages do. */
function cardLinks($: CheerioAPI, page: string, base: string): PageLink[] {
  const index = pageIndex($);
  return dataUrls($, page, base)
    .filter((d) => /^data-(?:href|url|link|permalink|target-url|profile-url)$/i.test(d.attribute) && tagName(d.el) !== 'button')
    .map((d) => ({ d, text: inlineText([d.el]).slice(0, 200) }))
    .filter(({ text }) => !isNextText(text) && !isRevealText(text))
    .map(({ d, text }) => ({ el: d.el, url: d.url, text, chrome: (index.flags[index.pos.get(d.el) ?? 0]! & FLAG_CHROME) !== 0 }));
}


/**
 * The links a listing page (HTML, an HTML fragment, or a JSON answer) leads to, and the evidence
 * of how they were found. A page that cannot be read gives no links and says why in `problems`.
 */
export function readGenericListing(body: string, pageUrl: string, contentType = ''): GenericListing {
  const page = canonicalUrl(pageUrl);
  if (page === null) return { reading: { profileUrls: [], listingUrls: [], problems: [`not a web address: ${pageUrl}`] }, evidence: NO_EVIDENCE };
  const text = typeof body === 'string' ? body : '';
  if (looksJson(text, contentType)) return jsonListing(text, page);
  return htmlListing(text, page);
}
