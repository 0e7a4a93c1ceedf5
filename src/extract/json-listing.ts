// Reading a listing page that is JSON ("load more" buttons and infinite scroll fed by an API):
// which profiles it names and which page comes next. The answer comes from a site we do not
// trust, so every value is checked for its type and place before it becomes a request, and what
// is dropped is reported rather than skipped quietly.

import type { JsonListingSpec, SiteAdapter } from '../../crawlers/types.ts';
import { compilePattern } from './field.ts';
import { canonicalUrl } from './url.ts';

/** A JSON answer that cannot be read as the adapter describes it: a page error, not a crash. */
export class JsonReadError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'JsonReadError';
  }
}

/**
 * Entries read from one JSON page at most. A real page holds tens; a site answering a million
 * would otherwise fill the request queue with one answer.
 */
export const MAX_JSON_ITEMS = 1_000;
/** Longer strings are not URLs of ads (data: blobs, padding). */
const MAX_URL_CHARS = 2_000;

interface Segment {
  /** Property to read; null for a bare `[]` (the value itself is the array). */
  key: string | null;
  each: boolean;
}

const SEGMENT = /^([^[\]]*)(\[\])?$/;

/** The segments of a path; throws on a path an adapter should not have been written with. */
export function parseJsonPath(path: string): Segment[] {
  if (!path.trim()) throw new Error('empty JSON path');
  return path.split('.').map((part) => {
    const m = SEGMENT.exec(part.trim());
    if (!m || (m[1] === '' && !m[2])) throw new Error(`invalid JSON path ${JSON.stringify(path)} at ${JSON.stringify(part)}`);
    return { key: m[1] === '' ? null : m[1]!, each: m[2] !== undefined };
  });
}

function typeName(value: unknown): string {
  if (value === null) return 'null';
  if (value === undefined) return 'nothing';
  if (Array.isArray(value)) return 'an array';
  return typeof value === 'object' ? 'an object' : `a ${typeof value}`;
}

interface PathValues {
  values: unknown[];
  /** Elements of an array whose own part of the path did not fit (the item is bad, not the page). */
  skipped: number;
  /** Elements past MAX_JSON_ITEMS, not read. */
  cut: number;
}

/**
 * The values at a path. A mismatch before the first `[]` is the page's shape being wrong, and
 * throws; inside an array element it only skips that element. A missing property on the spine is
 * `undefined` (the caller decides whether absence is allowed).
 */
export function readJsonPath(data: unknown, path: string, limit = MAX_JSON_ITEMS): PathValues {
  const segments = parseJsonPath(path);
  const out: PathValues = { values: [], skipped: 0, cut: 0 };
  const walk = (value: unknown, i: number, inElement: boolean, at: string): void => {
    if (i === segments.length) {
      if (out.values.length >= limit) out.cut += 1;
      else out.values.push(value);
      return;
    }
    const seg = segments[i]!;
    let v = value;
    let here = at;
    if (seg.key !== null) {
      here = at ? `${at}.${seg.key}` : seg.key;
      if (v === null || typeof v !== 'object' || Array.isArray(v)) {
        if (inElement) return void (out.skipped += 1);
        throw new JsonReadError(`expected an object at ${at || 'the top'}, got ${typeName(v)}`);
      }
      // Own properties only: a path naming "constructor" or "__proto__" must not reach Object's.
      v = Object.prototype.hasOwnProperty.call(v, seg.key) ? (v as Record<string, unknown>)[seg.key] : undefined;
    }
    if (!seg.each) return walk(v, i + 1, inElement, here);
    if (!Array.isArray(v)) {
      if (inElement) return void (out.skipped += 1);
      throw new JsonReadError(`expected an array at ${here || 'the top'}, got ${typeName(v)}`);
    }
    for (const el of v) {
      if (out.values.length >= limit) {
        out.cut += 1;
        continue;
      }
      walk(el, i + 1, true, `${here}[]`);
    }
  };
  walk(data, 0, false, '');
  return out;
}

/** Parse a JSON answer, with an error that says what was wrong with it. */
export function parseJsonText(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch (error) {
    const start = text.trimStart().slice(0, 1);
    const hint = start === '<' ? ' (it looks like HTML)' : text.trim() === '' ? ' (empty answer)' : '';
    throw new JsonReadError(`not valid JSON${hint}: ${(error as Error).message}`);
  }
}

export interface JsonListingOptions {
  /**
   * Lower-case host or host:port values that count as the site (the crawl's allowed hosts).
   * Default: the page's own host.
   */
  allowedHosts?: readonly string[];
  /** Entries read per page; default MAX_JSON_ITEMS. */
  maxItems?: number;
}

export interface JsonListing {
  profileUrls: string[];
  listingUrls: string[];
  /** What the page held that was not used, one line each, for the site run's errors. */
  problems: string[];
}

function onSite(url: string, hosts: readonly string[]): boolean {
  const u = new URL(url);
  return hosts.includes(u.host.toLowerCase()) || hosts.includes(u.hostname.toLowerCase());
}

function countLine(what: string, counts: Map<string, number>): string | null {
  if (counts.size === 0) return null;
  const total = [...counts.values()].reduce((a, b) => a + b, 0);
  return `${total} ${what} not used: ${[...counts].map(([why, n]) => `${why} (${n})`).join(', ')}`;
}

function nextUrl(spec: NonNullable<JsonListingSpec['next']>, data: unknown, page: string, hosts: readonly string[]): { url: string | null; problem: string | null } {
  let value: unknown;
  try {
    value = readJsonPath(data, spec.path, 1).values[0];
  } catch (error) {
    // The profiles of the page are still good; only the way on is lost, and said so.
    return { url: null, problem: `next page at ${spec.path}: ${(error as Error).message}` };
  }
  if (value === undefined || value === null || value === '') return { url: null, problem: null };
  const where = `next page at ${spec.path}`;
  let url: string | null;
  if (spec.queryParam) {
    if (typeof value === 'number' ? !Number.isFinite(value) : typeof value !== 'string') {
      return { url: null, problem: `${where} is ${typeName(value)}, expected a number or a string` };
    }
    const text = String(value);
    if (text.length > MAX_URL_CHARS) return { url: null, problem: `${where} is too long (${text.length} characters)` };
    const u = new URL(page);
    u.searchParams.set(spec.queryParam, text);
    url = canonicalUrl(u.href);
  } else {
    if (typeof value !== 'string') return { url: null, problem: `${where} is ${typeName(value)}, expected a URL` };
    if (value.length > MAX_URL_CHARS) return { url: null, problem: `${where} is too long (${value.length} characters)` };
    url = canonicalUrl(value, page);
    if (url === null) return { url: null, problem: `${where} is not a web address` };
  }
  if (url === null) return { url: null, problem: `${where} gives no web address` };
  if (!onSite(url, hosts)) return { url: null, problem: `${where} points off the site: ${url}` };
  // A last page that names itself is a quirk, not news; following it would change nothing.
  if (url === page) return { url: null, problem: null };
  return { url, problem: null };
}

/**
 * Profile URLs and the next page of a JSON listing answer, absolute and canonical. Throws
 * JsonReadError when the answer is not JSON or not shaped as the adapter says; entries that do
 * not fit (not a string, not a web address, off-site, not a profile URL) are left out and
 * described in `problems`.
 */
export function extractJsonListing(adapter: SiteAdapter, text: string, pageUrl: string, options: JsonListingOptions = {}): JsonListing {
  const spec = adapter.listing.json;
  if (!spec) throw new JsonReadError(`adapter "${adapter.name}" has no listing.json`);
  const page = canonicalUrl(pageUrl);
  if (page === null) throw new JsonReadError(`not a web address: ${pageUrl}`);
  const hosts = (options.allowedHosts ?? [new URL(page).host]).map((h) => h.toLowerCase());
  const data = parseJsonText(text);
  const problems: string[] = [];

  // A missing or mistyped container (no `items` array) throws here: that is the page's shape.
  const found = readJsonPath(data, spec.profileUrls, options.maxItems ?? MAX_JSON_ITEMS);
  const pattern = adapter.profileUrlPattern ? compilePattern(adapter.profileUrlPattern) : null;
  const dropped = new Map<string, number>();
  const drop = (why: string, n = 1) => dropped.set(why, (dropped.get(why) ?? 0) + n);
  if (found.skipped > 0) drop(`no value at ${spec.profileUrls}`, found.skipped);
  const profiles = new Set<string>();
  for (const value of found.values) {
    if (value === undefined || value === null) drop('missing');
    else if (typeof value !== 'string') drop(`${typeName(value)} instead of a URL`);
    else if (value.length > MAX_URL_CHARS) drop('too long');
    else {
      const url = canonicalUrl(value, page);
      if (url === null) drop('not a web address');
      else if (!onSite(url, hosts)) drop('off the site');
      else if (pattern && !pattern.test(url)) drop('not a profile URL');
      else profiles.add(url);
    }
  }
  const line = countLine(`of the entries at ${spec.profileUrls}`, dropped);
  if (line) problems.push(line);
  if (found.cut > 0) problems.push(`${found.cut} entries at ${spec.profileUrls} beyond the first ${options.maxItems ?? MAX_JSON_ITEMS} not read`);

  const listingUrls: string[] = [];
  // A page that lists nothing ends the listing even if it names a next page: an API that
  // answers empty pages with ever-growing offsets would otherwise be followed to the page limit.
  if (spec.next && found.values.length + found.skipped + found.cut > 0) {
    const next = nextUrl(spec.next, data, page, hosts);
    if (next.problem) problems.push(next.problem);
    if (next.url) listingUrls.push(next.url);
  }
  return { profileUrls: [...profiles], listingUrls, problems };
}
