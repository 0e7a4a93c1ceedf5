// Wording and noise every national layout shares: how a gender, an age or a number is written for
// a profile's style, and the site's own number that a footer shows and a crawler must not take.

import { esc } from '../../html.ts';
import { writePhone } from '../phones.ts';
import type { NationalGender, NationalProfile, NationalSite } from '../types.ts';

/**
 * The site's own support line (Ofcom drama range, like every foreign number here). Profiles may
 * hold it too; only the adapter's scope decides that a footer's copy is not theirs.
 */
export const SITE_SUPPORT_NUMBER = '+442079460999';

const GENDER_WORDS: Record<'sv' | 'en', Record<NationalGender, readonly string[]>> = {
  sv: { woman: ['Kvinna', 'Tjej', 'Kvinnor'], man: ['Man', 'Kille', 'Män'], trans: ['Trans', 'Transkvinna', 'Transperson'] },
  en: { woman: ['Woman', 'Female', 'Girl'], man: ['Man', 'Male', 'Guy'], trans: ['Trans', 'Transgender', 'Trans woman'] },
};

export function genderWord(p: NationalProfile): string {
  const forms = GENDER_WORDS[p.language][p.gender];
  return forms[p.style % forms.length]!;
}

export function ageText(p: NationalProfile): string {
  if (p.age === null) return p.language === 'sv' ? 'Ej angiven' : 'Not given';
  const sv = [`${p.age}`, `${p.age} år`, `${p.age} år gammal`];
  const en = [`${p.age}`, `${p.age} years`, `${p.age} yo`];
  const forms = p.language === 'sv' ? sv : en;
  return forms[(p.style >>> 2) % forms.length]!;
}

/** The profile's numbers as the ad writes them, each with a tel: link when the style says so. */
export function phoneMarkup(p: NationalProfile): string {
  if (p.phones.length === 0) return p.language === 'sv' ? 'Endast meddelanden' : 'Messages only';
  return p.phones
    .map((e164, i) => {
      const shown = esc(writePhone(e164, p.style + i * 5));
      return (p.style >>> 4) % 2 === 0 ? `<a href="tel:${esc(e164)}">${shown}</a>` : `<span class="nr">${shown}</span>`;
    })
    .join(p.language === 'sv' ? ' eller ' : ' or ');
}

export function supportLine(site: NationalSite): string {
  const label = site.language === 'sv' ? 'Kundtjänst' : 'Support';
  return `${label}: <a href="tel:${SITE_SUPPORT_NUMBER}">${esc(writePhone(SITE_SUPPORT_NUMBER, 0))}</a>`;
}

export function disclaimer(site: NationalSite): string {
  return site.language === 'sv'
    ? 'Alla annonser på den här sajten är påhittade och genererade för test.'
    : 'Every ad on this site is made up and generated for testing.';
}

/** A short heading for an ad, from the description's first sentence. */
export function headline(p: NationalProfile): string {
  const first = p.description.split(/(?<=[.!?])\s/)[0] ?? p.description;
  return first.replace(/[.!?]$/, '');
}

/** Slug for a place name in a path: "Upplands Väsby" → "upplands-vasby". */
export function slug(text: string): string {
  return text
    .toLowerCase()
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-|-$/g, '');
}

export function pageSlice<T>(items: readonly T[], page: number, perPage: number): T[] {
  return items.slice((page - 1) * perPage, page * perPage);
}
