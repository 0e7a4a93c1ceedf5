// Where an ad says the person is, resolved against the gazetteer to locality, municipality, county,
// police region and coordinates. An unresolved location is better than a wrong one: nothing is
// guessed beyond what the text names, a name with several equally likely meanings resolves to
// nothing, and a word that is also an ordinary word ("bara", "are") counts only when it is all the
// field says. A field may name several places ("Stockholm / Uppsala", touring notices): all are
// kept, the first in reading order is the primary one.

import type { LocationInfo, PlaceInfo } from '../model/profile.ts';
import { gazetteer, type Hit, type Place } from './gazetteer.ts';
import { MAX_CHARS, isCue, isNoise, segments, widened, type Segment, type Word } from './location-parts.ts';

// Ordinary Swedish or English words that are also names of places (most of them small, some not:
// Bro, Vara, Kil, Åre written "are"). In running text they are words; alone in a field, places.
const COMMON_WORDS = new Set(
  (
    'bara vara bor bro vi ed lit mark ale kil berg torp fors horn heden lugnet backa haga viken valla brunn ' +
    'ljung teatern stadion stora foto ange mala boo as are or by hem sol skog strand hagen gärdet lunden ' +
    'näset kärra kinda höja bellevue kronprinsen fridhem holma skår vik dal sand ön'
  ).split(' '),
);

// First names (and "Söder", which is also "south") that are places too: in running text only
// right after "i", "på", "besöker" and the like. "Nora 25 år" is a name, "escort i Nora" a town.
const AFTER_CUE_ONLY = new Set('nora åsa asa salem söder soder vika'.split(' '));

// Running-text matches must name a place of some size; a whole field may name a hamlet.
const MIN_WEIGHT_IN_TEXT = 1000;
const MAX_NGRAM = 4;
// A town this size may be listed next to another municipality without being qualified by it.
const LISTED_TOWN = 10000;

// "Uppsalaområdet", "Malmötrakten": a name and an area word in one (see `widened`).
const AREA_SUFFIX = /^(\p{L}{3,}?)(området|omradet|trakten|regionen)$/u;

/** Where an n-gram stands. */
interface Position {
  /** The n-gram is all its segment says apart from noise words ("I Nora 12 maj", "Lund, Gävleborg"). */
  whole: boolean;
  /** The n-gram is all the field says: one segment of these words only. */
  sole: boolean;
  /** The n-gram is all its segment says, noise words included ("Bara, Svedala", not "bara denna vecka"). */
  alone: boolean;
  /** The field has digits somewhere: dates, times, an age. */
  numbers: boolean;
}

interface Mention {
  /** Meanings that survived the running-text rules; may hold only 'nowhere' (a blocked name). */
  places: Place[];
  segment: number;
  /** An ordinary word or a first name read as a place: kept only beside a place named plainly. */
  weak: boolean;
  /** The text names the area around the place ("Gävletrakten", "utanför Göteborg"): its county. */
  area: boolean;
}

const WEAK = Symbol('weak');
type Weak = Place[] & { [WEAK]?: true };
const weak = (places: Place[]): Place[] => Object.assign([...places], { [WEAK]: true as const });

/** The meanings of an n-gram that its position in the text allows. */
function allowed(hit: Hit, gram: Word[], key: string, at: Position): Place[] {
  if (hit.places.some((p) => p.kind === 'nowhere')) return hit.places;
  const first = gram[0]!;
  if (gram.length === 1 && COMMON_WORDS.has(first.text)) {
    // "Bara" alone, "i Bara": the town. "Bor nära", "bara för dig": words. "Bara, Svedala": the
    // town, but only because another place stands next to it ("Ale and wine" has none).
    if (first.afterCue || at.sole) return at.whole ? hit.places : [];
    return at.alone ? weak(hit.places) : [];
  }
  if (gram.length === 1 && AFTER_CUE_ONLY.has(first.text) && !first.afterCue) {
    // "Nora" alone, "Nora, Örebro": the town; "Åsa, 45": a woman and her age.
    if (!at.whole || at.numbers) return [];
    return at.sole ? hit.places : weak(hit.places);
  }
  if (at.whole) return hit.places;
  // "are" is Åre, "as" is Ås only when the field says nothing else.
  if (hit.folded && key.length < 4) return [];
  return hit.places.filter(
    (p) =>
      p.kind === 'county' ||
      p.kind === 'alias' ||
      (p.minor ? first.afterCue : p.weight >= MIN_WEIGHT_IN_TEXT),
  );
}

/** Splits words the gazetteer does not know: "stockholm-solna", "uppsalaområdet", "malmö-området". */
function expand(ws: Word[]): Word[] {
  const g = gazetteer();
  const pieces = (text: string): string[] => {
    if (g.lookupKey(text).places.length > 0) return [text];
    if (text.includes('-')) return text.split('-').filter((p) => p !== '').flatMap(pieces);
    return AREA_SUFFIX.exec(text)?.slice(1) ?? [text];
  };
  return ws.flatMap((w) => {
    const parts = pieces(w.text);
    if (parts.length === 1) return [w];
    return parts.map((text, i) => ({
      text,
      noise: isNoise(text),
      afterCue: i === 0 ? w.afterCue : isCue(parts[i - 1]!),
    }));
  });
}

/** Place names in one segment, longest match first, left to right. */
function scan(segment: Segment, index: number, field: { numbers: boolean; segments: number }): Mention[] {
  const g = gazetteer();
  const ws = expand(segment.words);
  const named = ws.flatMap((w, i) => (w.noise ? [] : [i]));
  const mentions: Mention[] = [];
  let i = 0;
  while (i < ws.length) {
    let taken = 0;
    let known = false;
    for (let n = Math.min(MAX_NGRAM, ws.length - i); n >= 1 && taken === 0; n--) {
      const gram = ws.slice(i, i + n);
      // Noise words name nothing alone; together they may ("Västra innerstaden" is in Malmö).
      if (n === 1 && gram[0]!.noise) continue;
      let key = gram.map((w) => w.text).join(' ');
      let hit = g.lookupKey(key);
      // Genitive: "Stockholms city", "Göteborgs centrum".
      if (hit.places.length === 0 && n === 1 && key.length > 4 && key.endsWith('s')) {
        key = key.slice(0, -1);
        hit = g.lookupKey(key);
      }
      if (hit.places.length === 0) continue;
      if (n === 1) known = true;
      const at = {
        whole: named.every((j) => j >= i && j < i + n),
        sole: field.segments === 1 && ws.length === n,
        alone: ws.length === n,
        numbers: field.numbers,
      };
      const places: Weak = allowed(hit, gram, key, at);
      if (places.length > 0) {
        mentions.push({ places, segment: index, weak: places[WEAK] === true, area: widened(ws, i, i + n) });
        taken = n;
      }
    }
    if (taken === 0 && !known) {
      const w = ws[i]!;
      const whole = named.length === 1 && named[0] === i;
      const places = w.noise || COMMON_WORDS.has(w.text) || AFTER_CUE_ONLY.has(w.text) ? [] : fuzzy(w.text, whole);
      if (places.length > 0) mentions.push({ places, segment: index, weak: false, area: widened(ws, i, i + 1) });
    }
    i += Math.max(taken, 1);
  }
  return mentions;
}

// Optimal string alignment distance, capped: enough for one slip of the keyboard.
function distance(a: string, b: string, cap: number): number {
  if (Math.abs(a.length - b.length) > cap) return cap + 1;
  let prev2: number[] = [];
  let prev = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const row = [i];
    let rowMin = i;
    for (let j = 1; j <= b.length; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      let v = Math.min(prev[j]! + 1, row[j - 1]! + 1, prev[j - 1]! + cost);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) v = Math.min(v, prev2[j - 2]! + 1);
      row.push(v);
      rowMin = Math.min(rowMin, v);
    }
    if (rowMin > cap) return cap + 1;
    prev2 = prev;
    prev = row;
  }
  return prev[b.length]!;
}

/** A misspelt well-known name ("Götebrog", "Helsinborg"), when exactly one place is that close. */
function fuzzy(word: string, whole: boolean): Place[] {
  const key = word.replace(/[åä]/g, 'a').replace(/ö/g, 'o');
  // One word only, and long: across words or in short ones, a slip or two turns many ordinary
  // words into some place name. Running text needs one letter more than a whole field.
  if (key.length < (whole ? 6 : 7) || /[^a-z]/.test(key)) return [];
  const cap = key.length >= 10 ? 2 : 1;
  let best = cap + 1;
  let hits: Place[] = [];
  for (const [name, places] of gazetteer().nearNames(key, cap)) {
    const dist = distance(key, name, cap);
    if (dist < best) {
      best = dist;
      hits = [...places];
    } else if (dist === best && dist <= cap) {
      hits.push(...places);
    }
  }
  // "Stockholm" is a town and a county: one place, as long as the county is the town's.
  const kommuner = new Set(hits.map((p) => p.kommunCode).filter((c) => c !== null));
  const lans = new Set(hits.map((p) => p.lanCode));
  return kommuner.size <= 1 && lans.size === 1 ? hits : [];
}

/**
 * Among a name's meanings: the ones a qualifying neighbour agrees with (same municipality or
 * county: "Alby, Botkyrka", "Lund, Gävleborg"), then the heaviest. Two different municipalities
 * with the same top weight resolve to nothing, and so does a name that means no place in Sweden.
 */
function choose(places: Place[], context: Place[]): Place | null {
  let pool = places;
  if (places.length > 1 && context.length > 0) {
    // A municipality qualifies by municipality, a county by county: "Ryd, Linköping" is not the
    // Ryd of Motala just because Motala is in the same county.
    const kommuner = new Set(context.flatMap((p) => (p.kind === 'municipality' ? [p.kommunCode] : [])));
    const lans = new Set(context.flatMap((p) => (p.kind === 'county' ? [p.lanCode] : [])));
    const agreeing = places.filter(
      (p) => (p.kommunCode !== null && kommuner.has(p.kommunCode)) || (p.lanCode !== null && lans.has(p.lanCode)),
    );
    if (agreeing.length > 0) pool = agreeing;
    // "Ryd, Linköping" where the gazetteer knows Ryd only elsewhere: the text says it is not the
    // Ryd we know. A town big enough to be listed next to another ("Lund, Malmö") stays.
    else if (kommuner.size > 0 && new Set(places.map((p) => p.kommunCode)).size > 1) {
      pool = places.filter((p) => p.weight >= LISTED_TOWN);
    }
  }
  if (pool.length === 0) return null;
  const top = Math.max(...pool.map((p) => p.weight));
  const best = pool.filter((p) => p.weight === top);
  const distinct = new Set(best.map((p) => `${p.kommunCode}|${p.lanCode}`));
  if (distinct.size > 1) return null;
  let chosen = best[0] ?? null;
  if (!chosen || chosen.kind === 'nowhere') return null;
  if (chosen.kind === 'locality' && chosen.weight < LISTED_TOWN) {
    // Two small tätorter of one name and of comparable size ("Fors", "Steninge"): the bigger is
    // not the likelier, unless the name is also the municipality's.
    const { kommunCode: kommun, weight } = chosen;
    const rival = pool.some((p) => p.census && p.kommunCode !== kommun && p.weight * 2 > weight);
    const named = pool.some((p) => p.kind === 'municipality' && p.kommunCode === kommun);
    if (rival && !named) return null;
  }
  // A county and a municipality of the same name inside it ("Härjedalen"): the municipality.
  if (chosen.kind === 'county') {
    const lan = chosen.lanCode;
    const inside = pool.filter((p) => p.kommunCode !== null && p.lanCode === lan).sort((a, b) => b.weight - a.weight)[0];
    if (inside) chosen = inside;
  }
  // A municipality named like its own town ("Jokkmokk", "Danderyd"): report the town too.
  if (chosen.kind === 'municipality') {
    const kommun = chosen.kommunCode;
    const town = pool
      .filter((p) => p.kind !== 'municipality' && p.kommunCode === kommun && p.locality !== null)
      .sort((a, b) => b.weight - a.weight)[0];
    if (town) return town;
  }
  return chosen;
}

/**
 * Neighbouring mentions that may say which of a name's meanings is meant: directly before or after
 * it, in the same segment or across a comma or parenthesis, and naming a municipality or county.
 * Touring notices ("Lund 15 maj, Gävle 17 maj") list places and qualify none.
 */
function qualifiers(mentions: Mention[], k: number, segs: Segment[]): Place[] {
  const out: Place[] = [];
  for (const j of [k - 1, k + 1]) {
    const q = mentions[j];
    if (!q || !adjacent(mentions[Math.min(j, k)]!, mentions[Math.max(j, k)]!, segs)) continue;
    if (q.places.some((p) => p.kind === 'municipality' || p.kind === 'county')) out.push(...q.places);
  }
  return out;
}

/** Mention `b` directly follows `a` in one segment or after a comma or parenthesis, with no dates. */
function adjacent(a: Mention, b: Mention, segs: Segment[]): boolean {
  if (segs[a.segment]!.dated || segs[b.segment]!.dated) return false;
  return a.segment === b.segment || (b.segment === a.segment + 1 && segs[b.segment]!.joint === 'qualifier');
}

/**
 * Which mentions only say which county the one before lies in: "Solna, Stockholm", "Kumla,
 * Örebro". Stockholm is then the county (as in "Stockholms län"), not a second place.
 */
function countyQualifiers(mentions: Mention[], chosen: (Place | null)[], segs: Segment[]): Set<number> {
  const out = new Set<number>();
  for (let k = 1; k < mentions.length; k++) {
    const before = chosen[k - 1];
    const lan = before?.lanCode;
    if (!before?.kommunCode || before.kommunCode === chosen[k]?.kommunCode) continue;
    if (!adjacent(mentions[k - 1]!, mentions[k]!, segs)) continue;
    if (mentions[k]!.places.some((p) => p.kind === 'county' && p.lanCode === lan)) out.add(k);
  }
  return out;
}

// How precisely a place is named, for merging two mentions of one municipality.
function precision(p: Place): number {
  if (p.kind === 'district') return 4;
  if (p.locality !== null) return 3;
  if (p.kind === 'alias') return 2;
  return p.kommunCode !== null ? 1 : 0;
}

/**
 * Distinct places in reading order. Two mentions of one municipality are one place (the first
 * one's position, the more precise one's details: "Stockholm - Norrmalm"); a county named next to a
 * place inside it only qualifies it ("Skåne - Malmö").
 */
function distinct(chosen: Place[]): Place[] {
  const out: Place[] = [];
  for (const p of chosen) {
    const i = out.findIndex((o) =>
      p.kommunCode !== null ? o.kommunCode === p.kommunCode : o.kommunCode === null && o.lanCode === p.lanCode,
    );
    if (i < 0) out.push(p);
    else if (precision(p) > precision(out[i]!)) out[i] = p;
  }
  return out.filter((p) => p.kommunCode !== null || !out.some((o) => o.kommunCode !== null && o.lanCode === p.lanCode));
}

/** The county a place lies in, as a place of its own: no municipality, no locality, no point. */
function countyOf(place: Place): Place {
  const lanCode = place.kommunCode ? (gazetteer().municipality(place.kommunCode)?.countyCode ?? null) : place.lanCode;
  if (lanCode === null) return place;
  return { ...place, kind: 'county', kommunCode: null, lanCode, locality: null, lat: null, lon: null, point: 'none' };
}

function placeInfo(place: Place): PlaceInfo {
  const g = gazetteer();
  const kommun = place.kommunCode ? g.municipality(place.kommunCode) : null;
  const lanCode = kommun?.countyCode ?? place.lanCode;
  return {
    locality: kommun ? place.locality : null,
    kommunCode: kommun?.code ?? null,
    lanCode,
    policeRegion: kommun?.policeRegion ?? (lanCode ? g.county(lanCode)?.policeRegion : null) ?? null,
    // The place's own point, else its town's (a district), else its municipality's seat; none for
    // a county (see PointSource in gazetteer.ts).
    lat: place.lat,
    lon: place.lon,
  };
}

const NOWHERE: PlaceInfo = { locality: null, kommunCode: null, lanCode: null, policeRegion: null, lat: null, lon: null };

/**
 * Resolves a location field ("Södermalm, Stockholm", "Gbg", "Malmo C", "Sthlm/Solna",
 * "I Malmö 12-14 maj, sedan Lund") against the gazetteer.
 */
export function normaliseLocation(raw: string | null | undefined): LocationInfo {
  if (raw == null) return { raw: null, ...NOWHERE, places: [], unresolved: false };
  const segs = segments(raw);
  const field = { numbers: /\d/.test(raw.length > MAX_CHARS ? raw.slice(0, MAX_CHARS) : raw), segments: segs.length };
  const found = segs.flatMap((s, i) => scan(s, i, field));
  const plain = found.some((m) => !m.weak && m.places.some((p) => p.kind !== 'nowhere'));
  const mentions = plain ? found : found.filter((m) => !m.weak);
  const chosen = mentions.map((m, k) => {
    const place = choose(m.places, qualifiers(mentions, k, segs));
    // Around a square or a district is still in the city ("runt Odenplan"); around a town, maybe not.
    return place && m.area && place.kind !== 'district' ? countyOf(place) : place;
  });
  const counties = countyQualifiers(mentions, chosen, segs);
  const named = chosen.filter((p, k): p is Place => p !== null && !counties.has(k));
  const places = distinct(named).map(placeInfo);
  const primary = places[0];
  if (!primary) {
    // Punctuation or emoji alone is an empty field, not an unresolved place.
    return { raw, ...NOWHERE, places: [], unresolved: /[\p{L}\p{N}]/u.test(raw) };
  }
  return { raw, ...primary, places, unresolved: false };
}
