// Messaging-handle and e-mail candidates of a profile page. They are read from the same part of
// the page as phones (src/extract/phones.ts) for the same reason: a site's own support address
// in the footer would otherwise tie every profile of the site together. Only what names a
// contact is kept, cut from the text with the words that make it readable, so the rest of a
// description (names, personal details) stays out of the stored candidates.

import type { CheerioAPI } from 'cheerio';
import type { Element } from 'domhandler';
import type { PhoneSpec } from '../../crawlers/types.ts';
import type { RawContact } from '../model/profile.ts';
import { findContacts, findContactSpans, telegramFromLink } from '../normalise/contacts.ts';
import { FLAG_CHROME, outermost, pageIndex, pageRoots, selectAll, type PageIndex } from './dom.ts';
import { maskedText } from './text.ts';

// A profile names a contact or two; a page with more is a directory or an attack, and what it
// holds past this many says nothing more about the profile.
const MAX_CANDIDATES = 50;
const MAX_HREF_CHARS = 2_000;
// Cheap test before a URL parse: most links of a page are not Telegram's.
const TELEGRAM_HREF = /^\s*tg:|(?:^|[/.])(?:t\.me|telegram\.me|telegram\.dog)\b/i;

/** mailto: and Telegram links of the elements in roots, outside `excludeMask`. */
function linkContacts(index: PageIndex, roots: Element[], excludeMask: number): RawContact[] {
  const out: RawContact[] = [];
  for (const root of roots) {
    const r = index.pos.get(root);
    if (r === undefined) continue;
    for (let i = r; i <= index.end[r]! && out.length < MAX_CANDIDATES; i++) {
      if ((index.flags[i]! & excludeMask) !== 0) continue;
      const href = index.order[i]!.attribs?.href?.trim();
      if (!href || href.length > MAX_HREF_CHARS) continue;
      if (/^mailto:/i.test(href)) {
        if (findContacts([{ text: href, source: 'mailto-link' }]).length > 0) out.push({ text: href, source: 'mailto-link' });
      } else if (TELEGRAM_HREF.test(href) && telegramFromLink(href) !== null) {
        out.push({ text: href, source: 'telegram-link' });
      }
    }
  }
  return out;
}

/** Contacts in visible text, one candidate per contact, each cut from its line. */
export function textContacts(text: string): RawContact[] {
  const out: RawContact[] = [];
  for (const line of text.split('\n')) {
    for (const sp of findContactSpans(line)) {
      out.push({ text: line.slice(sp.contextStart, sp.end).trim(), source: 'text' });
      if (out.length >= MAX_CANDIDATES) return out;
    }
  }
  return out;
}

function dedupe(contacts: RawContact[]): RawContact[] {
  const seen = new Set<string>();
  return contacts
    .filter((c) => {
      const key = `${c.source}\u0000${c.text}`;
      if (seen.has(key)) return false;
      seen.add(key);
      return true;
    })
    .slice(0, MAX_CANDIDATES);
}

/**
 * Contact candidates of a page: mailto: and Telegram links, then visible text, from `spec.scope`
 * when the adapter names one, else from the page without its nav, header and footer. Phone
 * selectors (`spec.selectors`) do not narrow it: they point at the number, not at the profile.
 */
export function harvestContacts($: CheerioAPI, spec?: PhoneSpec): RawContact[] {
  const index = pageIndex($);
  const scoped = spec?.scope ? outermost(index, selectAll($, spec.scope)) : [];
  // An explicit scope is the adapter's word on what belongs to the profile; only the default
  // whole-page scope needs the site's chrome cut away.
  const roots = scoped.length > 0 ? scoped : pageRoots($);
  const chromeMask = scoped.length > 0 ? 0 : FLAG_CHROME;
  const links = linkContacts(index, roots, chromeMask);
  return dedupe([...links, ...textContacts(maskedText(index, roots, chromeMask))]);
}
