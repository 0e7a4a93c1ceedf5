// Outreach priority of a cluster (or of a single profile): a sum of points, one part per indicator
// raised, so that every score can be shown as its parts. The formula is documented in
// docs/indicators.md; PRIORITY_WEIGHTS holds its numbers.
//
//   score = Σ over the distinct indicator codes raised of points(code)
//   points(shared-phone) = min(30, 6 × log2(profiles))
//   points(multi-site)   = min(12, 4 × (sites − 1))
//   points(other code)   = its fixed weight (minor-cue 120, review-distress 25, moved-region 15,
//                          third-party 10, foreign-phone 6, constant-availability 4, same-description 4)
//
// minor-cue's 120 is more than all the others together can give (106), so a possible minor always
// comes first.
//
// Each part is rounded to one decimal and the score is the sum of the rounded parts, so the parts
// shown always add up to the score shown.

import { EXPLANATIONS } from './explanations.ts';
import { INDICATOR_CODES, type Bilingual, type Indicator, type IndicatorCode } from './types.ts';

export const PRIORITY_WEIGHTS = {
  /** More than all other indicators together can give (MAX_WITHOUT_MINOR_CUE): a tier of its own. */
  'minor-cue': 120,
  'review-distress': 25,
  'moved-region': 15,
  'third-party': 10,
  'foreign-phone': 6,
  'constant-availability': 4,
  'same-description': 4,
  /** Points per doubling of the number of profiles. */
  'shared-phone': 6,
  'shared-phone-max': 30,
  /** Points per site beyond the first. */
  'multi-site': 4,
  'multi-site-max': 12,
} as const;

/**
 * The most that all indicators but minor-cue can give together (106). minor-cue's weight is above
 * it, so every cluster with a minor cue comes before every cluster without one.
 */
export const MAX_WITHOUT_MINOR_CUE =
  PRIORITY_WEIGHTS['review-distress'] +
  PRIORITY_WEIGHTS['moved-region'] +
  PRIORITY_WEIGHTS['third-party'] +
  PRIORITY_WEIGHTS['foreign-phone'] +
  PRIORITY_WEIGHTS['constant-availability'] +
  PRIORITY_WEIGHTS['same-description'] +
  PRIORITY_WEIGHTS['shared-phone-max'] +
  PRIORITY_WEIGHTS['multi-site-max'];

export interface PriorityFacts {
  /** Profiles in the cluster (1 for a single profile). */
  size: number;
  /** Distinct sites of its profiles. */
  siteCount: number;
}

export interface PriorityPart {
  code: IndicatorCode;
  points: number;
  /** How the points came about, in Swedish and English. */
  why: Bilingual;
}

export interface PriorityScore {
  score: number;
  /** Largest first; they add up to `score`. */
  parts: PriorityPart[];
}

const NAMES: Readonly<Record<IndicatorCode, Bilingual>> = {
  'shared-phone': { sv: 'delat nummer', en: 'shared phone' },
  'multi-site': { sv: 'flera sajter', en: 'several sites' },
  'moved-region': { sv: 'flytt mellan polisregioner', en: 'moved between police regions' },
  'foreign-phone': { sv: 'utländskt nummer', en: 'foreign number' },
  'minor-cue': { sv: 'möjlig minderårig', en: 'possible minor' },
  'third-party': { sv: 'tredjepartsspråk', en: 'third-party language' },
  'constant-availability': { sv: 'tillgänglig dygnet runt', en: 'always available' },
  'same-description': { sv: 'samma beskrivning', en: 'same description' },
  'review-distress': { sv: 'oro i recensioner', en: 'distress in reviews' },
};

/** The indicator's short name, for tables and the score's explanation. */
export function indicatorName(code: IndicatorCode): Bilingual {
  return NAMES[code];
}

const tenths = (x: number): number => Math.round(x * 10);
const sv = (x: number): string => String(x).replace('.', ',');

function part(code: IndicatorCode, facts: PriorityFacts): { tenths: number; why: Bilingual } {
  const name = NAMES[code];
  if (code === 'shared-phone') {
    const size = Math.max(1, Math.floor(facts.size));
    const raw = PRIORITY_WEIGHTS['shared-phone'] * Math.log2(size);
    const t = tenths(Math.min(PRIORITY_WEIGHTS['shared-phone-max'], raw));
    const v = t / 10;
    return {
      tenths: t,
      why: {
        sv: `${name.sv}: 6 × log2(${size} profiler) = ${sv(v)} (högst 30)`,
        en: `${name.en}: 6 × log2(${size} profiles) = ${v} (at most 30)`,
      },
    };
  }
  if (code === 'multi-site') {
    const sites = Math.max(1, Math.floor(facts.siteCount));
    const t = tenths(Math.min(PRIORITY_WEIGHTS['multi-site-max'], PRIORITY_WEIGHTS['multi-site'] * (sites - 1)));
    const v = t / 10;
    return {
      tenths: t,
      why: {
        sv: `${name.sv}: 4 × (${sites} sajter − 1) = ${sv(v)} (högst 12)`,
        en: `${name.en}: 4 × (${sites} sites − 1) = ${v} (at most 12)`,
      },
    };
  }
  const w = PRIORITY_WEIGHTS[code];
  return { tenths: tenths(w), why: { sv: `${name.sv}: ${sv(w)} poäng`, en: `${name.en}: ${w} points` } };
}

/**
 * The outreach priority of a cluster from its indicators (clusterIndicators, or profileIndicators
 * for a single profile). A code raised more than once (at profile and cluster level) counts once.
 * Pure; the parts add up to the score exactly.
 */
export function priorityScore(indicators: readonly Indicator[], facts: PriorityFacts): PriorityScore {
  const codes = INDICATOR_CODES.filter((c) => indicators.some((i) => i.code === c));
  const computed = codes.map((code) => ({ code, ...part(code, facts) }));
  computed.sort((a, b) => b.tenths - a.tenths || INDICATOR_CODES.indexOf(a.code) - INDICATOR_CODES.indexOf(b.code));
  const total = computed.reduce((s, p) => s + p.tenths, 0);
  return { score: total / 10, parts: computed.map((p) => ({ code: p.code, points: p.tenths / 10, why: p.why })) };
}

/** Orders scores for outreach: higher score first, then more indicators first. */
export function comparePriority(a: PriorityScore, b: PriorityScore): number {
  return b.score - a.score || b.parts.length - a.parts.length;
}

/**
 * The score as one line per part, for the CLI: "score 133.9 = 120 + 13.9" then "  120  possible minor: 120 points".
 */
export function explainPriority(p: PriorityScore, lang: keyof Bilingual = 'en'): string[] {
  const num = (x: number): string => (lang === 'sv' ? sv(x) : String(x));
  const head = lang === 'sv' ? 'poäng' : 'score';
  if (p.parts.length === 0) return [`${head} 0 (${lang === 'sv' ? 'inga indikatorer' : 'no indicators'})`];
  const width = Math.max(...p.parts.map((x) => num(x.points).length));
  return [
    `${head} ${num(p.score)} = ${p.parts.map((x) => num(x.points)).join(' + ')}`,
    ...p.parts.map((x) => `  ${num(x.points).padStart(width)}  ${x.why[lang]}`),
  ];
}

/** The explanation of an indicator in one language, for a caller that lists indicators. */
export function explanationOf(code: IndicatorCode, lang: keyof Bilingual = 'en'): string {
  return EXPLANATIONS[code][lang];
}
