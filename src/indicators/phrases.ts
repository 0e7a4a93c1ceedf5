// The indicator phrase lists (config/phrases/third-party.yaml, availability.yaml,
// review-distress.yaml): loading, and the pure matchers with each list's own rules. The shared
// machinery (folding, whole-word separator-tolerant patterns, negation, the YAML format and its
// errors) is src/normalise/phrase-list.ts, the same as the youth-cue list's.

import path from 'node:path';
import { fileURLToPath } from 'node:url';
import {
  compilePhrases,
  findPackageRoot,
  findPhrases,
  parsePhraseList,
  readPhraseFile,
  type PhraseEntry,
  type PhraseHit,
} from '../normalise/phrase-list.ts';

export type IndicatorListName = 'thirdParty' | 'availability' | 'reviewDistress';

export interface IndicatorPhraseList {
  /** Where the list came from (a file path, or "inline"). */
  source: string;
  entries: readonly PhraseEntry[];
}

export type IndicatorPhrases = Readonly<Record<IndicatorListName, IndicatorPhraseList>>;

/** File name of each list inside the phrases directory, and the name its messages use. */
export const INDICATOR_PHRASE_FILES: Readonly<Record<IndicatorListName, { file: string; kind: string }>> = {
  thirdParty: { file: 'third-party.yaml', kind: 'third-party' },
  availability: { file: 'availability.yaml', kind: 'availability' },
  reviewDistress: { file: 'review-distress.yaml', kind: 'review-distress' },
};

const NAMES = Object.keys(INDICATOR_PHRASE_FILES) as IndicatorListName[];

/** config/phrases of the Kartla package, whatever the working directory. */
export function defaultIndicatorPhrasesDir(): string {
  return path.join(findPackageRoot(path.dirname(fileURLToPath(import.meta.url))), 'config', 'phrases');
}

/** Parses the text of one list; `file` is used in messages only. Throws ConfigError (file, line, entry). */
export function parseIndicatorPhraseList(name: IndicatorListName, text: string, file: string): IndicatorPhraseList {
  return { source: file, entries: parsePhraseList(text, file, INDICATOR_PHRASE_FILES[name].kind) };
}

let defaultLists: IndicatorPhrases | undefined;

/**
 * The three indicator lists from `dir`, or from the package's config/phrases (read once and
 * cached). Throws ConfigError naming the file, the line and the entry when a list is not valid.
 */
export function loadIndicatorPhrases(dir?: string): IndicatorPhrases {
  if (dir === undefined && defaultLists) return defaultLists;
  const base = dir ?? defaultIndicatorPhrasesDir();
  const lists = {} as Record<IndicatorListName, IndicatorPhraseList>;
  for (const name of NAMES) {
    const { file, kind } = INDICATOR_PHRASE_FILES[name];
    const target = path.join(base, file);
    lists[name] = parseIndicatorPhraseList(name, readPhraseFile(target, kind), target);
  }
  if (dir === undefined) defaultLists = lists;
  return lists;
}

/** Lists from phrases given in code (tests, or a caller with its own lists); a missing list is empty. */
export function compileIndicatorPhrases(phrases: Partial<Record<IndicatorListName, ReadonlyArray<string>>>): IndicatorPhrases {
  const lists = {} as Record<IndicatorListName, IndicatorPhraseList>;
  for (const name of NAMES) lists[name] = { source: 'inline', entries: compilePhrases(phrases[name] ?? []) };
  return lists;
}

type Texts = string | null | undefined | ReadonlyArray<string | null | undefined>;

// ---------------------------------------------------------------------------------------------
// Each list's own rules (documented in its YAML header).

/** Third-party or agency wording in an ad's title and description. */
export function findThirdParty(texts: Texts, list: IndicatorPhraseList): PhraseHit[] {
  return findPhrases(texts, list.entries);
}

// "24/7" is also a date (24 July), and "7/24" one in the US order. A match that starts or ends with
// a digit is skipped when it is part of a date: another "/" or "-" and a digit right after it
// ("24/7/2025", "24/7-28/7"), a digit and a dash right before it ("20/7-24/7"), or a date word just
// before it ("den 24/7", "från 24/7", "född 24/7", "on 24/7").
const DATE_WORDS = new Set([
  'den', 'fodd', 'fran', 'till', 'tom', 'datum', 'mellan', 'sedan', 'on', 'from', 'until', 'since', 'date', 'dated', 'born',
]);

function partOfDate(text: string, from: number, to: number): boolean {
  const match = text.slice(from, to);
  const before = text.slice(0, from);
  const after = text.slice(to);
  if (/\d$/u.test(match) && /^\s*(?:[/\-–—]\s*\d|\.\d)/u.test(after)) return true;
  if (!/^\d/u.test(match)) return false;
  if (/\d\s*[-–—]\s*$/u.test(before)) return true;
  const previous = before.trim().split(/\s+/u).at(-1) ?? '';
  return DATE_WORDS.has(previous.replace(/[^\p{L}]/gu, ''));
}

/** Promises of constant availability ("24/7", "dygnet runt") in an ad's title and description. */
export function findAvailability(texts: Texts, list: IndicatorPhraseList): PhraseHit[] {
  return findPhrases(texts, list.entries, { skip: (text, from, to) => partOfDate(text, from, to) });
}

// Swedish "ont om" is "short of" ("hade ont om tid") and "rädd om" is "careful with" ("rädd om
// sina saker"): a match ending in "ont" or "rädd" followed by the word "om" (only a space between,
// so "ont. Om jag ska vara ärlig" still counts) is skipped.
function notDistress(text: string, from: number, to: number): boolean {
  return /(?:^|[^\p{L}\p{N}])(?:ont|radd)$/u.test(text.slice(from, to)) && /^\s*om(?![\p{L}\p{N}])/u.test(text.slice(to));
}

/** Distress cues in review texts. */
export function findReviewDistress(texts: Texts, list: IndicatorPhraseList): PhraseHit[] {
  return findPhrases(texts, list.entries, { skip: (text, from, to) => notDistress(text, from, to) });
}
