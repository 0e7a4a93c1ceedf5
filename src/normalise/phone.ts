// Phone numbers in ad text: de-obfuscate, cut digit runs into groups, and choose the numbers that
// libphonenumber-js (full metadata, so types are known) says are valid. A number found here is an
// investigative lead that ties profiles together, so a price or a date taken for a number costs
// more than a missed number: every rule below leans towards leaving digits alone.
//
// Cost: libphonenumber is called only for digit strings of a plausible length that start like a
// number (trunk 0, "+", "00", the home country code, or after a phone word), results are cached,
// and every regular expression is linear, so megabyte pages of digits stay cheap.

import {
  getCountryCallingCode,
  parsePhoneNumberFromString,
  type CountryCode,
  type PhoneNumber,
} from 'libphonenumber-js/max';
import type { PhoneInfo, PhoneType, RawPhone } from '../model/profile.ts';
import { deobfuscate, rewrite, type TrackedText } from './deobfuscate.ts';
import { GROUP_SEP } from './digit-words.ts';
import { remember } from './remember.ts';

export interface FoundPhone {
  e164: string;
  country: string | null;
  type: PhoneType;
}

/** A number and where it was written. */
export interface PhoneSpan extends FoundPhone {
  /** Span of the number in the original text. */
  start: number;
  end: number;
  /**
   * Where the words the reading depends on begin ("WhatsApp: 48512345679", "polskt nr 512 345
   * 678"): text from here to `end` reads as the same number on its own. Equals `start` otherwise.
   */
  contextStart: number;
}

// Digits as written (trunk or country prefix included) and national significant digits.
const MIN_WRITTEN_DIGITS = 8;
const MIN_NATIONAL_DIGITS = 7;
// A country code without "+" or "00" could be anything; only a full-length number counts.
const MIN_BARE_INTERNATIONAL = 10;
const MAX_INTERNATIONAL = 15;
const MAX_NATIONAL = 12;

// Shapes that look like numbers but are dates, clock times or Swedish personal identity numbers.
// They are blanked out before the scan. The look-arounds keep them from firing inside a dotted
// phone number ("031-12.12.12").
const NOT_AFTER = String.raw`(?<!\d[-./]?)`;
const NOT_BEFORE = String.raw`(?![-./]?\d)`;
const DAY = String.raw`(?:0?[1-9]|[12]\d|3[01])`;
const MONTH = String.raw`(?:0?[1-9]|1[0-2])`;
const HOUR = String.raw`(?:[01]?\d|2[0-4])`;
// Words that announce opening hours: "Öppet 08-17" is a time range, not Stockholm.
const TIME_CUE = String.raw`(?<!\p{L})(?:kl|klockan|öppet|oppet|öppettider|open|tider|tid|mellan|between|hours|dagligen|daily|vardagar|helger|mån-fre|mon-fri|alla dagar|every day)\.?:?[ \t]{0,3}`;
const NON_PHONE_SHAPES: RegExp[] = [
  // 2025-11-23, 2025.11.23, 2025/11/23
  new RegExp(`${NOT_AFTER}(?:19|20)\\d{2}([-./])${MONTH}\\1${DAY}${NOT_BEFORE}`, 'g'),
  // 23.11.2025, 23/11/25, 01-12-2025
  new RegExp(`${NOT_AFTER}${DAY}([-./])${MONTH}\\1(?:19|20)?\\d{2}${NOT_BEFORE}`, 'g'),
  // 07 03 2025, only with the year in full and not inside a spaced number ("070 174 06 05 2000:-")
  new RegExp(`(?<!\\d[-./ ]?)${DAY} ${MONTH} (?:19|20)\\d{2}(?![-./ ]?\\d)`, 'g'),
  // 23/11-25, 23/11 -2025 (Swedish)
  new RegExp(`${NOT_AFTER}${DAY}/${MONTH}[ ]?-(?:19|20)?\\d{2}${NOT_BEFORE}`, 'g'),
  // 10:00, 10.00-22.00, 8.30 - 17
  new RegExp(`${NOT_AFTER}${HOUR}[:.][0-5]\\d(?:\\s{0,3}-\\s{0,3}${HOUR}(?:[:.][0-5]\\d)?)?${NOT_BEFORE}`, 'g'),
  // 0800-2300
  new RegExp(`${NOT_AFTER}(?:[01]\\d|2[0-3])[0-5]\\d\\s?-\\s?(?:[01]\\d|2[0-4])[0-5]\\d${NOT_BEFORE}`, 'g'),
  // kl 10, kl. 9-21
  /(?<!\p{L})kl\.?\s{0,3}\d{1,2}(?:[:.]\d{2})?(?:\s{0,3}-\s{0,3}\d{1,2}(?:[:.]\d{2})?)?/giu,
  // Öppet 08-17, tider 10 - 22. The digit look-ahead goes first so that the costly look-behind is
  // tried only where a number starts rather than at every position of the text.
  new RegExp(`(?=\\d)(?<=${TIME_CUE})${HOUR}[ \\t]{0,2}-[ \\t]{0,2}${HOUR}(?!\\d)`, 'giu'),
  // Personal identity number: YYMMDD-NNNN, YYYYMMDD-NNNN (day + 60 for coordination numbers)
  new RegExp(`${NOT_AFTER}(?:19|20)?\\d{2}(?:0[1-9]|1[0-2])(?:0[1-9]|[12]\\d|3[01]|[6-8]\\d|9[01])[-+]\\d{4}${NOT_BEFORE}`, 'g'),
];
// What masked text becomes: no digit, letter, separator or cue.
const BLANK = '\u0001';

const RUN = new RegExp(String.raw`\+?\d+(?:${GROUP_SEP}\+?\d+)*`, 'g');
const GROUP = /\+?\d+/g;

// Just before a number: says the digits are an id, an account or a code, not a phone.
const ID_CUE = new RegExp(
  String.raw`(?:(?<!\p{L})(?:id|ref|referens|ocr|pin|kod|code|iban|bic|swift|pnr|personnummer|postnummer|postnr|zip|bankgiro|bg|plusgiro|pg|clearing(?:nr|nummer)?|konto(?:nr|nummer)?|account|momsnr|orgnr)` +
    String.raw`|#` +
    String.raw`|(?<!\p{L})(?:annons|profil|kund|order|medlems?|artikel|art|boknings?|faktura|org|objekt|ärende|arende|ad|listing|member|user|booking|invoice|reg)[\s.-]?(?:nr|nummer|no|number|id))` +
    String.raw`\s{0,3}[:.]?\s{0,3}$`,
  'iu',
);
// Just after: a price.
// (A currency sign followed by digits is the next price's, as in "070-174 06 05 € 200".)
const PRICE_AFTER = /^[ \t]?(?:kr\b|kronor|sek\b|:-|,-|:–|(?:€|\$)(?![ \t]?\d)|eur\b|euro|usd\b|nok\b|dkk\b|spänn|lax\b)/i;
// Just before: says the digits are a phone, so a country code without "+" may be read as one.
const PHONE_CUE = new RegExp(
  String.raw`(?:(?<!\p{L})(?:tel|tfn|tele|telefon|telefonnummer|phone|mob|mobil|mobile|mobilnummer|cell|ring|ringa|call|sms|sms:a|text|whats\s?app|wapp|wa|viber|telegram|signal` +
    String.raw`|nr|nummer|number|numret|kontakt|contact|nås på|reach me)|☎|📞|📱|📲|✆|☏)[^\p{L}\d]{0,5}$`,
  'iu',
);

// Country words that, right before "nummer"/"number", say which country a national-format
// number belongs to ("polskt nummer 512 345 678", "Thai number 081 234 5678").
const COUNTRY_WORDS: [RegExp, CountryCode][] = [
  [/^(?:polsk[at]?|polish|poland|polen)$/, 'PL'],
  [/^(?:rumänsk[at]?|rumansk[at]?|romanian|romania|rumänien)$/, 'RO'],
  [/^(?:thai|thailändsk[at]?|thailand)$/, 'TH'],
  [/^(?:ukrainsk[at]?|ukrainian|ukraine|ukraina)$/, 'UA'],
  [/^(?:nigeriansk[at]?|nigerian|nigeria)$/, 'NG'],
  [/^(?:spansk[at]?|spanish|spain|spanien)$/, 'ES'],
  [/^(?:colombiansk[at]?|colombian|colombia)$/, 'CO'],
  [/^(?:tysk[at]?|german|germany|tyskland)$/, 'DE'],
  [/^(?:norsk[at]?|norwegian|norway|norge)$/, 'NO'],
  [/^(?:dansk[at]?|danish|denmark|danmark)$/, 'DK'],
  [/^(?:finsk[at]?|finnish|finland)$/, 'FI'],
  [/^(?:litauisk[at]?|lithuanian|lithuania|litauen)$/, 'LT'],
  [/^(?:lettisk[at]?|latvian|latvia|lettland)$/, 'LV'],
  [/^(?:estnisk[at]?|estonian|estonia|estland)$/, 'EE'],
  [/^(?:ungersk[at]?|hungarian|hungary|ungern)$/, 'HU'],
  [/^(?:bulgarisk[at]?|bulgarian|bulgaria|bulgarien)$/, 'BG'],
  [/^(?:ryska|ryskt|rysk|russian|russia|ryssland)$/, 'RU'],
  [/^(?:brasiliansk[at]?|brazilian|brazil|brasilien)$/, 'BR'],
  [/^(?:venezuelansk[at]?|venezuelan|venezuela)$/, 'VE'],
  [/^(?:dominikansk[at]?|dominican)$/, 'DO'],
  [/^(?:kinesisk[at]?|chinese|china|kina)$/, 'CN'],
  [/^(?:vietnamesisk[at]?|vietnamese|vietnam)$/, 'VN'],
  [/^(?:filippinsk[at]?|filipino|philippine|philippines|filippinerna)$/, 'PH'],
  [/^(?:brittisk[at]?|engelsk[at]?|british|english|uk)$/, 'GB'],
  [/^(?:fransk[at]?|french|france|frankrike)$/, 'FR'],
  [/^(?:italiensk[at]?|italian|italy|italien)$/, 'IT'],
  [/^(?:grekisk[at]?|greek|greece|grekland)$/, 'GR'],
  [/^(?:moldavisk[at]?|moldovan|moldova|moldavien)$/, 'MD'],
  [/^(?:albansk[at]?|albanian|albania|albanien)$/, 'AL'],
  [/^(?:serbisk[at]?|serbian|serbia|serbien)$/, 'RS'],
  [/^(?:holländsk[at]?|nederländsk[at]?|dutch|netherlands|holland)$/, 'NL'],
  [/^(?:tjeckisk[at]?|czech|tjeckien)$/, 'CZ'],
  [/^(?:slovakisk[at]?|slovak|slovakia|slovakien)$/, 'SK'],
  [/^(?:kenyansk[at]?|kenyan|kenya)$/, 'KE'],
  [/^(?:ghanansk[at]?|ghanaian|ghana)$/, 'GH'],
];
// The country word is followed by a number word ("polskt nr") or stands alone before a colon
// ("Romanian: 0744 …"); a bare "Thai 070 …" describes the woman, not the number.
const COUNTRY_CUE =
  /(?<!\p{L})(\p{L}{2,16})(?:[ \t-]{0,2}(?:mobil|mobile|telefon|phone|tel|whatsapp)?[ \t-]{0,2}(?:nummer|nr|number|no|tel|telefon|phone|mobil|mobile|sim|kort|whatsapp)\.?[^\p{L}\d]{0,4}|[ \t]?:[ \t]{0,3})$/iu;
const FLAG_CUE = /([\u{1F1E6}-\u{1F1FF}])([\u{1F1E6}-\u{1F1FF}])[^\p{L}\d]{0,3}$/u;

function countryCue(before: string): { region: CountryCode; at: number } | null {
  const flag = FLAG_CUE.exec(before);
  if (flag) {
    const letter = (s: string): string => String.fromCharCode(s.codePointAt(0)! - 0x1f1e6 + 65);
    return { region: (letter(flag[1]!) + letter(flag[2]!)) as CountryCode, at: flag.index };
  }
  const m = COUNTRY_CUE.exec(before);
  if (!m) return null;
  const word = m[1]!.toLowerCase();
  for (const [re, region] of COUNTRY_WORDS) if (re.test(word)) return { region, at: m.index };
  return null;
}

function mapType(p: PhoneNumber): PhoneType {
  switch (p.getType()) {
    case 'MOBILE':
      return 'mobile';
    case 'FIXED_LINE':
      return 'fixed_line';
    case 'VOIP':
      return 'voip';
    case 'FIXED_LINE_OR_MOBILE':
      // Swedish mobile ranges all start with 07; elsewhere the metadata cannot tell.
      return p.countryCallingCode === '46' && p.nationalNumber.startsWith('7') ? 'mobile' : 'unknown';
    default:
      return 'unknown';
  }
}

function maskShapes(t: TrackedText): TrackedText {
  // Every shape has digits; most texts scanned (lines, labels, short fields) have none.
  if (!/\d/.test(t.text)) return t;
  return NON_PHONE_SHAPES.reduce((acc, re) => rewrite(acc, re, (m) => BLANK.repeat(m[0].length)), t);
}

// "070-000 00 00": a form's placeholder or a refusal to give a number, never a subscriber. Taking
// it would tie every profile that shows it into one organisation.
function placeholder(p: PhoneNumber): boolean {
  return /^\d{1,2}(\d)\1{5,}$/.test(p.nationalNumber);
}

// The same digit strings come back on every page of a site (its own numbers, the same ad in
// many places); parsing is the expensive step.
const CACHE_LIMIT = 20_000;
const parseCache = new Map<string, PhoneNumber | null>();

function parseValid(digits: string, region: CountryCode | null): PhoneNumber | null {
  const key = `${region ?? '+'}${digits}`;
  const hit = parseCache.get(key);
  if (hit !== undefined) return hit;
  const p = region === null ? parsePhoneNumberFromString(`+${digits}`) : parsePhoneNumberFromString(digits, region);
  const ok = p !== undefined && p.nationalNumber.length >= MIN_NATIONAL_DIGITS && !placeholder(p) && p.isValid() ? p : null;
  if (parseCache.size >= CACHE_LIMIT) parseCache.clear();
  parseCache.set(key, ok);
  return ok;
}

interface Group {
  digits: string;
  plus: boolean;
  start: number;
  end: number;
}

/** How a number starting at a group may be read. */
interface Reading {
  /** null: international. */
  region: CountryCode | null;
  /** Leading characters of the written digits that are a prefix ("00"), not part of the number. */
  skip: number;
  minDigits: number;
  maxDigits: number;
  /** Where the words it relies on start (in the scanned text), if any. */
  cueAt: number | null;
  /** International without "+" or "00". */
  bare: boolean;
}

interface Candidate {
  s: number;
  e: number;
  digits: number;
  p: PhoneNumber;
  cueAt: number | null;
  /** Its first written group is a whole country or area code ("070", "+46"), not a stray piece. */
  aligned: boolean;
}

// Formatting is the costly part and parseValid hands out one PhoneNumber per digit string, so
// each number's area is worked out once.
const areas = new WeakMap<PhoneNumber, string>();

/** The area code of a number as part of its national significant number ("70", "8", "512"), or "". */
function nsnArea(p: PhoneNumber): string {
  let area = areas.get(p);
  if (area === undefined) {
    area = computeNsnArea(p);
    areas.set(p, area);
  }
  return area;
}

function computeNsnArea(p: PhoneNumber): string {
  let area = (p.formatNational().split(/[-\s)]/)[0] ?? '').replace(/\D/g, '');
  while (area !== '' && !p.nationalNumber.startsWith(area)) area = area.slice(1);
  return area;
}

/**
 * Whether the first written group of a number is its whole country code, area code or more
 * ("+46", "070", "0701"), rather than a stray piece of other digits ("465 004 04 23").
 */
function alignedStart(first: string, p: PhoneNumber, international: boolean): boolean {
  const area = nsnArea(p);
  if (international) {
    if (!first.startsWith(p.countryCallingCode)) return false;
    const rest = first.slice(p.countryCallingCode.length);
    return rest === '' || (area !== '' && rest.startsWith(area));
  }
  // Past the trunk prefix, if the number has one.
  const rest = p.nationalNumber.startsWith(first.slice(0, 1)) ? first : first.slice(1);
  return area !== '' && rest.startsWith(area);
}

function readings(
  g: Group,
  first: boolean,
  ownCode: string,
  defaultCountry: CountryCode,
  cueIntl: number | null,
  cueRegion: { region: CountryCode; at: number } | null,
): Reading[] {
  if (g.plus) return [{ region: null, skip: 0, minDigits: MIN_WRITTEN_DIGITS, maxDigits: MAX_INTERNATIONAL, cueAt: null, bare: false }];
  if (g.digits.startsWith('00')) {
    return [{ region: null, skip: 2, minDigits: MIN_WRITTEN_DIGITS + 2, maxDigits: MAX_INTERNATIONAL + 2, cueAt: null, bare: false }];
  }
  const out: Reading[] = [];
  const region = first ? cueRegion : null;
  if (region && region.region !== defaultCountry) {
    out.push({ region: region.region, skip: 0, minDigits: MIN_NATIONAL_DIGITS, maxDigits: MAX_NATIONAL, cueAt: region.at, bare: false });
  }
  if (g.digits.startsWith('0')) {
    out.push({ region: defaultCountry, skip: 0, minDigits: MIN_WRITTEN_DIGITS, maxDigits: MAX_NATIONAL, cueAt: null, bare: false });
  } else if (g.digits.startsWith(ownCode)) {
    // "46701740605": the home country code without "+", common in messenger links and ads.
    out.push({ region: null, skip: 0, minDigits: MIN_BARE_INTERNATIONAL, maxDigits: MAX_INTERNATIONAL, cueAt: null, bare: true });
  } else if (first && cueIntl !== null) {
    out.push({ region: null, skip: 0, minDigits: MIN_BARE_INTERNATIONAL, maxDigits: MAX_INTERNATIONAL, cueAt: cueIntl, bare: true });
  }
  return out;
}

/** A digit group glued into a token with letters on and off (hash, slug, id): not a number. */
function inToken(text: string, g: Group): boolean {
  let a = g.start;
  while (a > 0 && g.start - a < 40 && /[\p{L}\d]/u.test(text[a - 1]!)) a--;
  let b = g.end;
  while (b < text.length && b - g.end < 40 && /[\p{L}\d]/u.test(text[b]!)) b++;
  if (a === g.start && b === g.end) return false;
  const token = text.slice(a, b);
  let switches = 0;
  for (let k = 1; k < token.length; k++) {
    if (/\d/.test(token[k]!) !== /\d/.test(token[k - 1]!)) switches++;
  }
  return switches >= 3;
}

/**
 * Groups in a row of four or more four-digit blocks (account, card, IBAN and OCR numbers) that
 * no number may use. The last block of a row may still start one ("2021 2022 2023 2024 0701
 * 740 637", "… 7466 0046 70 …").
 */
function blockedGroups(groups: Group[]): boolean[] {
  const out = new Array<boolean>(groups.length).fill(false);
  let streak = 0;
  for (let k = 0; k <= groups.length; k++) {
    const g = groups[k];
    if (g !== undefined && !g.plus && g.digits.length === 4) {
      streak++;
      continue;
    }
    if (streak >= 4) out.fill(true, k - streak, k - 1);
    streak = 0;
  }
  return out;
}

/** Every valid reading of every stretch of groups in one run; chooseNumbers picks among them. */
function candidatesIn(
  t: TrackedText,
  groups: Group[],
  ownCode: string,
  defaultCountry: CountryCode,
  cueIntl: number | null,
  cueRegion: { region: CountryCode; at: number } | null,
): Candidate[] {
  const out: Candidate[] = [];
  for (let s = 0; s < groups.length; s++) {
    const rs = readings(groups[s]!, s === 0, ownCode, defaultCountry, cueIntl, cueRegion);
    if (rs.length === 0) continue;
    const found = new Set<number>();
    for (const r of rs) {
      let digits = '';
      for (let e = s; e < groups.length; e++) {
        const g = groups[e]!;
        if (e > s && g.plus) break;
        digits += g.digits;
        if (digits.length > r.maxDigits) break;
        if (digits.length < r.minDigits || found.has(e)) continue;
        const p = parseValid(digits.slice(r.skip), r.region);
        if (!p) continue;
        if (PRICE_AFTER.test(t.text.slice(g.end, g.end + 8))) continue;
        // Written digit by digit, the grouping says nothing either way.
        const spelled = e - s + 1 === digits.length;
        const aligned = spelled || alignedStart(groups[s]!.digits.slice(r.skip), p, r.region === null);
        // A country code without "+" or "00" is only believed written as a code: "46 70 …",
        // "4670 …", not "465 004 00 123" out of "08-465 004 00 123 45".
        if (r.bare && !aligned) continue;
        found.add(e);
        out.push({ s, e, digits: digits.length, p, cueAt: r.cueAt, aligned });
      }
    }
  }
  return out;
}

/**
 * The set of candidates that covers the most digits; on a tie, the one whose numbers start at a
 * whole area or country code ("070 174 06 05 1500/2500" is not "05 1500 2500"), then the fewest
 * numbers, then numbers that start as late as possible, because what is written just before a
 * number (opening hours, a date) is more often stray digits than what ends a run.
 */
function chooseNumbers(n: number, cands: Candidate[]): Candidate[] {
  const byStart: Candidate[][] = Array.from({ length: n }, () => []);
  for (const c of cands) byStart[c.s]!.push(c);
  const covered = new Array<number>(n + 1).fill(0);
  const aligned = new Array<number>(n + 1).fill(0);
  const count = new Array<number>(n + 1).fill(0);
  const pick = new Array<Candidate | null>(n + 1).fill(null);
  for (let i = n - 1; i >= 0; i--) {
    covered[i] = covered[i + 1]!;
    aligned[i] = aligned[i + 1]!;
    count[i] = count[i + 1]!;
    for (const c of byStart[i]!) {
      const cov = c.digits + covered[c.e + 1]!;
      const al = (c.aligned ? 1 : 0) + aligned[c.e + 1]!;
      const cnt = 1 + count[c.e + 1]!;
      const better =
        cov !== covered[i]! ? cov > covered[i]! : al !== aligned[i]! ? al > aligned[i]! : cnt < count[i]!;
      if (better) {
        covered[i] = cov;
        aligned[i] = al;
        count[i] = cnt;
        pick[i] = c;
      }
    }
  }
  const chosen: Candidate[] = [];
  for (let i = 0; i < n; ) {
    const c = pick[i];
    if (c) {
      chosen.push(c);
      i = c.e + 1;
    } else i++;
  }
  return chosen;
}

// Keycap marks, variation selectors and invisible characters after the last digit belong to it.
const TRAILING_MARK = /[\p{M}\u200B-\u200D\u2060\uFEFF]/u;

function endOfDigit(text: string, end: number): number {
  let e = end;
  while (e < text.length && e - end < 8 && TRAILING_MARK.test(text[e]!)) e++;
  return e;
}

// The same strings are read again and again: a page's text line and then the same field when it
// is normalised, and ages, places and site boilerplate on every page. Bounded in entries and in
// the length of a text kept.
const SPAN_CACHE_LIMIT = 5_000;
const SPAN_CACHE_MAX_CHARS = 5_000;
const keptScans = new Map<CountryCode, (text: string) => readonly PhoneSpan[]>();

function keptScan(country: CountryCode): (text: string) => readonly PhoneSpan[] {
  let scan = keptScans.get(country);
  if (!scan) {
    scan = remember(SPAN_CACHE_LIMIT, (text: string) => scanPhoneSpans(text, country));
    keptScans.set(country, scan);
  }
  return scan;
}

/** Every number in `text` with its span in the original text, in order, repeats included. */
export function findPhoneSpans(text: string, defaultCountry: CountryCode = 'SE'): PhoneSpan[] {
  if (text.length > SPAN_CACHE_MAX_CHARS) return scanPhoneSpans(text, defaultCountry);
  // Copies: callers may sort the list or change a span without touching the kept answer.
  return keptScan(defaultCountry)(text).map((sp) => ({ ...sp }));
}

function scanPhoneSpans(text: string, defaultCountry: CountryCode): PhoneSpan[] {
  const t = maskShapes(deobfuscate(text));
  const ownCode = getCountryCallingCode(defaultCountry);
  const out: PhoneSpan[] = [];
  RUN.lastIndex = 0;
  for (let run = RUN.exec(t.text); run !== null; run = RUN.exec(t.text)) {
    // Most runs on a page are prices, ages and times: too few digits to be anything.
    if (run[0].replace(/\D/g, '').length < MIN_NATIONAL_DIGITS) continue;
    const runStart = run.index;
    const before = t.text.slice(Math.max(0, runStart - 40), runStart);
    // After "ID", "postnr", "#": the first group is the id; a number may still follow it.
    const idFirst = ID_CUE.test(before);
    const groups: Group[] = [];
    GROUP.lastIndex = 0;
    for (let g = GROUP.exec(run[0]); g !== null; g = GROUP.exec(run[0])) {
      const plus = g[0].startsWith('+');
      groups.push({ digits: plus ? g[0].slice(1) : g[0], plus, start: runStart + g.index, end: runStart + g.index + g[0].length });
    }
    const offset = runStart - before.length;
    const cue = PHONE_CUE.exec(before);
    const cueIntl = cue ? offset + cue.index : null;
    const region = countryCue(before);
    const cueRegion = region ? { region: region.region, at: offset + region.at } : null;
    const blocked = blockedGroups(groups);
    const n = groups.length;
    // Only the end groups of a run can be glued to letters.
    const headGlued = inToken(t.text, groups[0]!);
    const tailGlued = inToken(t.text, groups[n - 1]!);
    const cands = candidatesIn(t, groups, ownCode, defaultCountry, cueIntl, cueRegion).filter(
      (c) =>
        (c.s > 0 || (!idFirst && !headGlued)) && (c.e < n - 1 || !tailGlued) && !blocked.slice(c.s, c.e + 1).includes(true),
    );
    if (cands.length === 0) continue;
    for (const c of chooseNumbers(n, cands)) {
      const first = groups[c.s]!;
      const last = groups[c.e]!;
      const start = t.from[first.start]!;
      out.push({
        e164: c.p.number,
        country: c.p.country ?? null,
        type: mapType(c.p),
        start,
        end: endOfDigit(text, t.to[last.end - 1]!),
        contextStart: c.cueAt === null ? start : Math.min(start, t.from[c.cueAt]!),
      });
    }
  }
  return out;
}

/** Valid phone numbers in `text`, each once, in order of first appearance. */
export function findPhonesInText(text: string, defaultCountry: CountryCode = 'SE'): FoundPhone[] {
  const seen = new Set<string>();
  const out: FoundPhone[] = [];
  for (const m of findPhoneSpans(text, defaultCountry)) {
    if (seen.has(m.e164)) continue;
    seen.add(m.e164);
    out.push({ e164: m.e164, country: m.country, type: m.type });
  }
  return out;
}

/** `text` with every phone number that findPhonesInText would take replaced by `replacement`. */
export function maskPhonesInText(
  text: string,
  replacement = '[phone]',
  defaultCountry: CountryCode = 'SE',
): string {
  const matches = findPhoneSpans(text, defaultCountry).sort((a, b) => a.start - b.start);
  let out = '';
  let last = 0;
  for (const m of matches) {
    if (m.start < last) continue;
    out += text.slice(last, m.start) + replacement;
    last = m.end;
  }
  return out + text.slice(last);
}

// Messenger links and their data attributes hold international numbers without "+".
const INTERNATIONAL_SOURCES = new Set<RawPhone['source']>(['whatsapp-link', 'viber-link', 'telegram-link']);

/** All numbers in the candidates, deduplicated by E.164; each keeps the source it was first seen in. */
export function normalisePhones(candidates: RawPhone[], defaultCountry: CountryCode = 'SE'): PhoneInfo[] {
  const byE164 = new Map<string, PhoneInfo>();
  for (const c of candidates) {
    let text = c.text;
    if (INTERNATIONAL_SOURCES.has(c.source) && /^\s*[1-9][\s\d().-]*$/.test(text)) {
      text = `+${text.trim()}`;
    }
    for (const p of findPhonesInText(text, defaultCountry)) {
      if (!byE164.has(p.e164)) byE164.set(p.e164, { ...p, source: c.source });
    }
  }
  return [...byE164.values()];
}

/** Country (ISO alpha-2) of an E.164 number, or null when it is not one or the code is shared. */
export function phoneCountry(e164: string): string | null {
  return parsePhoneNumberFromString(e164)?.country ?? null;
}

/**
 * A number shortened for logs: calling code, at most the first two and last two national digits
 * ("+46 70 … 05"). Short numbers lose more, so at least four digits are always hidden.
 */
export function maskPhone(e164: string): string {
  const p = parsePhoneNumberFromString(e164);
  if (!p) {
    const digits = e164.replace(/\D/g, '');
    return digits.length >= 8 ? `+${digits.slice(0, 2)} … ${digits.slice(-2)}` : '…';
  }
  const n = p.nationalNumber;
  if (n.length >= 8) return `+${p.countryCallingCode} ${n.slice(0, 2)} … ${n.slice(-2)}`;
  if (n.length >= 6) return `+${p.countryCallingCode} ${n.slice(0, 1)} … ${n.slice(-1)}`;
  return `+${p.countryCallingCode} …`;
}
