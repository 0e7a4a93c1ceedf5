// Reading a profile page into a RawProfile: the adapter's fields and phones, as written.

import type { CheerioAPI } from 'cheerio';
import type { SiteAdapter } from '../../crawlers/types.ts';
import type { RawProfile } from '../model/profile.ts';
import { loadHtml } from './dom.ts';
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

/**
 * The profile on a page. Every field of the spec is present (null when not found). A page the
 * engine cannot read (garbage, absurd nesting) gives an empty profile rather than an error;
 * errors in an adapter's own `refine` are the adapter's and are not hidden.
 */
export function extractProfile(adapter: SiteAdapter, html: string, pageUrl: string): RawProfile {
  const url = canonicalUrl(pageUrl) ?? pageUrl;
  const $ = loadHtml(html);
  let found: RawProfile;
  try {
    found = fromSpec(adapter, $, url);
  } catch {
    found = { url, externalId: null, fields: emptyFields(adapter), phones: [] };
  }
  if (!adapter.refine) return found;
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    parsed = new URL('http://invalid.invalid/');
  }
  return adapter.refine(found, $, parsed);
}

/**
 * The URLs a profile page's "show number" buttons name (profile.phones.reveal), absolute and
 * canonical; which of them may be fetched is the crawler's call (it knows the site's hosts).
 */
export function revealUrls(adapter: SiteAdapter, html: string, pageUrl: string): string[] {
  const spec = adapter.profile.phones?.reveal;
  const page = canonicalUrl(pageUrl);
  if (!spec || page === null) return [];
  const $ = loadHtml(html);
  return attributeUrls($, spec, baseUrlOf($, page)).filter((u) => u !== page);
}
