// Cuts a location field into segments of words, the units in which place names are looked for:
// "Sthlm/Solna", "Göteborg (Hisingen)", "I Malmö 12-14 maj, sedan Lund 15-16 maj". Dates, touring
// words and emoji are taken out here so that the resolver sees only words that might name a place,
// and each segment remembers how it was joined to the one before: a comma or a parenthesis may
// qualify a name ("Alby, Botkyrka"), a slash or "och" lists another place ("Stockholm / Uppsala").

import { foldText } from './text.ts';

/**
 * Longer fields are descriptions pasted into the location field: only their beginning is read, so
 * that a field of any size costs the same bounded work.
 */
export const MAX_CHARS = 2000;

/** How a segment was joined to the one before it. */
export type Joint = 'start' | 'qualifier' | 'list';

export interface Word {
  text: string;
  /** Not a place name on its own (prepositions, dates, "centrum", "norra"); may be part of one. */
  noise: boolean;
  /** Directly after a word that says "at/in/visiting": "i Nora", "på Söder", "besöker Åsa". */
  afterCue: boolean;
}

export interface Segment {
  words: Word[];
  joint: Joint;
  /** Had a date, a time or a number: a touring notice, not "Town, Municipality". */
  dated: boolean;
}

const words = (s: string): string[] => s.split(' ');

// Words that say where, for what the next word is.
const CUES = new Set(
  words(
    'i in på pa vid nära nara near nearby at från fran from till to runt runtom kring omkring around utanför utanfor ' +
      'outside inom within hos besöker besoker besök besok besöka visiting visit visits',
  ),
);

// Touring, dates and times: a touring notice keeps its places and loses its calendar.
const DATES = new Set(
  words(
    'januari februari mars april maj juni juli augusti september oktober november december ' +
      'january february march may june july august october ' +
      'jan feb mar apr jun jul aug sep sept okt oct nov dec ' +
      'måndag tisdag onsdag torsdag fredag lördag söndag mandag lordag sondag ' +
      'monday tuesday wednesday thursday friday saturday sunday ' +
      'mån tis ons tors tor fre lör sön man lor son mon tue tues wed thu thur thurs fri sat sun ' +
      'v vecka veckan veckor week weeks w kl klockan idag imorgon ikväll ikvall inatt helgen helg weekend ' +
      'today tomorrow tonight nästa nasta next denna detta this nu now dag dagar day days natt nätter natter ' +
      'night nights tom fr fram t o m mellan between datum date dates',
  ),
);

// Words that widen the name next to them to the area around it, which may be the next
// municipality: "Uppsalaområdet", "Stockholm med omnejd", "utanför Göteborg", "söder om Stockholm".
const AREA_AFTER = new Set(
  words('området omradet område omrade trakten trakt regionen region area omnejd omgivning omgivningar surroundings'),
);
const AREA_BEFORE = new Set(words('utanför utanfor outside runt runtom kring omkring around'));
const DIRECTIONS = new Set(
  words('norr söder öster väster norrut söderut österut västerut nord syd öst väst north south east west'),
);

// Words around a place name that do not change which place it is, or that name no place by
// themselves: every city has a "centrum" and a "Centralen".
const NOISE = new Set([
  ...CUES,
  ...DATES,
  ...words(
    'turné turne tour touring ontour kommer åker aker reser stannar befinner finns är ar jag mig me im am here ' +
      'här available tillgänglig tillganglig ledig back tillbaka igen again only endast just ny nytt new ' +
      'sedan sen därefter darefter then also även aven också ocksa samt plus och and eller or ' +
      'centrum city c central centrala centralt centre center downtown stad staden stan innerstan innerstad ' +
      'innerstaden centralen centralstationen centralstation stortorget resecentrum station stationen ' +
      'kommun kommune municipality län lan county området omradet omr område omrade area region regionen ' +
      'trakten trakt omnejd omgivning omgivningar surroundings med inner the hela whole entire all alla ' +
      'överallt overallt everywhere sverige sweden se norra södra östra västra sodra ostra vastra north ' +
      'south east west northern southern norr öst ost väst vast syd flygplats flygplatsen airport om of',
  ),
]);

// Words that also join two places in a list: "Stockholm och Uppsala", "Malmö, sedan Lund".
const LIST_WORDS = new Set(words('och and eller or samt sedan sen därefter darefter then plus även aven också ocksa'));

// Separator characters. A comma, colon or parenthesis may qualify the name before it; a slash, a
// full stop, a line break, an emoji or any other symbol starts another item.
const QUALIFIER_CHARS = new Set([',', '(', ')', '[', ']', '{', '}', ':', '–', '—']);

const TOKEN = /(\p{L}[\p{L}\p{M}]*(?:['’-]\p{L}[\p{L}\p{M}]*)*)|(\d+)|(\s+)|(.)/gu;

/** The segments of a location field, in reading order. */
export function segments(raw: string): Segment[] {
  const text = foldText(raw.length > MAX_CHARS ? raw.slice(0, MAX_CHARS) : raw)
    // "S:t Eriksplan", "St. Lars": the colon and the full stop would cut the name in two.
    .replace(/(?<!\p{L})s:t(?!\p{L})/gu, 'sankt')
    .replace(/(?<!\p{L})st\.?\s+(?=\p{L}{3})/gu, 'sankt ')
    // Spaced dashes separate ("Stockholm - Norrmalm"); a hyphen inside a word joins ("Upplands-Bro").
    .replace(/\s[-–—]+\s/g, ' , ')
    .replace(/\b(?:https?:\/\/|www\.)\S*/g, ' ')
    .replace(/\S+@\S+/g, ' ');

  const out: Segment[] = [];
  let current: Segment = { words: [], joint: 'start', dated: false };
  const cut = (kind: Joint): void => {
    if (current.words.length > 0) {
      out.push(current);
      current = { words: [], joint: kind, dated: false };
    } else if (current.joint !== 'start') {
      // Two separators in a row ("Malmö), Lund"): a list separator wins over a qualifier.
      current.joint = current.joint === 'list' || kind === 'list' ? 'list' : kind;
    }
  };

  for (const [, word, number, , other] of text.matchAll(TOKEN)) {
    if (number !== undefined) {
      current.dated = true;
    } else if (other !== undefined) {
      if (other !== '-' && other !== "'" && other !== '’') cut(QUALIFIER_CHARS.has(other) ? 'qualifier' : 'list');
    } else if (word !== undefined) {
      const w = word.replace(/['’]s$/u, '').replace(/['’]/gu, '');
      if (LIST_WORDS.has(w)) {
        cut('list');
        continue;
      }
      if (DATES.has(w)) current.dated = true;
      const prev = current.words[current.words.length - 1];
      current.words.push({ text: w, noise: NOISE.has(w), afterCue: prev !== undefined && CUES.has(prev.text) });
    }
  }
  if (current.words.length > 0) out.push(current);
  return out;
}

/**
 * Whether the words around positions [start, end) of a segment widen the name there to its area:
 * an area word after it ("området", "med omnejd", "area"), or "utanför"/"runt"/"norr om" before it.
 */
export function widened(ws: readonly { text: string }[], start: number, end: number): boolean {
  const after = ws[end]?.text;
  if (after !== undefined && (AREA_AFTER.has(after) || (after === 'med' && AREA_AFTER.has(ws[end + 1]?.text ?? '')))) {
    return true;
  }
  const before = ws[start - 1]?.text;
  if (before !== undefined && AREA_BEFORE.has(before)) return true;
  return (before === 'om' || before === 'of') && DIRECTIONS.has(ws[start - 2]?.text ?? '');
}

/** True for words that are never a place name on their own. */
export function isNoise(word: string): boolean {
  return NOISE.has(word);
}

/** True when some word says "in/at/visiting", for the words that follow. */
export function isCue(word: string): boolean {
  return CUES.has(word);
}
