// The words the generic reader knows: how ad sites in Swedish and English label a fact, say "next
// page", "show number" or "reviews". Cues are words and structure, never a site's class names,
// so that a site the project has never seen reads the same way. All entries are compared folded
// (lower case, no diacritics: src/extract/fold.ts).

import { fold } from '../fold.ts';

/** The facts the reader looks for under a label, and the labels each goes by (first = most usual). */
export const FIELD_LABELS = {
  age: ['Ålder', 'Age', 'Alder', 'Years', 'Years old', 'År', 'Född', 'Födelseår', 'Born', 'Birth year', 'Year of birth'],
  gender: ['Kön', 'Gender', 'Sex', 'Jag är', 'I am', 'Kategori', 'Category', 'Typ', 'Type'],
  location: [
    'Stad', 'Ort', 'Plats', 'Location', 'City', 'Område', 'Län', 'Region', 'Kommun', 'Stadsdel', 'Town', 'Area',
    'Bor i', 'Finns i', 'Based in', 'Located in', 'Adress', 'Address', 'Var', 'Where', 'Hemort', 'Base',
  ],
  phone: [
    'Telefon', 'Phone', 'Tel', 'Mobil', 'Mobile', 'Nummer', 'Number', 'Telefonnummer', 'Phone number', 'Mobilnummer',
    'Ring', 'Call', 'SMS', 'WhatsApp', 'Kontakt', 'Contact',
  ],
  externalId: ['Annons-ID', 'Annonsnummer', 'Annons nr', 'Annonsnr', 'Profil-ID', 'Profilnummer', 'Profile ID', 'Ad ID', 'Ad no', 'Listing ID', 'ID', 'Ref', 'Referens', 'Reference'],
} as const;

export type LabelledField = keyof typeof FIELD_LABELS;

/** Labels that name a birth date or year: their value is an age only with this word before it. */
export const BIRTH_LABELS = new Set(['fodd', 'fodelsear', 'born', 'birth year', 'year of birth']);

/**
 * Labels that hold a gender only sometimes (a category may be "Massage"): taken only when the value
 * reads as a gender.
 */
export const WEAK_GENDER_LABELS = new Set(['jag ar', 'i am', 'kategori', 'category', 'typ', 'type']);

/** Link texts that lead to the next listing page (folded, arrows and punctuation stripped). */
const NEXT_WORDS = new Set([
  'nasta', 'nasta sida', 'nasta sidan', 'fler', 'fler annonser', 'visa fler', 'visa fler annonser', 'ladda fler', 'mer', 'visa mer',
  'se fler', 'se mer', 'aldre', 'aldre annonser', 'aldre inlagg', 'fortsatt', 'framat', 'next', 'next page', 'more', 'more ads',
  'load more', 'show more', 'see more', 'view more', 'older', 'older ads', 'older posts', 'older entries', 'forward',
]);

/** Arrows that alone mean "next" ("»", "›", "→", ">>"). */
const NEXT_ARROWS = /^(?:»|›|→|>>?|⟩|⇒|▶|►|→|\u00bb\u00bb)$/u;

/** The text of a link with arrows and punctuation around its words removed, folded. */
function words(text: string): string {
  return fold(text)
    .replace(/[«»‹›←→<>⟨⟩⇐⇒▶►◀◄|·•…:.!?()[\]"'-]+/gu, ' ')
    .replace(/\s+/g, ' ')
    .trim();
}

/** Whether a link's text says "next page" / "more" in Swedish or English. */
export function isNextText(text: string): boolean {
  const t = text.replace(/\s+/g, ' ').trim();
  if (t === '' || t.length > 40) return false;
  if (NEXT_ARROWS.test(t)) return true;
  return NEXT_WORDS.has(words(t));
}

/** Whether a class, id, aria-label or title names a "next" control ("next", "pagination__next", "nav-next"). */
export function namesNext(value: string | undefined): boolean {
  if (!value) return false;
  return /(?:^|[\s_-])(?:next|nasta|nästa|older|more|load-?more|show-?more|fler)(?:$|[\s_-])/iu.test(value);
}

/** Button or link texts that reveal a phone number. */
export function isRevealText(text: string): boolean {
  const t = words(text);
  if (t === '' || t.length > 40) return false;
  return REVEAL_TEXT.test(t);
}

const REVEAL_TEXT =
  /^(?:(?:visa|se|show|reveal|view|get|klicka for|click for)\s+)?(?:mitt |my |the |hela |full )?(?:nummer|numret|telefonnummer|telefon|tel|number|phone|phone number|mobil|mobilnummer|mobile number)$|^(?:ring|call|sms|ring mig|call me|text me|ring nu|call now)$/;

/** data-* attribute names that hold a phone endpoint or a number. */
export const REVEAL_ATTRIBUTE = /phone|tel|number|nummer|reveal|mobil|contact|kontakt|call|ring/i;

/** data-* attribute names that hold a "load more" endpoint. */
export const ENDPOINT_ATTRIBUTE = /url|endpoint|href|api|next|more|load|page|feed|src|source|action|link/i;

/** Class or id words of a page's furniture outside an ad. */
export const FURNITURE_WORDS = /(?:^|[\s_-])(?:footer|sidfot|site-?footer|page-?footer|navbar|nav|menu|meny|breadcrumbs?|cookies?|sidebar|sidopanel|topbar|masthead|site-?header|page-?header|copyright|colophon|site-?info)(?:$|[\s_-])/i;

/** Class, id or heading words of a section of reviews or comments. */
export const REVIEW_WORDS = /review|omdom|omdöm|recension|kommentar|comment|feedback|testimonial|gastbok|gästbok|guestbook|betyg|erfarenhet|experiences?|rating/i;

/** Headings of review sections (folded, compared at the start of the heading). */
export const REVIEW_HEADING = /^(?:omdomen|omdome|recensioner|recension|kommentarer|kommentar|reviews?|comments?|feedback|testimonials?|gastbok|guestbook|betyg|ratings?|erfarenheter|experiences|vad (?:andra|kunder) (?:sager|tycker)|what (?:clients|customers|people) say)\b/;

/** Headings of blocks of other ads ("Liknande annonser", "Fler i Malmö", "Related ads"). */
export const RELATED_HEADING = /^(?:liknande|fler |andra annonser|relaterade|related|similar|more (?:ads|escorts|profiles|from)|other (?:ads|escorts|profiles)|you may also|du kanske ocksa|senaste annonser|nya annonser|latest)/;

/** File extensions of links that are never pages. */
export const NOT_A_PAGE = /\.(?:jpe?g|png|gif|webp|avif|svg|ico|bmp|tiff?|pdf|zip|gz|rar|7z|mp4|webm|mov|mp3|ogg|wav|css|js|mjs|json|xml|rss|atom|txt|woff2?|ttf|eot)$/i;

/** Texts of links to a site's listings, as a home page or menu names them. */
const LISTING_WORDS = new Set([
  'annonser', 'alla annonser', 'se alla annonser', 'visa alla annonser', 'senaste annonser', 'nya annonser', 'visa alla', 'se alla',
  'escorts', 'escorter', 'alla escorts', 'profiler', 'alla profiler', 'galleri', 'ads', 'all ads', 'latest ads', 'new ads',
  'all escorts', 'profiles', 'all profiles', 'browse', 'browse ads', 'listings', 'gallery', 'view all', 'see all', 'show all',
]);

/** Whether a link's text names a listing of the site's ads ("Alla annonser", "Escorts", "View all"). */
export function isListingText(text: string): boolean {
  const t = words(text);
  return t.length <= 30 && LISTING_WORDS.has(t);
}
