// Which links of a page lead to profiles, learned from the page itself: the links of a listing
// that share one URL shape (`/annons/<id>`, `/escorts/<city>/<id>`, `profile.php?id=<n>`), many
// of them, in the page's content rather than its menus. A shape whose link texts are place names
// or categories is a set of per-city (per-category) listings instead. Nothing here knows a site:
// only URL structure, repetition and the words of the links.

import type { CheerioAPI } from 'cheerio';
import type { Element } from 'domhandler';
import { FLAG_CHROME, pageIndex, tagName } from '../dom.ts';
import { fold } from '../fold.ts';
import { inlineText } from '../text.ts';
import { canonicalUrl } from '../url.ts';
import { normaliseGender } from '../../normalise/gender.ts';
import { gazetteer } from '../../normalise/gazetteer.ts';
import { normaliseLocation } from '../../normalise/location.ts';
import { NOT_A_PAGE } from './vocabulary.ts';

/** A same-site link of a page, absolute and canonical. */
export interface PageLink {
  el: Element;
  url: string;
  /** The link's visible text on one line (the image's alt when it has none). */
  text: string;
  /** Inside the site's navigation, page header or footer. */
  chrome: boolean;
}

/** At most this many links of a page are read: a page with more is built to make the reader slow. */
export const MAX_LINKS = 3_000;

/** The anchors of a page that point to a page of the same host (not files, not mail or phone links). */
export function pageLinks($: CheerioAPI, page: string, base: string): PageLink[] {
  const index = pageIndex($);
  const host = new URL(page).host;
  const out: PageLink[] = [];
  for (let i = 0; i < index.order.length && out.length < MAX_LINKS; i++) {
    const el = index.order[i]!;
    const name = tagName(el);
    if (name !== 'a' && name !== 'area') continue;
    const href = el.attribs?.href;
    if (href === undefined || href.length > 2_000) continue;
    const url = canonicalUrl(href, base);
    if (url === null) continue;
    const u = new URL(url);
    if (u.host !== host || NOT_A_PAGE.test(u.pathname)) continue;
    let text = inlineText([el]);
    if (text === '') text = (el.attribs?.title ?? '').trim();
    out.push({ el, url, text: text.slice(0, 200), chrome: (index.flags[i]! & FLAG_CHROME) !== 0 });
  }
  return out;
}

/** A URL cut into the parts whose shape is compared. */
interface Shape {
  tokens: string[];
  trailing: boolean;
  query: string[];
}

/** `#` stands for a path segment holding digits (an id), keeping an extension such as `.html`. */
function segmentToken(segment: string): string {
  const m = /^(.*?)(\.[a-z]{2,5})?$/i.exec(segment);
  const stem = m?.[1] ?? segment;
  return /\d/.test(stem) ? `#${(m?.[2] ?? '').toLowerCase()}` : segment.toLowerCase();
}

export function urlShape(url: string): Shape {
  const u = new URL(url);
  const segments = u.pathname.split('/').filter((s) => s !== '');
  const query = u.search
    .slice(1)
    .split('&')
    // An empty parameter ("&sid=") says nothing of the page.
    .filter((p) => p !== '' && !p.endsWith('='))
    .map((p) => {
      const [name = '', value = ''] = p.split('=');
      return /\d/.test(value) ? `${name.toLowerCase()}=#` : `${name.toLowerCase()}=${value.toLowerCase()}`;
    })
    .sort();
  return { tokens: segments.map(segmentToken), trailing: u.pathname.length > 1 && u.pathname.endsWith('/'), query };
}

function keyOf(shape: Shape): string {
  return `/${shape.tokens.join('/')}${shape.trailing ? '/' : ''}${shape.query.length ? `?${shape.query.join('&')}` : ''}`;
}

/** The same shape with every id segment and the number of segments kept, literals loosened: the family of a profile URL. */
export function looseKey(url: string): string {
  const s = urlShape(url);
  return `${s.tokens.map((t) => (t.startsWith('#') ? t : '_')).join('/')}|${s.trailing}|${s.query.map((q) => q.split('=')[0]).join('&')}`;
}

/** A set of links of one URL shape. */
export interface LinkGroup {
  /** The shape, `*` where merged slugs vary and `#` where an id sits. */
  key: string;
  /** A regular expression (for `profileUrlPattern`) that every URL of the group matches. */
  pattern: string;
  links: PageLink[];
  /** Distinct URLs, in page order. */
  urls: string[];
  /** Some segment or parameter holds digits (an id). */
  idLike: boolean;
  /** Some segment is a slug that differs from link to link. */
  slugVar: boolean;
  /** Share of the links inside navigation, header or footer. */
  chromeShare: number;
  kind: 'profile' | 'listing' | 'other';
}

function escapeRegExp(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

function patternOf(tokens: readonly string[], trailing: boolean, query: readonly string[]): string {
  const path = tokens
    .map((t) => (t === '*' ? '[^/?#]+' : t.startsWith('#') ? `[^/?#]*\\d[^/?#]*${escapeRegExp(t.slice(1))}` : escapeRegExp(t)))
    .join('/');
  const checks = query
    .map((q) => {
      const [name = '', value = ''] = q.split('=');
      return `(?=(?:[^#]*&)?${escapeRegExp(name)}=${value === '#' ? '[^&#]*\\d' : `${escapeRegExp(value)}(?:&|$)`})`;
    })
    .join('');
  const tail = query.length > 0 ? `\\?${checks}[^#]*$` : '(?:\\?[^#]*)?$';
  return `^https?://[^/]+/${path}${trailing ? '/' : ''}${tail}`;
}

interface Bucket {
  tokens: string[];
  trailing: boolean;
  query: string[];
  links: PageLink[];
}

/**
 * Slugs that vary from link to link (`/escorts/<city>/<id>`, `/ads/<name>/`): buckets equal but
 * for one literal segment, two or more different ones, merge into one with `*` there. A segment
 * is merged only when another literal stays, so a menu's `/om`, `/faq`, `/login` never make a
 * shape, nor `/annonser/<slug>/` and `/kategori/<slug>/` one together.
 */
function mergeSlugs(buckets: Bucket[]): Bucket[] {
  let current = buckets;
  for (let round = 0; round < 2; round++) {
    const byWild = new Map<string, { position: number; members: Bucket[] }>();
    for (const b of current) {
      b.tokens.forEach((t, i) => {
        if (t === '*' || t.startsWith('#')) return;
        const rest = b.tokens.filter((x, j) => j !== i && x !== '*' && !x.startsWith('#'));
        if (rest.length === 0) return;
        const wild = [...b.tokens];
        wild[i] = '*';
        const key = `${i}|${keyOf({ tokens: wild, trailing: b.trailing, query: b.query })}`;
        const entry = byWild.get(key) ?? byWild.set(key, { position: i, members: [] }).get(key)!;
        entry.members.push(b);
      });
    }
    const merged = new Set<Bucket>();
    const out: Bucket[] = [];
    const candidates = [...byWild.values()].filter((e) => e.members.length >= 2).sort((a, b) => b.members.length - a.members.length);
    for (const { position, members } of candidates) {
      const free = members.filter((m) => !merged.has(m));
      if (free.length < 2) continue;
      for (const m of free) merged.add(m);
      const tokens = [...free[0]!.tokens];
      tokens[position] = '*';
      out.push({ tokens, trailing: free[0]!.trailing, query: free[0]!.query, links: free.flatMap((m) => m.links) });
    }
    if (merged.size === 0) return current;
    current = [...out, ...current.filter((b) => !merged.has(b))];
  }
  return current;
}

/** Answers kept per text: menus and cards repeat the same few hundred texts on every page of a site. */
const MEMO_MAX = 20_000;
const placeMemo = new Map<string, boolean>();

/** The text of a link (or a line) names a place and nothing else ("Göteborg", "Malmö C", "Sthlm"). */
export function isPlaceText(text: string): boolean {
  let known = placeMemo.get(text);
  if (known === undefined) {
    if (placeMemo.size >= MEMO_MAX) placeMemo.clear();
    known = placeText(text);
    placeMemo.set(text, known);
  }
  return known;
}

function placeText(text: string): boolean {
  const t = text.replace(/\(\d+\)|\d+\s*(?:annonser|ads)?$/iu, '').trim();
  if (t === '' || t.length > 40 || /\d/.test(t) || t.split(/\s+/).length > 4 || isCategoryText(t)) return false;
  // The whole text is a name the gazetteer knows as written (no spelling-mistake match: "Kvinna"
  // is a badge, not "Kinna"), or starts with the place it resolves to ("Malmö C").
  if (gazetteer().lookup(t).some((p) => p.kind !== 'nowhere' && !p.minor)) return true;
  const loc = normaliseLocation(t);
  if (loc.kommunCode === null && loc.lanCode === null) return false;
  const f = fold(t);
  const municipality = loc.kommunCode ? gazetteer().municipality(loc.kommunCode)?.name ?? null : null;
  return [loc.locality, municipality].some((n) => n !== null && f.startsWith(fold(n)));
}

/** The text of a link is a gender or category word alone ("Tjejer", "Escorts male"). */
export function isCategoryText(text: string): boolean {
  const t = text.replace(/\(\d+\)|\d+$/u, '').trim();
  return t !== '' && t.length <= 25 && t.split(/\s+/).length <= 3 && normaliseGender(t) !== 'unknown';
}

function classify(group: Omit<LinkGroup, 'kind'>): LinkGroup['kind'] {
  const texts = group.links.map((l) => l.text).filter((t) => t !== '');
  const named = texts.filter((t) => isPlaceText(t) || isCategoryText(t)).length;
  if (texts.length > 0 && named / texts.length >= (group.idLike ? 0.8 : 0.6) && group.urls.length >= 2) return 'listing';
  if (group.chromeShare > 0.5) return 'other';
  if (group.idLike) return 'profile';
  if (group.slugVar && (group.urls.length >= 3 || (group.urls.length >= 2 && group.chromeShare === 0))) return 'profile';
  return 'other';
}

/** The links of a page grouped by URL shape, largest group first. */
export function groupLinks(links: readonly PageLink[]): LinkGroup[] {
  const byKey = new Map<string, Bucket>();
  for (const link of links) {
    const shape = urlShape(link.url);
    const key = keyOf(shape);
    const b = byKey.get(key) ?? byKey.set(key, { ...shape, links: [] }).get(key)!;
    b.links.push(link);
  }
  return mergeSlugs([...byKey.values()])
    .map((b) => {
      const urls = [...new Set(b.links.map((l) => l.url))];
      const group = {
        key: keyOf(b),
        pattern: patternOf(b.tokens, b.trailing, b.query),
        links: b.links,
        urls,
        idLike: b.tokens.some((t) => t.startsWith('#')) || b.query.some((q) => q.endsWith('=#')),
        slugVar: b.tokens.includes('*'),
        chromeShare: b.links.filter((l) => l.chrome).length / b.links.length,
      };
      return { ...group, kind: classify(group) };
    })
    .sort((a, b) => b.urls.length - a.urls.length);
}
