// Phone candidates of a profile page. Numbers are what tie ads to each other and to the people
// behind them, so the harvest is wide (links, attributes, structured data, visible text) but
// confined to the profile: a site's own customer-service number in the footer would otherwise
// link every profile of the site into one "organisation".

import type { CheerioAPI } from 'cheerio';
import type { Element } from 'domhandler';
import type { PhoneSpec } from '../../crawlers/types.ts';
import type { RawPhone } from '../model/profile.ts';
import { FLAG_CHROME, loadHtml, outermost, pageIndex, pageRoots, selectAll, type PageIndex } from './dom.ts';
import { parseJsonText } from './json-listing.ts';
import { findPhoneSpans } from '../normalise/phone.ts';
import { phonesFromHref } from './phone-links.ts';
import { inlineText, maskedText } from './text.ts';
import { jsonLdBlocks } from './json-ld.ts';

// Long enough for a number spelled out in words ("noll sju noll ett sju fyra noll sex noll fem")
// or base64-encoded, short enough to pass over blobs.
const MAX_ATTR_CHARS = 120;

function digitCount(s: string): number {
  let n = 0;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c >= 48 && c <= 57) n++;
  }
  return n;
}

/** data-* names that announce a number. */
const PHONE_ATTR_NAME = /phone|tel|mobil|number|nummer|^nr$|whatsapp|sms|call|ring|kontakt|contact/i;
const BASE64 = /^(?:[A-Za-z0-9+/]{4}){2,}(?:[A-Za-z0-9+/]{2}==|[A-Za-z0-9+/]{3}=)?$/;

/**
 * A "show number" button's value hidden as base64 (data-phone="MDcwMTc0MDYwNQ=="), decoded when it
 * decodes to a short printable text with digits; else null.
 */
function fromBase64(value: string): string | null {
  if (!BASE64.test(value) || /^\d+$/.test(value)) return null;
  const decoded = Buffer.from(value, 'base64').toString('utf8');
  return /^[\x20-\x7E]{7,40}$/.test(decoded) && digitCount(decoded) >= 7 ? decoded : null;
}

/**
 * Candidates in data-* attributes: any value the phone reader finds a number in, as long as the
 * attribute is named for a phone or the value is nothing but that number (an unannounced value
 * with other text is an id, a timestamp or a blob more often than a phone).
 */
export function dataAttributePhones(el: Element): RawPhone[] {
  const out: RawPhone[] = [];
  for (const [name, raw] of Object.entries(el.attribs ?? {})) {
    if (!name.toLowerCase().startsWith('data-') || raw.length > MAX_ATTR_CHARS) continue;
    let value = raw.trim().replace(/^(?:tel|callto|sms):/i, '').trim();
    if (value === '') continue;
    const named = PHONE_ATTR_NAME.test(name.slice(5));
    if (named) value = fromBase64(value) ?? value;
    const spans = findPhoneSpans(value);
    if (spans.length === 0) continue;
    if (!named) {
      const rest = spans.reduce((acc, sp) => acc.slice(0, sp.contextStart) + ' '.repeat(sp.end - sp.contextStart) + acc.slice(sp.end), value);
      if (/[\p{L}\d]/u.test(rest)) continue;
    }
    out.push({ text: value, source: 'data-attribute' });
  }
  return out;
}

/**
 * Phone numbers in visible text, one candidate per number, each cut from the text as written
 * (with the word that makes it readable, as in "WhatsApp: 48512345679"). Reading a whole line
 * gives the reader the context that tells a number from a price, a date or an id; the cut keeps
 * the rest of the description (names, personal details) out of the stored candidates.
 */
export function textPhones(text: string): RawPhone[] {
  const out: RawPhone[] = [];
  for (const line of text.split('\n')) {
    for (const sp of findPhoneSpans(line)) out.push({ text: line.slice(sp.contextStart, sp.end).trim(), source: 'text' });
  }
  return out;
}

/** Structured data describing the site rather than the ad. */
const SITE_TYPES = new Set(['website', 'webpage', 'organization', 'corporation', 'onlinestore', 'searchaction']);
const SITE_KEYS = new Set(['publisher', 'provider', 'ispartof', 'sourceorganization', 'author', 'creator']);

function typesOf(obj: Record<string, unknown>): string[] {
  const t = obj['@type'];
  const list = Array.isArray(t) ? t : [t];
  return list.filter((x): x is string => typeof x === 'string').map((x) => x.toLowerCase());
}

/** `telephone` values in JSON-LD blocks, skipping the site's own organisation. */
export function jsonLdPhones($: CheerioAPI): RawPhone[] {
  const out: RawPhone[] = [];
  for (const data of jsonLdBlocks($)) {
    const stack: { value: unknown; depth: number }[] = [{ value: data, depth: 0 }];
    while (stack.length > 0) {
      const { value, depth } = stack.pop()!;
      if (depth > 32 || value === null || typeof value !== 'object') continue;
      if (Array.isArray(value)) {
        for (const v of value) stack.push({ value: v, depth: depth + 1 });
        continue;
      }
      const obj = value as Record<string, unknown>;
      if (typesOf(obj).some((t) => SITE_TYPES.has(t))) continue;
      for (const [key, v] of Object.entries(obj)) {
        if (SITE_KEYS.has(key.toLowerCase())) continue;
        if (key.toLowerCase() === 'telephone') {
          for (const t of Array.isArray(v) ? v : [v]) {
            if (typeof t === 'string' && t.trim() && digitCount(t) >= 7) out.push({ text: t.trim(), source: 'json-ld' });
          }
        } else {
          stack.push({ value: v, depth: depth + 1 });
        }
      }
    }
  }
  return out;
}

function dedupe(phones: RawPhone[]): RawPhone[] {
  const seen = new Set<string>();
  return phones.filter((p) => {
    const key = `${p.source}\u0000${p.text}`;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}

/** Links and data-* attributes of every element in roots (hidden ones too: "show number" buttons reveal them). */
function markupPhones(index: PageIndex, roots: Element[], excludeMask: number): RawPhone[] {
  const out: RawPhone[] = [];
  for (const root of roots) {
    const r = index.pos.get(root);
    if (r === undefined) continue;
    for (let i = r; i <= index.end[r]!; i++) {
      if ((index.flags[i]! & excludeMask) !== 0) continue;
      const el = index.order[i]!;
      const href = el.attribs?.href;
      if (href) out.push(...phonesFromHref(href));
      out.push(...dataAttributePhones(el));
    }
  }
  return out;
}

// A phone field is a line or two; a selector that matches a whole description is cut to numbers.
const MAX_FIELD_CHARS = 200;

/** Explicit selectors: links and attributes inside each match, and its text as a field. */
function selectedPhones($: CheerioAPI, selectors: readonly string[]): RawPhone[] {
  const index = pageIndex($);
  const out: RawPhone[] = [];
  const texts: RawPhone[] = [];
  for (const selector of selectors) {
    const els = outermost(index, selectAll($, selector));
    out.push(...markupPhones(index, els, 0));
    for (const el of els) {
      const text = inlineText([el]);
      // Read, not counted: a number in words or look-alike letters has no digits to count.
      const spans = findPhoneSpans(text);
      if (spans.length === 0) continue;
      if (text.length <= MAX_FIELD_CHARS) texts.push({ text, source: 'field' });
      else for (const sp of spans) texts.push({ text: text.slice(sp.contextStart, sp.end).trim(), source: 'field' });
    }
  }
  return dedupe([...out, ...texts]);
}

/**
 * Phone candidates of a page. With `spec.selectors`, only those elements are read. Otherwise
 * the scope (spec.scope, else the page without nav/header/footer) is harvested: contact links,
 * data-* attributes, then visible text; JSON-LD `telephone` is read from the whole page.
 */
export function harvestPhones($: CheerioAPI, spec?: PhoneSpec): RawPhone[] {
  if (spec?.selectors && spec.selectors.length > 0) return selectedPhones($, spec.selectors);
  const index = pageIndex($);
  const scoped = spec?.scope ? outermost(index, selectAll($, spec.scope)) : [];
  // An explicit scope is the adapter's word on what belongs to the profile; only the default
  // whole-page scope needs the site's chrome cut away.
  const roots = scoped.length > 0 ? scoped : pageRoots($);
  const chromeMask = scoped.length > 0 ? 0 : FLAG_CHROME;
  const links = markupPhones(index, roots, chromeMask);
  const text = textPhones(maskedText(index, roots, chromeMask));
  return dedupe([...links, ...jsonLdPhones($), ...text]);
}

// A reveal answer holds a number or two; more than this many values is not such an answer.
const MAX_REVEAL_VALUES = 100;

/** String and number leaves of a JSON value with the key they sit under, depth-bounded. */
function jsonLeaves(data: unknown): { key: string; text: string }[] {
  const out: { key: string; text: string }[] = [];
  const stack: { value: unknown; key: string; depth: number }[] = [{ value: data, key: '', depth: 0 }];
  while (stack.length > 0 && out.length < MAX_REVEAL_VALUES) {
    const { value, key, depth } = stack.pop()!;
    if (typeof value === 'string') out.push({ key, text: value });
    else if (typeof value === 'number' && Number.isFinite(value)) out.push({ key, text: String(value) });
    else if (value !== null && typeof value === 'object' && depth < 16) {
      const entries = Array.isArray(value) ? value.map((v) => [key, v] as const) : Object.entries(value);
      for (const [k, v] of entries.slice(0, MAX_REVEAL_VALUES).reverse()) stack.push({ value: v, key: k, depth: depth + 1 });
    }
  }
  return out;
}

/**
 * Phone candidates in what a "show number" endpoint answered. JSON is read value by value: when
 * some keys are named for a phone only those are read, so an ad id or a timestamp beside the
 * number is not taken for one; each value then goes through the same text reading as a page's
 * text. An HTML fragment is harvested like a page, anything else read as text. Throws
 * JsonReadError (json-listing.ts) for an answer that says it is JSON and is not.
 */
export function revealedPhones(body: string, contentType = ''): RawPhone[] {
  const type = contentType.toLowerCase();
  const trimmed = body.trim();
  const looksJson = /^[[{"]/.test(trimmed);
  if (type.includes('json') || (looksJson && !type.includes('html'))) {
    const leaves = jsonLeaves(parseJsonText(body));
    const named = leaves.filter((l) => PHONE_ATTR_NAME.test(l.key));
    const read = named.length > 0 ? named : leaves;
    return dedupe(read.flatMap((l) => textPhones(l.text.slice(0, 1_000))));
  }
  if (type.includes('html') || trimmed.startsWith('<')) return harvestPhones(loadHtml(body));
  return dedupe(textPhones(body));
}
