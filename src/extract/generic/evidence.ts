// What the generic reader found out about a site's pages, in the terms of a declarative adapter
// (crawlers/types.ts), so that a "probe" can suggest one: the URL pattern of profile links, the
// selectors of pagination and per-city links, the JSON listing spec, and for each field of a
// profile where it was read. Evidence describes one page; a probe combines several.

import type { FieldSpec, JsonListingSpec, UrlAttribute } from '../../../crawlers/types.ts';
import type { FieldSource } from '../../model/profile.ts';
import type { PaginationKind } from './pagination.ts';

/** Evidence of a listing page (HTML or a JSON answer of a listing API). */
export interface ListingEvidence {
  /**
   * Regular expression (a `profileUrlPattern`) matching the profile links the page was read to
   * have: the URL shape most of its profile links share. Null when it names none.
   */
  profileUrlPattern: string | null;
  /** CSS selector (a `listing.profileLinks`) matching the anchors of those links. */
  profileLinks: string | null;
  /**
   * Links to further pages of the listing, one entry per kind found: `link-rel-next` (<link
   * rel=next> in the head: `link[rel~="next"]`, which the engine follows like an anchor, as it
   * reads any matched element's href), `rel-next` (`a[rel~="next"]`), `next-text` (words: Nästa,
   * Next, Visa fler, »), `next-name` (a class, label or title saying next/more), `numbered` (page
   * numbers), `noscript` (a <noscript> fallback, selector null: the engine cannot read it).
   * `selector` matches the elements (a `listing.nextPage`); `urls` are what this page named.
   */
  pagination: { kind: PaginationKind; selector: string | null; urls: string[] }[];
  /** CSS selector of the per-city or per-category listing links (a `listing.listingLinks`). */
  listingLinks: string | null;
  /**
   * The JSON listing: on an HTML page, `start` (the "load more" button and its attribute) and a
   * `urlPattern` for the endpoint it names, with `profileUrls` empty until an answer is read; on a
   * JSON answer, `urlPattern`, `profileUrls` (the JSON path) and `next` (path, and the query
   * parameter an offset or cursor replaces). Null when the page has none.
   */
  json: Partial<JsonListingSpec> | null;
}

/**
 * Where one field of a profile was read, in the forms a FieldSpec can take. Exactly the members
 * that apply are set: `label` (a label lookup, with `selector` the scope it was found in),
 * `itemprop` (microdata; `selector` then names the element, `attr` its attribute), `jsonLdPath`
 * (a JSON-LD property path such as `Person.address.addressLocality`, which a FieldSpec cannot
 * express: a probe turns it into a note or a `refine`), `selector`/`attr`/`pattern` (a CSS
 * selector of the block the value is, or holds), `fromUrl` with `pattern` (read from the URL).
 */
export interface FieldEvidence {
  /** The same `{via, detail, confidence}` the reader stored in RawProfile.fieldSources. */
  source: FieldSource;
  label?: string;
  itemprop?: string;
  jsonLdPath?: string;
  selector?: string;
  attr?: string;
  pattern?: string;
  fromUrl?: boolean;
}

/** Evidence of a profile page. */
export interface ProfileEvidence {
  /** Per field key of RawProfile.fields (`age`, `gender`, `location`, `title`, `description`). */
  fields: Record<string, FieldEvidence>;
  externalId: FieldEvidence | null;
  /** CSS selector of the ad's own part (a `profile.phones.scope`). */
  phoneScope: string | null;
  /** Selectors of the parts left out of it: reviews, other ads, furniture. */
  excluded: string[];
  /** The "show number" button and the attribute naming its endpoint (a `profile.phones.reveal`). */
  reveal: UrlAttribute | null;
  /** The photo's element and attribute (a `profile.photo`). */
  photo: UrlAttribute | null;
}

/**
 * A FieldSpec that reads what the evidence describes, or null when none can (JSON-LD, meta tags
 * read by the reader itself, guesses from running text).
 */
export function fieldSpecOf(e: FieldEvidence): FieldSpec | null {
  if (e.fromUrl && e.pattern) return { fromUrl: true, pattern: e.pattern };
  if (e.label) return e.selector ? { label: e.label, selector: e.selector } : { label: e.label };
  if (e.selector) {
    const spec: FieldSpec = { selector: e.selector };
    if (e.attr) spec.attr = e.attr;
    if (e.pattern) spec.pattern = e.pattern;
    return spec;
  }
  return null;
}
