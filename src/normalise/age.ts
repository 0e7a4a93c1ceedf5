// Stated age of the person in an ad. Ages under 18 are the strongest signal the mapping has of a
// possible minor, so they are kept, never clamped away; only values no one states as an age
// (under 12, over 99) are dropped.

import type { AgeBand, AgeInfo } from '../model/profile.ts';
import { evidenceOf, findMinorCues, foldWithOffsets, loadMinorCues, type FoldedText, type MinorCueList } from './minor-cues.ts';

export type { MinorCueList } from './minor-cues.ts';

export const MIN_AGE = 12;
export const MAX_AGE = 99;

const UNITS_SV: Record<string, number> = {
  en: 1, ett: 1, två: 2, tva: 2, tre: 3, fyra: 4, fem: 5, sex: 6, sju: 7, åtta: 8, atta: 8, nio: 9,
};
const TEENS_SV: Record<string, number> = {
  tolv: 12, tretton: 13, fjorton: 14, femton: 15, sexton: 16, sjutton: 17, arton: 18, aderton: 18, nitton: 19,
};
const TENS_SV: Record<string, number> = {
  tjugo: 20, tjugu: 20, trettio: 30, tretti: 30, fyrtio: 40, förtio: 40, fyrti: 40, femtio: 50, femti: 50, sextio: 60,
  sjuttio: 70, åttio: 80, attio: 80, nittio: 90,
};
const UNITS_EN: Record<string, number> = {
  one: 1, two: 2, three: 3, four: 4, five: 5, six: 6, seven: 7, eight: 8, nine: 9,
};
const TEENS_EN: Record<string, number> = {
  twelve: 12, thirteen: 13, fourteen: 14, fifteen: 15, sixteen: 16, seventeen: 17, eighteen: 18, nineteen: 19,
};
const TENS_EN: Record<string, number> = {
  twenty: 20, thirty: 30, forty: 40, fourty: 40, fifty: 50, sixty: 60, seventy: 70, eighty: 80, ninety: 90,
};

const alt = (words: Record<string, number>): string =>
  Object.keys(words)
    .sort((a, b) => b.length - a.length)
    .join('|');

// Tens may be followed by a unit, written together (Swedish "tjugosex") or with a hyphen or space.
// Lone units ("sex", "en") are never ages here and are too common as words to rewrite.
const NUMBER_WORD = new RegExp(
  [
    '(?<!\\p{L})(?:',
    `(${alt(TENS_SV)})(?:[-\\s]?(${alt(UNITS_SV)}))?`,
    `|(${alt(TEENS_SV)})`,
    `|(${alt(TENS_EN)})(?:[-\\s]?(${alt(UNITS_EN)}))?`,
    `|(${alt(TEENS_EN)})`,
    ')(?!\\p{L})',
  ].join(''),
  'gu',
);

function numberWord(word: string, tensSv?: string, unitSv?: string, teenSv?: string, tensEn?: string, unitEn?: string): string {
  if (tensSv) return String(TENS_SV[tensSv]! + (unitSv ? UNITS_SV[unitSv]! : 0));
  if (teenSv) return String(TEENS_SV[teenSv]!);
  if (tensEn) return String(TENS_EN[tensEn]! + (unitEn ? UNITS_EN[unitEn]! : 0));
  return String(TEENS_EN[word]!);
}

// A regex replacement that keeps FoldedText's offsets, so a match in the rewritten text ("16 år"
// from "sexton år") can still be shown to a reviewer as the ad wrote it.
function replaceKeepingOffsets(f: FoldedText, re: RegExp, by: (m: RegExpExecArray) => string): FoldedText {
  // Most texts hold nothing to replace; copying their offsets would be all the work.
  if (f.text.search(re) === -1) return f;
  let text = '';
  const start: number[] = [];
  const end: number[] = [];
  let last = 0;
  const g = new RegExp(re.source, re.flags.includes('g') ? re.flags : `${re.flags}g`);
  for (let m = g.exec(f.text); m !== null; m = g.exec(f.text)) {
    if (m[0] === '') {
      g.lastIndex += 1;
      continue;
    }
    text += f.text.slice(last, m.index);
    start.push(...f.start.slice(last, m.index));
    end.push(...f.end.slice(last, m.index));
    const out = by(m);
    const from = f.start[m.index]!;
    const to = f.end[m.index + m[0].length - 1]!;
    for (let i = 0; i < out.length; i++) {
      start.push(from);
      end.push(to);
    }
    text += out;
    last = m.index + m[0].length;
  }
  text += f.text.slice(last);
  start.push(...f.start.slice(last));
  end.push(...f.end.slice(last));
  return { text, source: f.source, start, end };
}

interface Prepared {
  /** Folded, number words as digits: where birth years are read (dates still whole). */
  words: FoldedText;
  /** The same without phone numbers and other long digit runs: where ages are read. */
  ages: FoldedText;
}

function prepare(raw: string): Prepared {
  const folded = foldWithOffsets(raw);
  // Half years ("26½", folded to "261⁄2") would read as 261; a stated age is whole years.
  const whole = replaceKeepingOffsets(folded, /(\d)\s*(?:1⁄2|1⁄4|3⁄4)/gu, (m) => `${m[1]} `);
  const words = replaceKeepingOffsets(whole, NUMBER_WORD, (m) => numberWord(m[0], m[1], m[2], m[3], m[4], m[5]));
  // Phone numbers and other long digit runs would otherwise offer their first two digits as an age.
  const ages = replaceKeepingOffsets(words, /\+?\d(?:[\s\-./]?\d){7,}/g, () => ' ');
  return { words, ages };
}

function inRange(n: number): number | null {
  return Number.isInteger(n) && n >= MIN_AGE && n <= MAX_AGE ? n : null;
}

interface Hit {
  age: number;
  /** Folded-text range of the statement, for evidence. */
  from: number;
  to: number;
}

// "snart 18" (soon 18), "fyller 18 i maj" (turns 18 in May) and "har inte fyllt 18" (has not turned
// 18) state an age one below the number: the case that matters most for minors.
const SOON =
  /(?:snart|nästan|nastan|soon|almost|nearly|fyller|turning|ska fylla|will turn|blir|(?:inte|ej|not|aldrig|never)\s+(?:fyllt|fyllda|turned))\s*$/;

function read(match: RegExpExecArray, numberIndex: number, s: string): Hit | null {
  const at = match.index + match[0].indexOf(match[numberIndex]!);
  const before = s.slice(0, at);
  const soon = SOON.exec(before);
  const n = Number(match[numberIndex]);
  const age = inRange(soon ? n - 1 : n);
  if (age === null) return null;
  return { age, from: Math.min(match.index, soon ? soon.index : match.index), to: match.index + match[0].length };
}

// Age cue after the number. Not "20-årsåldern" (in one's twenties), "3 år sedan" (years ago),
// "16 års erfarenhet" (years' experience) or "18-årsdag" (birthday), not the upper end of a range
// ("20-25 år", "10 and 12 years old") and not a site's "18 år eller äldre" (18 or older).
const AGE_AFTER = new RegExp(
  String.raw`(?<![\d.,]|\d\s?[-–]\s?|\d\s+(?:och|and|till|to)\s+)(\d{1,3})\s*-?\s*` +
    String.raw`(?:år(?!s|\s+sedan|\s+sen\b)|ar\b(?!\s+sedan)|åring|aring|årig|arig|yo\b|y\/o|y\.o\b` +
    String.raw`|yrs?\b(?!\s+(?:ago|of|experience))|years?\b(?!\s+(?:ago|of|experience))|jahre\b|ans\b|lat\b|anos\b)` +
    String.raw`(?!\s*(?:old\s+|gammal\s+|gamla\s+)?(?:or|eller)\s+(?:older|äldre|aldre|over|över|above|more|mer))`,
  'g',
);
// Age cue before the number; not the lower end of a range or an open bound ("age 40+"). "Nyss
// fyllda 18" (just turned 18) states 18, "fyller 18" states 17 (see SOON).
const AGE_BEFORE = new RegExp(
  String.raw`(?<!\p{L})(?:ålder|alder|age|aged|jag är|jag ar|i am|i['’]m|im|iam|fyllt|fyllde|fyllda|fyller|turned|turning)` +
    String.raw`\s*[:=\-]?\s*(?:snart\s+|nästan\s+|soon\s+|almost\s+)?(\d{1,3})(?![\d.,]?\d|\s*[-–]\s*\d|\s*\+)`,
  'gu',
);
// In running text "i 15 år" (for 15 years), "efter 3 år", "har jobbat 10 år" measure time, and
// "när jag var 16 år" is a past age, not the person's age now.
const DURATION_BEFORE =
  /(?:^|\s)(?:i|på|pa|för|for|sedan|efter|under|om|in|since|after|over|över|than|än|ca|cirka|with|med|har|have|has|had|jobbat|worked|bott|lived|varit|been|var|was|were)\s*$/;

// ...but "en tjej på 23 år" (a girl of 23) is an age.
const PERSON_OF =
  /(?:tjej|kvinna|kille|man|dam|flicka|pojke|girl|woman|lady|guy|boy|escort|massös|massor|student|studentska)\s+(?:på|pa|of)\s*$/;

function cuedHits(s: string, strict: boolean): { before: Hit[]; after: Hit[] } {
  const before: Hit[] = [];
  const after: Hit[] = [];
  const b = new RegExp(AGE_BEFORE.source, 'gu');
  for (let m = b.exec(s); m !== null; m = b.exec(s)) {
    const hit = read(m, 1, s);
    if (hit) before.push(hit);
  }
  const a = new RegExp(AGE_AFTER.source, 'g');
  for (let m = a.exec(s); m !== null; m = a.exec(s)) {
    const lead = s.slice(0, m.index);
    if (strict && DURATION_BEFORE.test(lead) && !PERSON_OF.test(lead)) continue;
    const hit = read(m, 1, s);
    if (hit) after.push(hit);
  }
  return { before, after };
}

// "Age 24" and "24 år" in the same text: the word before the number is the more explicit cue.
function firstCued(s: string, strict: boolean): Hit | null {
  const { before, after } = cuedHits(s, strict);
  return before[0] ?? after[0] ?? null;
}

// Every explicit age statement, overlapping ones ("jag är 16 år") merged: for the minor check,
// which must not stop at the first statement.
function allCued(s: string, strict: boolean): Hit[] {
  const { before, after } = cuedHits(s, strict);
  const hits = [...before, ...after].sort((x, y) => x.from - y.from);
  const merged: Hit[] = [];
  for (const h of hits) {
    const last = merged[merged.length - 1];
    if (last && h.from < last.to) {
      last.to = Math.max(last.to, h.to);
      last.age = Math.min(last.age, h.age);
    } else merged.push({ ...h });
  }
  return merged;
}

// Numbers that are measurements, prices, decades or ranges ("20-25", "mellan 20 och 25"), never a
// stated age.
const NOT_AGE_AFTER = new RegExp(
  String.raw`^\s*(?:cm|kg|kr|sek|:-|,-|€|\$|eur|usd|%|min|h\b|tim|st\b|lbs|ft|-?tal` +
    String.raw`|-?\s*års?[aå]lder|-?\s*ars?alder|\+|[-–]\s*\d|[.,:]\d|(?:och|and|till|to)\s+\d)`,
);
const NOT_AGE_BEFORE =
  /(?:(?:över|over|under|above|från|fran|from|min|max|född|fodd|born|f\.|årsmodell|arsmodell)\s*['’-]?\s*|[€$]\s*|\d\s*[-–]\s*|\d\s+(?:och|and|till|to)\s+|\d[.,:])$/;

function bare(s: string): Hit | null {
  const re = /\d{1,3}(?!\d)/g;
  for (let m = re.exec(s); m !== null; m = re.exec(s)) {
    const start = m.index;
    const end = start + m[0].length;
    if (start > 0 && /\d/.test(s[start - 1]!)) continue;
    if (NOT_AGE_AFTER.test(s.slice(end))) continue;
    if (NOT_AGE_BEFORE.test(s.slice(0, start))) continue;
    return read(m, 0, s);
  }
  return null;
}

/**
 * An age stated in running text (title, description): only with an explicit cue such as "24 år",
 * "age 24", "24 yo", "jag är 24". Bare numbers are not taken.
 */
export function findStatedAge(text: string | null | undefined): number | null {
  if (text == null) return null;
  return firstCued(prepare(text).ages.text, true)?.age ?? null;
}

/**
 * The age in an age field: "26", "26 år", "Ålder: 26", "26 y/o", "tjugosex". A birth year alone
 * ("Född 1999") is not a stated age here (analyseAge reads it, given the observation date), ranges
 * ("20-25") and open bounds ("18+", "över 30") neither.
 */
export function normaliseAge(raw: string | null | undefined): number | null {
  if (raw == null) return null;
  const s = prepare(raw).ages.text;
  if (s === '') return null;
  return (firstCued(s, false) ?? bare(s))?.age ?? null;
}

/** The mapping's age band of a stated age. */
export function ageBand(age: number | null): AgeBand {
  if (age === null || !Number.isFinite(age)) return 'unknown';
  if (age < 18) return 'under-18';
  if (age <= 23) return '18-23';
  if (age <= 29) return '24-29';
  if (age <= 35) return '30-35';
  if (age <= 44) return '36-44';
  return '45+';
}

const MONTHS =
  'jan(?:uari|uary)?|feb(?:ruari|ruary)?|mars?|march|apr(?:il)?|maj|may|jun[ie]?|jul[iy]?|aug(?:usti|ust)?|' +
  'sep(?:t(?:ember)?)?|okt(?:ober)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?';
// "Född 2001", "f. 2001", "born in 2001", "Årsmodell -98" (model year: Swedish slang for birth
// year), "Födelseår: 1999", "född 1998-05-12", "född 12/5 -98", "född 12 maj 1998".
const BIRTH = new RegExp(
  String.raw`(?<!\p{L})(?:född|fodd|föddes|f\.|born|årsmodell|arsmodell|födelseår|fodelsear|birth\s?year|year of birth|date of birth|dob|födelsedatum|fodelsedatum)` +
    String.raw`\s*[:=]?\s*(?:år\s+|i\s+|in\s+|on\s+|den\s+)?` +
    String.raw`(?:(\d{4})(?:[-/.]\d{1,2}[-/.]\d{1,2})?` +
    String.raw`|\d{1,2}(?:[./-]|\s+)\d{1,2}(?:[./-]|\s+|\s*[-–'’]\s*)(\d{4}|\d{2})` +
    String.raw`|\d{1,2}(?:e|a|st|nd|rd|th)?\.?\s+(?:${MONTHS})\.?,?\s+(\d{4})` +
    String.raw`|['’-]\s?(\d{2})` +
    String.raw`|(\d{2}))(?!\d|\s*(?:år|ar|cm|kg|kr|${MONTHS})\b|\s*[-–]\s*\d|-?tal|[./]\d)`,
  'gu',
);

// Counted as the observation year minus the birth year: before the birthday that is one year more
// than the person's age. The national mapping counts birth years this way, so Kartla does too,
// rather than guess the birthday; a full date in the text is not used to correct it.
function birthYearHit(s: string, observedYear: number): Hit | null {
  const re = new RegExp(BIRTH.source, 'gu');
  for (let m = re.exec(s); m !== null; m = re.exec(s)) {
    const four = m[1] ?? (m[2]?.length === 4 ? m[2] : undefined) ?? m[3];
    const two = m[2]?.length === 2 ? m[2] : m[4] ?? m[5];
    let year: number;
    if (four !== undefined) year = Number(four);
    else if (two !== undefined) {
      // "-03" in 2025 is 2003, "-98" is 1998: a two-digit year is never in the future.
      const yy = Number(two);
      year = yy <= observedYear % 100 ? 2000 + yy : 1900 + yy;
    } else continue;
    if (year > observedYear) continue;
    const age = inRange(observedYear - year);
    if (age !== null) return { age, from: m.index, to: m.index + m[0].length };
  }
  return null;
}

export interface AnalyseAgeOptions {
  /** When the profile was observed: birth years count from this year. */
  observedAt: Date;
  /** Title, description, category: read only for explicit age statements and youth phrases. */
  context?: ReadonlyArray<string | null | undefined>;
  /** The youth-phrase list; the default list (config/phrases/minor-cues.yaml) when absent. */
  cues?: MinorCueList;
}

/**
 * Stated age, band and minor cue of a profile.
 *
 * The age comes from the age field ("26", "26 år", "tjugosex", a bare number), then from a birth
 * year in it ("Född 2001"), then from the context texts in order, which count only with an explicit
 * cue ("23 år", "age 23", "23yo", "jag är 23", "född 2001"): bare numbers there are prices and times.
 *
 * minorCue is set by any explicit age under 18 in the field or any context text (even when the
 * field states an adult age: the contradiction itself is worth a look), by a birth year that counts
 * under 18, and by a phrase of the youth-cue list. `evidence` holds each matched text, as written.
 */
export function analyseAge(field: string | null | undefined, opts: AnalyseAgeOptions): AgeInfo {
  const year = opts.observedAt.getUTCFullYear();
  const list = opts.cues ?? loadMinorCues();
  const texts: Array<{ text: string; field: boolean }> = [];
  if (field != null && field.trim() !== '') texts.push({ text: field, field: true });
  for (const c of opts.context ?? []) if (c != null && c.trim() !== '') texts.push({ text: c, field: false });

  let age: number | null = null;
  const evidence: string[] = [];
  const note = (e: string): void => {
    if (e !== '' && !evidence.includes(e)) evidence.push(e);
  };

  for (const t of texts) {
    const { words, ages } = prepare(t.text);
    const stated = t.field ? (firstCued(ages.text, false) ?? bare(ages.text)) : firstCued(ages.text, true);
    const born = birthYearHit(words.text, year);
    age ??= stated?.age ?? born?.age ?? null;

    const minors = allCued(ages.text, !t.field).filter((h) => h.age < 18);
    if (stated && stated.age < 18 && !minors.some((h) => h.from <= stated.from && stated.to <= h.to)) minors.push(stated);
    for (const h of minors.sort((x, y) => x.from - y.from)) note(evidenceOf(ages, h.from, h.to));
    if (born && born.age < 18) note(evidenceOf(words, born.from, born.to));
    for (const cue of findMinorCues(t.text, list)) note(cue.evidence);
  }

  return { age, band: ageBand(age), minorCue: evidence.length > 0, evidence };
}
