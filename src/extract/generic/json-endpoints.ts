// Endpoints a page names in data-* attributes ("load more" buttons fed by a JSON API, "show
// number" buttons), and reading a JSON listing answer without knowing its shape: the array of
// objects whose values are links to pages of the site, and the value that leads to the next
// answer (a URL, an offset or a cursor). What is inferred is written as a JsonListingSpec and read
// by the declarative engine (json-listing.ts), so that a suggested adapter reads the same.

import type { CheerioAPI } from 'cheerio';
import type { Element } from 'domhandler';
import type { JsonListingSpec, SiteAdapter, UrlAttribute } from '../../../crawlers/types.ts';
import { FLAG_CHROME, pageIndex, tagName } from '../dom.ts';
import { extractJsonListing, type JsonListing } from '../json-listing.ts';
import { inlineText } from '../text.ts';
import { canonicalUrl } from '../url.ts';
import { selectorFor } from './selectors.ts';
import { ENDPOINT_ATTRIBUTE, NOT_A_PAGE, REVEAL_ATTRIBUTE, isNextText, isRevealText, namesNext } from './vocabulary.ts';

/** A same-site URL an element names in a data-* attribute. */
export interface DataUrl {
  el: Element;
  attribute: string;
  url: string;
}

const URL_LIKE = /^(?:https?:\/\/|\/(?!\/)|\.\.?\/|\?)/i;
const IMAGE = /\.(?:jpe?g|png|gif|webp|avif|svg|ico|bmp)(?:[?#]|$)/i;
const MEDIA_TAGS = new Set(['img', 'picture', 'source', 'video', 'audio', 'iframe', 'link', 'script']);

/** data-* attributes holding a same-site URL, in page order (images and media left out). */
export function dataUrls($: CheerioAPI, page: string, base: string, within?: (el: Element) => boolean): DataUrl[] {
  const index = pageIndex($);
  const host = new URL(page).host;
  const out: DataUrl[] = [];
  for (let i = 0; i < index.order.length && out.length < 500; i++) {
    const el = index.order[i]!;
    if (MEDIA_TAGS.has(tagName(el)) || (within && !within(el))) continue;
    for (const [name, value] of Object.entries(el.attribs ?? {})) {
      if (!name.startsWith('data-') || value.length > 2_000 || !URL_LIKE.test(value.trim()) || IMAGE.test(value)) continue;
      const url = canonicalUrl(value, base);
      if (url === null || url === page || new URL(url).host !== host) continue;
      out.push({ el, attribute: name, url });
    }
  }
  return out;
}

function describe($: CheerioAPI, found: readonly DataUrl[]): UrlAttribute | null {
  const first = found[0];
  if (!first) return null;
  const els = found.filter((f) => f.attribute === first.attribute).map((f) => f.el);
  const selector = selectorFor($, els, [`[${first.attribute}]`]);
  return selector ? { selector, attribute: first.attribute } : null;
}

/** "Load more" buttons of a listing that name the next page of a JSON (or HTML fragment) listing. */
export function loadMoreEndpoints($: CheerioAPI, page: string, base: string): { urls: string[]; evidence: UrlAttribute | null } {
  const index = pageIndex($);
  const found = dataUrls($, page, base).filter((d) => {
    if (REVEAL_ATTRIBUTE.test(d.attribute.slice(5)) && !ENDPOINT_ATTRIBUTE.test(d.attribute.slice(5))) return false;
    const text = inlineText([d.el]);
    if (isRevealText(text)) return false;
    const chrome = (index.flags[index.pos.get(d.el) ?? 0]! & FLAG_CHROME) !== 0;
    return !chrome && (isNextText(text) || namesNext(d.el.attribs?.class) || ENDPOINT_ATTRIBUTE.test(d.attribute.slice(5)));
  });
  return { urls: [...new Set(found.map((f) => f.url))], evidence: describe($, found) };
}

/**
 * "Show number" buttons that name a same-site endpoint answering the number: the button's text
 * or the attribute's name says phone/number/reveal. `within` limits them to the ad's own part.
 */
export function revealEndpoints($: CheerioAPI, page: string, base: string, within?: (el: Element) => boolean): { urls: string[]; evidence: UrlAttribute | null } {
  const found = dataUrls($, page, base, within).filter((d) => REVEAL_ATTRIBUTE.test(d.attribute.slice(5)) || isRevealText(inlineText([d.el])));
  return { urls: [...new Set(found.map((f) => f.url))], evidence: describe($, found) };
}

// ---- JSON answers ----

type Json = unknown;

interface Candidate {
  path: string;
  urls: number;
  score: number;
}

const URL_KEY = /^(?:url|href|link|permalink|path|uri|profile_?url|profileurl|ad_?url|adurl|canonical|web_?url|page_?url|self)$/i;
const NOT_PROFILE_KEY = /image|img|photo|thumb|avatar|picture|src|icon|logo|api|json|next|prev/i;
const MAX_DEPTH = 6;

/** Whether a JSON string value reads as a link to a page of the site. */
function pageUrlValue(value: unknown, page: string): boolean {
  if (typeof value !== 'string' || value.length > 2_000 || /\s/.test(value.trim())) return false;
  if (!URL_LIKE.test(value) && !/^[\w-]+\/[\w./?=&-]+$/.test(value)) return false;
  const url = canonicalUrl(value, page);
  if (url === null) return false;
  const u = new URL(url);
  return u.host === new URL(page).host && !NOT_A_PAGE.test(u.pathname);
}

/** String leaves of an array element, with their path inside it (two levels at most). */
function leaves(item: Json, prefix = '', depth = 0): { path: string; value: unknown }[] {
  if (item === null || typeof item !== 'object' || Array.isArray(item)) return [];
  const out: { path: string; value: unknown }[] = [];
  for (const [k, v] of Object.entries(item as Record<string, Json>)) {
    if (!/^[\w$@-]+$/.test(k)) continue;
    const path = prefix ? `${prefix}.${k}` : k;
    if (v !== null && typeof v === 'object' && !Array.isArray(v)) {
      if (depth < 1) out.push(...leaves(v, path, depth + 1));
    } else out.push({ path, value: v });
  }
  return out;
}

/** Every array of objects in the answer, with its path (`items[]`, `data.results[]`, `[]`). */
function arraysOf(data: Json): { path: string; items: Json[] }[] {
  const out: { path: string; items: Json[] }[] = [];
  const stack: { value: Json; path: string; depth: number }[] = [{ value: data, path: '', depth: 0 }];
  while (stack.length > 0 && out.length < 100) {
    const { value, path, depth } = stack.pop()!;
    if (depth > MAX_DEPTH || value === null || typeof value !== 'object') continue;
    if (Array.isArray(value)) {
      const here = path ? `${path}[]` : '[]';
      if (value.some((v) => v !== null && typeof v === 'object' && !Array.isArray(v))) out.push({ path: here, items: value.slice(0, 1_000) });
      continue;
    }
    for (const [k, v] of Object.entries(value as Record<string, Json>)) {
      if (/^[\w$@-]+$/.test(k)) stack.push({ value: v, path: path ? `${path}.${k}` : k, depth: depth + 1 });
    }
  }
  return out;
}

/** The path to the profile URLs of a JSON listing answer (`items[].url`), or null. */
export function profileUrlPath(data: Json, page: string): string | null {
  let best: Candidate | null = null;
  for (const { path, items } of arraysOf(data)) {
    const counts = new Map<string, number>();
    for (const item of items) for (const leaf of leaves(item)) if (pageUrlValue(leaf.value, page)) counts.set(leaf.path, (counts.get(leaf.path) ?? 0) + 1);
    for (const [leafPath, n] of counts) {
      const last = leafPath.split('.').pop()!;
      if (n < Math.max(1, items.length * 0.5)) continue;
      const score = n + (URL_KEY.test(last) ? items.length : 0) - (NOT_PROFILE_KEY.test(leafPath) ? 2 * items.length : 0);
      if (best === null || score > best.score) best = { path: `${path}.${leafPath}`, urls: n, score };
    }
  }
  return best && best.score > 0 ? best.path : null;
}

const NEXT_KEY = /^(?:next|next_?url|next_?page(?:_?url)?|next_?link|next_?href|next_?offset|next_?cursor|next_?token|next_?page_?token|cursor|end_?cursor|after|continuation|continuation_?token|more_?url)$/i;
const CONTAINER_KEY = /^(?:paging|pagination|page_?info|pageinfo|meta|links|_links|cursor|cursors|nav)$/i;

/** Where the next answer is named: a top-level key, or one inside a paging object (`paging.next`). */
function nextPath(data: Json): { path: string; value: unknown } | null {
  if (data === null || typeof data !== 'object' || Array.isArray(data)) return null;
  const top = data as Record<string, Json>;
  const look = (obj: Record<string, Json>, prefix: string): { path: string; value: unknown } | null => {
    for (const [k, v] of Object.entries(obj)) {
      if (!NEXT_KEY.test(k)) continue;
      if (v !== null && typeof v === 'object' && !Array.isArray(v)) {
        const href = (v as Record<string, Json>).href ?? (v as Record<string, Json>).url;
        if (typeof href === 'string') return { path: `${prefix}${k}.${'href' in (v as object) ? 'href' : 'url'}`, value: href };
        continue;
      }
      return { path: `${prefix}${k}`, value: v };
    }
    return null;
  };
  const direct = look(top, '');
  if (direct) return direct;
  for (const [k, v] of Object.entries(top)) {
    if (CONTAINER_KEY.test(k) && v !== null && typeof v === 'object' && !Array.isArray(v)) {
      const inner = look(v as Record<string, Json>, `${k}.`);
      if (inner) return inner;
    }
  }
  return null;
}

const OFFSET_PARAMS = ['offset', 'start', 'skip', 'from', 'page', 'p', 'pg', 'sida'];
const CURSOR_PARAMS = ['cursor', 'after', 'token', 'continuation', 'page_token', 'pageToken', 'next'];

/** The query parameter an offset or a cursor value replaces, chosen from the URL that was read. */
function queryParamFor(key: string, value: unknown, page: string): string {
  const params = [...new URL(page).searchParams.keys()];
  const k = key.split('.').pop()!.toLowerCase().replace(/^next_?/, '');
  if (k && params.includes(k)) return k;
  const pool = typeof value === 'number' || /^\d+$/.test(String(value)) ? [...OFFSET_PARAMS, ...CURSOR_PARAMS] : [...CURSOR_PARAMS, ...OFFSET_PARAMS];
  const found = pool.find((p) => params.includes(p));
  if (found) return found;
  if (k && /^[a-z_]+$/.test(k)) return k;
  return typeof value === 'number' ? 'offset' : 'cursor';
}

/** A `urlPattern` for a JSON endpoint: its path (digits loosened, `/api/v2/` → `/api/v\d+/`), any query. */
export function endpointPattern(url: string): string {
  const path = new URL(url).pathname.replace(/[.*+?^${}()|[\]\\]/g, '\\$&').replace(/\d+/g, '\\d+');
  return `^https?://[^/]+${path}(?:\\?|$)`;
}

/**
 * The JsonListingSpec a JSON listing answer fits: its URL's path as `urlPattern`, the path to its
 * profile URLs, and the way on (a URL, or an offset or cursor for a query parameter). Null when
 * the answer names no links to pages of the site.
 */
export function inferJsonListingSpec(data: Json, page: string): JsonListingSpec | null {
  const profileUrls = profileUrlPath(data, page);
  if (profileUrls === null) return null;
  const spec: JsonListingSpec = { urlPattern: endpointPattern(page), profileUrls };
  const next = nextPath(data);
  if (next) {
    const v = next.value;
    const isUrl = typeof v === 'string' && URL_LIKE.test(v);
    spec.next = isUrl || v === null || v === undefined || typeof v === 'boolean' ? { path: next.path } : { path: next.path, queryParam: queryParamFor(next.path, v, page) };
  }
  return spec;
}

/** A JSON listing answer read with an inferred spec through the declarative engine. */
export function readJsonListing(data: Json, text: string, page: string): { listing: JsonListing; spec: JsonListingSpec } | null {
  const spec = inferJsonListingSpec(data, page);
  if (spec === null) return null;
  const adapter: SiteAdapter = { name: 'generic', description: '', render: 'http', listing: { profileLinks: '', json: spec }, profile: { fields: {} } };
  return { listing: extractJsonListing(adapter, text, page), spec };
}

/** HTML fragments a JSON answer carries (`{"html": "<div>…"}`), as some "load more" APIs answer. */
export function htmlFragments(data: Json): string[] {
  const out: string[] = [];
  const stack: { value: Json; depth: number }[] = [{ value: data, depth: 0 }];
  while (stack.length > 0 && out.length < 20) {
    const { value, depth } = stack.pop()!;
    if (typeof value === 'string') {
      if (value.length > 20 && /^\s*</.test(value) && /<a\s/i.test(value)) out.push(value);
    } else if (value !== null && typeof value === 'object' && depth < MAX_DEPTH) {
      for (const v of Object.values(value as Record<string, Json>)) stack.push({ value: v, depth: depth + 1 });
    }
  }
  return out;
}
