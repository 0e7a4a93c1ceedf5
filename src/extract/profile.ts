// Reading a profile page into a RawProfile: the adapter's fields and phones, as written.

import type { CheerioAPI } from 'cheerio';
import type { SiteAdapter, UrlAttribute } from '../../crawlers/types.ts';
import type { RawProfile } from '../model/profile.ts';
import { loadHtml, withSelectionsKept } from './dom.ts';
import { extractField } from './field.ts';
import { attributeUrls, baseUrlOf } from './listing.ts';
import { harvestContacts } from './contacts.ts';
import { harvestPhones } from './phones.ts';
import { canonicalUrl } from './url.ts';

function emptyFields(adapter: SiteAdapter): Record<string, string | null> {
  return Object.fromEntries(Object.keys(adapter.profile.fields).map((k) => [k, null]));
}

function fromSpec(adapter: SiteAdapter, $: CheerioAPI, url: string): RawProfile {
  const fields: Record<string, string | null> = {};
  for (const [key, spec] of Object.entries(adapter.profile.fields)) fields[key] = extractField($, spec, url);
  return {
    url,
    externalId: extractField($, adapter.profile.externalId, url),
    fields,
    phones: harvestPhones($, adapter.profile.phones),
    contacts: harvestContacts($, adapter.profile.phones),
  };
}

function readSpec(adapter: SiteAdapter, $: CheerioAPI, url: string, pageUrl: string): Omit<ProfilePage, 'raw'> & { found: RawProfile } {
  let found: RawProfile;
  try {
    found = fromSpec(adapter, $, url);
  } catch {
    found = { url, externalId: null, fields: emptyFields(adapter), phones: [] };
  }
  const page = canonicalUrl(pageUrl);
  const base = page === null ? null : baseUrlOf($, page);
  const linked = (spec: UrlAttribute | undefined) => (base === null ? [] : attributeUrls($, spec, base).filter((u) => u !== page));
  const reveals = linked(adapter.profile.phones?.reveal);
  // The first photo: the one the advertiser chose to lead with.
  const photo = linked(adapter.profile.photo)[0] ?? null;
  return { found, reveals, photo };
}

/** Everything the crawler needs from a profile page, read from one parse of it. */
export interface ProfilePage {
  raw: RawProfile;
  /** Same-site or not, the URLs the page's "show number" buttons name (the crawler filters hosts). */
  reveals: string[];
  /** The profile's photo URL, or null. */
  photo: string | null;
}

/**
 * The profile on a page. Every field of the spec is present (null when not found). A page the
 * engine cannot read (garbage, absurd nesting) gives an empty profile rather than an error;
 * errors in an adapter's own `refine` are the adapter's and are not hidden.
 */
export function extractProfile(adapter: SiteAdapter, html: string, pageUrl: string): RawProfile {
  return readProfilePage(adapter, html, pageUrl).raw;
}

export function readProfilePage(adapter: SiteAdapter, html: string, pageUrl: string): ProfilePage {
  const url = canonicalUrl(pageUrl) ?? pageUrl;
  const $ = loadHtml(html);
  // The spec only reads the page; the adapter's own refine, which might change it, comes after.
  const { found, reveals, photo } = withSelectionsKept($, () => readSpec(adapter, $, url, pageUrl));
  if (!adapter.refine) return { raw: found, reveals, photo };
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    parsed = new URL('http://invalid.invalid/');
  }
  return { raw: adapter.refine(found, $, parsed), reveals, photo };
}

/**
 * The URLs a profile page's "show number" buttons name (profile.phones.reveal), absolute and
 * canonical; which of them may be fetched is the crawler's call (it knows the site's hosts).
 */
export function revealUrls(adapter: SiteAdapter, html: string, pageUrl: string): string[] {
  return readProfilePage(adapter, html, pageUrl).reveals;
}
