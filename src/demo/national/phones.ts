// Telephone numbers of the national synthetic web, and why no page can ever point at a subscriber.
//
// Swedish numbers come ONLY from the ranges PTS reserves for fiction (books, films, TV), which it
// will never assign to anyone:
//   070-174 06 05 … 070-174 06 99   mobile (95 numbers)
//   08-465 004 00 … 08-465 004 99   Stockholm fixed line
//   031-390 06 00 … 031-390 06 99   Göteborg fixed line
//   040-628 04 00 … 040-628 04 99   Malmö fixed line
//   0980-319 200 … 0980-319 299     Kiruna fixed line
// 495 numbers in all, every one valid for libphonenumber (tested).
//
// Why not a larger "unallocated" Swedish mobile series: PTS allocates mobile numbers in blocks
// within 070/072/073/076/079 and reallocates freed blocks; any block that libphonenumber accepts
// as valid may be assigned tomorrow, and nothing in this repository could prove otherwise. The
// series libphonenumber rejects (0710…, 0741…, 075…) would be dropped by a correct normaliser,
// which defeats the purpose. So the fiction ranges are the only Swedish numbers we can justify.
//
// The trade-off, stated honestly: 495 numbers cannot give ~8,500 Swedish-number independents their
// own line. Organisations get EXCLUSIVE lines (a number in an organisation's ads is never seen on
// anyone else's), so the organisation ground truth and phone-sharing agree. Independent profiles
// draw from a SHARED remainder, so unrelated independents collide on a number ("collision
// numbers", listed in the world): a phone-based clustering over-merges them in this world. Shared
// numbers come in fixed pairs and an independent's second Swedish number is always its first
// one's partner, so collisions never chain into one giant cluster. The scorer can be told to
// ignore the collision numbers for its shared-phone baseline (like the switchboard numbers real
// mappings ignore). When the exclusive ranges run out (many new organisations in a later year),
// an organisation gets a foreign fiction line instead, which nudges the foreign share up slightly.
//
// Foreign numbers come from Ofcom's (UK) protected drama ranges, 1,000 numbers each, kept out of
// service for exactly this use: 0113/0114/0116/0117/0118/0121/0131/0141/0151/0161 496 0xxx,
// 0191 498 0xxx, 020 7946 0xxx, 029 2018 0xxx, 028 9018 0xxx (0115 496 is left out: libphonenumber
// rejects it). Each foreign number is used by one holder only.

import type { Rng } from '../random.ts';

function range(prefix: string, from: number, to: number, width: number): string[] {
  const out: string[] = [];
  for (let n = from; n <= to; n++) out.push(prefix + String(n).padStart(width, '0'));
  return out;
}

/** Every Swedish number the national web may use (PTS fiction ranges). */
export const SWEDISH_FICTION_NUMBERS: readonly string[] = [
  ...range('+467017406', 5, 99, 2),
  ...range('+468465004', 0, 99, 2),
  ...range('+46313900', 600, 699, 3),
  ...range('+46406280', 400, 499, 3),
  ...range('+46980319', 200, 299, 3),
];

const OFCOM_DRAMA_PREFIXES = [
  '+441134960', '+441144960', '+441164960', '+441174960', '+441184960', '+441214960', '+441314960',
  '+441414960', '+441514960', '+441614960', '+441914980', '+442079460', '+442920180', '+442890180',
];

/** Every foreign number the national web may use (Ofcom drama ranges). */
export const FOREIGN_FICTION_NUMBERS: readonly string[] = OFCOM_DRAMA_PREFIXES.flatMap((p) => range(p, 0, 999, 3));

const SWEDISH_SET = new Set(SWEDISH_FICTION_NUMBERS);
const FOREIGN_SET = new Set(FOREIGN_FICTION_NUMBERS);

/** True for a number the scheme above allows; the tests hold every generated number to it. */
export function isFictionNumber(e164: string): boolean {
  return SWEDISH_SET.has(e164) || FOREIGN_SET.has(e164);
}

export function isSwedish(e164: string): boolean {
  return e164.startsWith('+46');
}

/**
 * ASSUMPTION (see the header): this many Swedish numbers are set aside for independents, shared
 * among them; the rest are organisations' exclusive lines.
 */
export const SHARED_SWEDISH_COUNT = 120;

export class NationalPhonePool {
  private readonly exclusive: string[];
  readonly shared: readonly string[];
  private readonly foreign: string[];

  constructor(rng: Rng, inUse: ReadonlySet<string> = new Set(), shared?: readonly string[]) {
    const swedish = rng.shuffle(SWEDISH_FICTION_NUMBERS);
    this.shared = shared ?? swedish.slice(0, SHARED_SWEDISH_COUNT);
    const sharedSet = new Set(this.shared);
    this.exclusive = swedish.filter((n) => !sharedSet.has(n) && !inUse.has(n));
    this.foreign = rng.shuffle(FOREIGN_FICTION_NUMBERS).filter((n) => !inUse.has(n));
  }

  /** A Swedish line nobody else uses, or a foreign one when the exclusive ranges are used up. */
  exclusiveLine(): string {
    return this.exclusive.shift() ?? this.foreignLine();
  }

  foreignLine(): string {
    const n = this.foreign.shift();
    if (!n) throw new Error('the national web has used up every foreign fiction number');
    return n;
  }

  sharedSwedish(rng: Rng): string {
    return rng.pick(this.shared);
  }

  /** The fixed partner of a shared number (see the header: pairs keep collisions from chaining). */
  partner(e164: string): string {
    const i = this.shared.indexOf(e164);
    if (i < 0) throw new Error(`not a shared number: ${e164}`);
    return this.shared[i ^ 1] ?? this.shared[i - 1]!;
  }

  private resting: string[] = [];

  /**
   * A line given up (an organisation stopped). It rests for a year before anyone may have it:
   * handed straight to a new organisation, the new one would look like the old one carrying on
   * (same number in consecutive mappings) and the truth would contradict the data.
   */
  release(e164: string): void {
    if ((SWEDISH_SET.has(e164) && !this.shared.includes(e164)) || FOREIGN_SET.has(e164)) this.resting.push(e164);
  }

  /** A new year: lines released the year before may be handed out again. */
  openYear(): void {
    for (const e164 of this.resting) (SWEDISH_SET.has(e164) ? this.exclusive : this.foreign).push(e164);
    this.resting = [];
  }
}

/** National significant number split into area code and subscriber part. */
function split(e164: string): { cc: string; area: string; sub: string } {
  if (e164.startsWith('+46')) {
    const nsn = e164.slice(3);
    const a = nsn.startsWith('8') ? 1 : nsn.startsWith('980') ? 3 : 2;
    return { cc: '46', area: nsn.slice(0, a), sub: nsn.slice(a) };
  }
  const nsn = e164.slice(3);
  const a = nsn.startsWith('2') ? 2 : 3;
  return { cc: '44', area: nsn.slice(0, a), sub: nsn.slice(a) };
}

function groupSwedish(sub: string): string {
  if (sub.length === 7) return `${sub.slice(0, 3)} ${sub.slice(3, 5)} ${sub.slice(5)}`;
  if (sub.length === 6) return `${sub.slice(0, 3)} ${sub.slice(3)}`;
  return `${sub.slice(0, 3)} ${sub.slice(3, 6)} ${sub.slice(6)}`;
}

/**
 * The ways ads write one number; `style` picks one. Every form keeps all digits, so a correct
 * normaliser recovers the E.164 from any of them.
 */
export function writePhone(e164: string, style: number): string {
  const { cc, area, sub } = split(e164);
  if (cc === '44') {
    const g = sub.length === 8 ? `${sub.slice(0, 4)} ${sub.slice(4)}` : `${sub.slice(0, 3)} ${sub.slice(3)}`;
    const forms = [`+44 ${area} ${g}`, `0044 ${area} ${g}`, `+44${area}${sub}`, `+44 (0)${area} ${g}`];
    return forms[style % forms.length]!;
  }
  const g = groupSwedish(sub);
  const forms = [
    `0${area}-${g}`,
    `+46 ${area} ${g}`,
    `0046${area}${sub}`,
    `0${area} ${g}`,
    `0${area}${sub}`,
    `0${area}.${g.replace(/ /g, '.')}`,
    `+46${area}${sub}`,
    `0${area}/${sub}`,
  ];
  return forms[style % forms.length]!;
}
