// Wording and noise every national layout shares: how a gender, an age or a number is written for
// a profile's style, and the site's own number that a footer shows and a crawler must not take.

import { esc } from '../../html.ts';
import { writePhone } from '../phones.ts';
import type { NationalContact, NationalGender, NationalProfile, NationalSite } from '../types.ts';

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

/**
 * The site's own mailbox (a reserved domain), beside its number wherever the site prints that:
 * outside every ad, so only the adapter's scope keeps it from being taken for an advertiser's.
 */
export function supportEmail(site: NationalSite): string {
  return `${site.language === 'sv' ? 'kundtjanst' : 'support'}@${slug(site.name) || 'site'}.example`;
}

export function supportLine(site: NationalSite): string {
  const label = site.language === 'sv' ? 'Kundtjänst' : 'Support';
  const mail = supportEmail(site);
  return `${label}: <a href="tel:${SITE_SUPPORT_NUMBER}">${esc(writePhone(SITE_SUPPORT_NUMBER, 0))}</a> · <a href="mailto:${esc(mail)}">${esc(mail)}</a>`;
}

// ---- photos ----

/**
 * One address per ad whether or not its photo is shared, so only the bytes can tie two ads (the
 * server resolves it to the ad's picture). Every layout uses it; the markup around it differs.
 */
export function photoPath(p: NationalProfile): string {
  return p.photo ? `/photos/${encodeURIComponent(p.externalId)}.jpg` : PLACEHOLDER_PATH;
}

/** The site's "no photo" image: one address for the whole site, outside every robots.txt Disallow. */
export const PLACEHOLDER_PATH = '/assets/no-photo.jpg';

export function photoAlt(p: NationalProfile): string {
  if (!p.photo) return p.language === 'sv' ? 'Ingen bild' : 'No photo';
  return p.language === 'sv' ? 'Annonsbild' : 'Profile photo';
}

// ---- contacts ----

/** Telegram names are case-insensitive: some ads capitalise theirs, the truth holds lower case. */
function shownName(name: string, style: number): string {
  return style % 3 === 1 ? name.charAt(0).toUpperCase() + name.slice(1) : name;
}

function telegramMarkup(name: string, sv: boolean, form: number): string {
  const n = esc(name);
  switch (form % 5) {
    case 0:
      return `<a class="tg" href="https://t.me/${esc(name.toLowerCase())}">https://t.me/${n}</a>`;
    case 1:
      return `Telegram: @${n}`;
    case 2:
      return `TG @${n}`;
    case 3:
      // The link alone says who: its text does not.
      return `<a class="tg" href="https://t.me/${esc(name.toLowerCase())}">${sv ? 'Skriv till mig på Telegram' : 'Message me on Telegram'}</a>`;
    default:
      return sv ? `Nås även på Telegram: @${n}` : `Also on Telegram: @${n}`;
  }
}

/** "a@b.example" with the @ and dots spelled out, as ads write them against address harvesters. */
function spelled(address: string, at: string, dot: string): string {
  const [local, domain = ''] = address.split('@');
  return `${local} ${at} ${domain.split('.').join(` ${dot} `)}`;
}

function emailMarkup(address: string, sv: boolean, form: number): string {
  const a = esc(address);
  switch (form % 6) {
    case 0:
      return `<a class="mail" href="mailto:${a}">${a}</a>`;
    case 1:
      return `${sv ? 'E-post' : 'Email'}: ${a}`;
    case 2:
      return esc(spelled(address, '[at]', '[dot]'));
    case 3:
      return esc(address.replace('@', '(at)'));
    case 4:
      return sv ? `Mejla: ${esc(spelled(address, 'snabel-a', 'punkt'))}` : `Email: ${esc(spelled(address, 'at', 'dot'))}`;
    default:
      return `<a class="mail" href="mailto:${a}">${sv ? 'Mejla mig' : 'Email me'}</a>`;
  }
}

function contactItem(c: NationalContact, p: NationalProfile, i: number): string {
  const sv = p.language === 'sv';
  const form = (p.style >>> 7) + i * 3;
  return c.kind === 'telegram' ? telegramMarkup(shownName(c.value, p.style >>> 3), sv, form) : emailMarkup(c.value, sv, form);
}

/**
 * The ad's Telegram names and e-mail addresses in the forms real ads write them: links, "@name",
 * "TG", obfuscated addresses. '' without contacts, so pages of ads without any are unchanged.
 */
export function contactMarkup(p: NationalProfile): string {
  return p.contacts.map((c, i) => contactItem(c, p, i)).join(' · ');
}

/** The contact line as a paragraph of its own (class `cls`), or '' without contacts. */
export function contactParagraph(p: NationalProfile, cls: string): string {
  const inner = contactMarkup(p);
  return inner ? `<p class="${cls}">${inner}</p>\n` : '';
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

const MONTHS_SHORT = {
  sv: ['jan', 'feb', 'mar', 'apr', 'maj', 'jun', 'jul', 'aug', 'sep', 'okt', 'nov', 'dec'],
  en: ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'],
} as const;

/** A reviewer's pseudonym that could pass for a Telegram username ("Kalle_K", "Gent_52"). */
const NICK = /^[A-Za-z][A-Za-z0-9_]{4,31}$/;

/**
 * Now and then a reviewer answers the one before with "@nick": an @-name that is no Telegram
 * username (no Telegram anywhere near it), for the contact extractor to leave alone.
 */
function mention(p: NationalProfile, i: number, sv: boolean): string {
  const previous = p.reviews[i - 1]?.author;
  if (!previous || !NICK.test(previous) || (p.style + i) % 3 !== 0) return '';
  return `<p class="review-mention">@${esc(previous)} ${sv ? 'håller med, precis så var det.' : 'agreed, that was my experience too.'}</p>\n`;
}

/**
 * The buyers' reviews of an ad, as review sites show them under the ad text: a heading, then one
 * element per review with pseudonym, date, stars and text. Empty on a site without reviews. The
 * section sits inside the ad's own container on purpose: review text names other ages and places
 * (and dates and prices), so an adapter must scope its fields and phones to keep it out.
 * `microdata` marks each review up as a schema.org Review, as sites with microdata do. Ends in a
 * newline, so a page without reviews is byte for byte what it was before review sections existed.
 */
export function reviewSection(site: NationalSite, p: NationalProfile, opts: { microdata?: boolean } = {}): string {
  if (!site.reviews) return '';
  const sv = site.language === 'sv';
  const md = opts.microdata === true;
  const items = p.reviews.map((r, i) => {
    const [y, m, d] = r.date.split('-').map(Number) as [number, number, number];
    // The date as people read it, with the machine form beside it as real review widgets give it.
    const shown = (p.style >>> 5) % 2 === 0 ? r.date : `${d} ${MONTHS_SHORT[sv ? 'sv' : 'en'][m - 1]} ${y}`;
    const stars = '★'.repeat(r.rating) + '☆'.repeat(5 - r.rating);
    return `<div class="review"${md ? ' itemprop="review" itemscope itemtype="https://schema.org/Review"' : ''}>
<div class="review-head"><span class="review-author"${md ? ' itemprop="author"' : ''}>${esc(r.author)}</span> <time datetime="${esc(r.date)}"${md ? ' itemprop="datePublished"' : ''}>${esc(shown)}</time> <span class="stars" title="${r.rating}/5"${md ? ' itemprop="reviewRating" itemscope itemtype="https://schema.org/Rating"' : ''}>${md ? `<meta itemprop="ratingValue" content="${r.rating}">` : ''}${stars}</span></div>
<p class="review-text"${md ? ' itemprop="reviewBody"' : ''}>${esc(r.text)}</p>
${mention(p, i, sv)}</div>`;
  });
  const none = `<p class="no-reviews">${sv ? 'Inga omdömen ännu.' : 'No reviews yet.'}</p>`;
  return `<section class="reviews" id="reviews">
<h2>${sv ? 'Omdömen' : 'Reviews'} (${p.reviews.length})</h2>
${items.length > 0 ? items.join('\n') : none}
</section>
`;
}
