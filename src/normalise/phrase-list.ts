// User-extendable phrase lists (config/phrases/*.yaml): the shared machinery behind the youth-cue
// list (minor-cues.ts) and the indicator lists (src/indicators/phrases.ts). A list is data so that
// analysts can add a site's wording without a code change. Matching takes the compiled list as an
// argument and reads nothing else, so it is a pure function of its inputs; only readPhraseFile and
// the loaders built on it touch the file system.
//
// Rules every list shares (each list's YAML header repeats them for its users):
// - a file is a mapping from a group name ("svenska", "english") to a list of phrases;
// - matching ignores case and diacritics, å/ä/ö included (folded to a/o on both sides);
// - a phrase matches whole words only, and a space or hyphen inside it matches any run of spaces,
//   hyphens, dots and underscores, or none ("school girl" = "schoolgirl" = "school-girl");
// - a match is skipped when one of the two words before it, in the same clause, negates it
//   ("inga minderåriga", "not scared"); lists may add a ban right after it ("... not allowed").

import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { isMap, isScalar, isSeq, LineCounter, parseDocument, type Node as YamlNode } from 'yaml';
import { ConfigError } from '../errors.ts';
import { remember } from './remember.ts';
import { removeInvisible } from './text.ts';

export interface PhraseEntry {
  /** The phrase as written in the list. */
  phrase: string;
  /** The list's group name ("svenska", "english"), for messages. */
  group: string;
  /** Whole-word, separator-tolerant pattern over folded text (see foldWithOffsets). */
  pattern: RegExp;
}

export interface PhraseHit {
  phrase: string;
  group: string;
  /** Index of the input text (when several were given) the hit is in. */
  text: number;
  /** Range in the folded text. */
  from: number;
  to: number;
  /** The matched text as it stands in the input (original case and spelling), at most 40 characters. */
  evidence: string;
}

/** Evidence strings are shown in review lists next to each other: a few words each. */
export const MAX_EVIDENCE_CHARS = 40;

// ---------------------------------------------------------------------------------------------
// Folding with offsets. The folded text is what patterns run on; the offsets lead a match back to
// the input so that a reviewer sees "Skolflicka" as the ad wrote it, not "skolflicka". Same
// folding as foldText (text.ts), done one code point at a time to keep the offsets.

export interface FoldedText {
  /** Folded text: lower case, diacritics gone except å/ä/ö (or those too, with `ascii`), spaces collapsed. */
  text: string;
  /** The input in NFC, which the offsets refer to. */
  source: string;
  /** For each character of `text`, where its source starts and ends in `source`. */
  start: number[];
  end: number[];
}

const KEEP: Record<string, string> = { å: 'å', ä: 'ä', ö: 'ö', ø: 'ö', æ: 'ä' };
const ASCII: Record<string, string> = { å: 'a', ä: 'a', ö: 'o' };

/** What one code point of NFC input folds to (possibly several characters, possibly none). */
function foldCodePointSlow(ch: string, ascii: boolean): string {
  let folded = '';
  for (const lower of removeInvisible(ch).normalize('NFKC').toLowerCase()) {
    let out = KEEP[lower] ?? lower.normalize('NFD').replace(/\p{M}+/gu, '');
    if (ascii) out = [...out].map((c) => ASCII[c] ?? c).join('');
    folded += out;
  }
  return folded;
}

// Folding depends on the code point alone, so the Unicode normalisations run once per distinct
// non-ASCII code point rather than once per character of every text.
const FOLD_CACHE_LIMIT = 10_000;
const foldKeepingLetters = remember(FOLD_CACHE_LIMIT, (cp: number) => foldCodePointSlow(String.fromCodePoint(cp), false));
const foldToAscii = remember(FOLD_CACHE_LIMIT, (cp: number) => foldCodePointSlow(String.fromCodePoint(cp), true));

function foldCodePoint(cp: number, ascii: boolean): string {
  // ASCII has nothing to normalise, remove or strip: only case.
  if (cp < 0x80) return String.fromCharCode(cp >= 65 && cp <= 90 ? cp + 32 : cp);
  return ascii ? foldToAscii(cp) : foldKeepingLetters(cp);
}

function isSpace(c: string): boolean {
  const code = c.charCodeAt(0);
  if (c.length === 1 && code < 0x80) return code === 32 || (code >= 9 && code <= 13);
  return /\s/u.test(c);
}

/** Builds a FoldedText one folded character at a time, a run of spaces becoming one. */
class FoldedBuilder {
  readonly chars: string[] = [];
  readonly start: number[] = [];
  readonly end: number[] = [];
  private space: [number, number] | null = null;

  /** Adds `c`, folded from source[i, next). */
  add(c: string, i: number, next: number): void {
    if (isSpace(c)) {
      if (this.space) this.space[1] = next;
      else this.space = [i, next];
      return;
    }
    if (this.space && this.chars.length > 0) this.push(' ', this.space[0], this.space[1]);
    this.space = null;
    this.push(c, i, next);
  }

  private push(c: string, i: number, next: number): void {
    this.chars.push(c);
    this.start.push(i);
    this.end.push(next);
  }
}

export function foldWithOffsets(raw: string, options: { ascii?: boolean } = {}): FoldedText {
  const source = raw.normalize('NFC');
  const ascii = options.ascii === true;
  const out = new FoldedBuilder();
  for (let i = 0; i < source.length; ) {
    const cp = source.codePointAt(i)!;
    const next = i + (cp > 0xffff ? 2 : 1);
    const folded = foldCodePoint(cp, ascii);
    // Nearly always one character: no need to walk it code point by code point.
    if (folded.length === 1) out.add(folded, i, next);
    else for (const c of folded) out.add(c, i, next);
    i = next;
  }
  return { text: out.chars.join(''), source, start: out.start, end: out.end };
}

/** The input text behind folded characters [from, to), trimmed to MAX_EVIDENCE_CHARS. */
export function evidenceOf(f: FoldedText, from: number, to: number): string {
  if (to <= from) return '';
  const s = f.source.slice(f.start[from]!, f.end[to - 1]!).replace(/\s+/gu, ' ').trim();
  return s.length <= MAX_EVIDENCE_CHARS ? s : `${s.slice(0, MAX_EVIDENCE_CHARS - 1)}…`;
}

// ---------------------------------------------------------------------------------------------
// Compiling.

const SEPARATORS = /[\s\-_.]+/u;
const escape = (s: string): string => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/** The folded words of a phrase; two phrases with the same words joined are duplicates. */
export function phraseTokens(phrase: string): string[] {
  return foldWithOffsets(phrase, { ascii: true }).text.split(SEPARATORS).filter((t) => t !== '');
}

export function compilePhrase(phrase: string): RegExp {
  return new RegExp(
    `(?<![\\p{L}\\p{N}])${phraseTokens(phrase).map(escape).join('[\\s\\-_.]*')}(?![\\p{L}\\p{N}])`,
    'gu',
  );
}

/** Entries from phrases given in code (tests, or a caller with its own list). */
export function compilePhrases(phrases: ReadonlyArray<string>, group = 'inline'): PhraseEntry[] {
  return phrases.map((phrase) => ({ phrase, group, pattern: compilePhrase(phrase) }));
}

// ---------------------------------------------------------------------------------------------
// Negation. Site disclaimers and reviews name a thing to deny it ("inga minderåriga", "no teens",
// "hon var inte rädd", "never seemed scared"). A negation within two words before the match, in
// the same clause, marks such a sentence. Two words and not more: "ingen vanlig skolflicka" (no
// ordinary schoolgirl) is then missed, which the minor-cue test records.

const NEGATIONS = new Set([
  'no', 'not', 'never', 'nobody', 'without', "don't", 'dont', "isn't", "aren't", 'ingen', 'inga', 'inget',
  'ej', 'inte', 'aldrig', 'utan', 'forbjudet', 'forbjuden', 'forbjudna', 'forbidden', 'prohibited',
]);
const CLAUSE_END = /[.,;:!?()|/\n]/u;
// A ban right after the match ("minderåriga äga ej tillträde", "underage not allowed").
const BANNED_AFTER =
  /^[\s\-_]*(?:\S+\s+){0,2}?(?:(?:ej|inte|not|never|aldrig)\s+(?:\S+\s+)?(?:tilltrade|valkomna|valkommen|welcome|allowed|permitted|admitted|tillatna|tillatet|tillats)|forbjud\p{L}*|forbidden|prohibited|banned)(?![\p{L}\p{N}])/u;

function lastClauseEnd(s: string): number {
  for (let i = s.length - 1; i >= 0; i--) if (CLAUSE_END.test(s[i]!)) return i;
  return -1;
}

function firstClauseEnd(s: string): number {
  for (let i = 0; i < s.length; i++) if (CLAUSE_END.test(s[i]!)) return i;
  return s.length;
}

/** Whether one of the two words before [from, to) of folded `text`, in its clause, is a negation. */
export function negatedBefore(text: string, from: number): boolean {
  const before = text.slice(0, from);
  const clauseBefore = before.slice(lastClauseEnd(before) + 1);
  const words = clauseBefore.trim().split(/\s+/u).slice(-2);
  return words.some((w) => NEGATIONS.has(w));
}

/** Whether the clause right after [from, to) of folded `text` bans the matched thing. */
export function bannedAfter(text: string, to: number): boolean {
  const after = text.slice(to);
  return BANNED_AFTER.test(after.slice(0, firstClauseEnd(after)));
}

// ---------------------------------------------------------------------------------------------
// Matching.

export interface FindPhraseOptions {
  /** Also skip a match that the rest of its clause bans ("minderåriga äga ej tillträde"). */
  bansAfter?: boolean;
  /**
   * A list's own veto, given the ASCII-folded text, the match's range in it and the entry; true
   * skips the match. Must be pure.
   */
  skip?: (folded: string, from: number, to: number, entry: PhraseEntry) => boolean;
}

// The same title and description go through several lists in a row (youth cues, third party,
// availability): recent foldings are kept rather than redone. Never handed out, so no caller
// can change a kept one.
const RECENT_FOLDS = 16;
const foldedForMatching = remember(RECENT_FOLDS, (raw: string) => foldWithOffsets(raw, { ascii: true }));

// Most phrases of a list are absent from most texts. A compiled phrase matches its words
// literally, so a text without its longest word is passed over without running the pattern
// (whose leading look-behind is tried at every position). Only for patterns compilePhrase made:
// for any other the word proves nothing and the pattern always runs.
// Keyed by the pattern, whose source cannot change, and checked against the phrase, which could.
const needles = new WeakMap<RegExp, { phrase: string; needle: string | null }>();

function requiredText(entry: PhraseEntry): string | null {
  const kept = needles.get(entry.pattern);
  if (kept && kept.phrase === entry.phrase) return kept.needle;
  let needle: string | null = null;
  try {
    if (compilePhrase(entry.phrase).source === entry.pattern.source) {
      needle = phraseTokens(entry.phrase).reduce((a, b) => (b.length > a.length ? b : a), '');
    }
  } catch {
    // A phrase that does not compile was not compiled from: no needle.
  }
  needles.set(entry.pattern, { phrase: entry.phrase, needle: needle || null });
  return needle || null;
}

/**
 * Phrases of `entries` found in `texts`, in text order within each text; the same stretch of a
 * text is reported once (for the first entry that matched it). Pure.
 */
export function findPhrases(
  texts: string | null | undefined | ReadonlyArray<string | null | undefined>,
  entries: ReadonlyArray<PhraseEntry>,
  options: FindPhraseOptions = {},
): PhraseHit[] {
  const all = typeof texts === 'string' || texts == null ? [texts] : texts;
  const found: PhraseHit[] = [];
  all.forEach((raw, index) => {
    if (raw == null || raw.trim() === '') return;
    const f = foldedForMatching(raw);
    const hits: Array<{ from: number; to: number; entry: PhraseEntry }> = [];
    for (const entry of entries) {
      const needle = requiredText(entry);
      if (needle !== null && !f.text.includes(needle)) continue;
      const re = new RegExp(entry.pattern.source, 'gu');
      for (let m = re.exec(f.text); m !== null; m = re.exec(f.text)) {
        const from = m.index;
        const to = from + m[0].length;
        if (negatedBefore(f.text, from)) continue;
        if (options.bansAfter && bannedAfter(f.text, to)) continue;
        if (options.skip?.(f.text, from, to, entry)) continue;
        if (hits.some((h) => h.from === from && h.to === to)) continue;
        hits.push({ from, to, entry });
      }
    }
    hits.sort((a, b) => a.from - b.from);
    for (const h of hits) {
      found.push({
        phrase: h.entry.phrase,
        group: h.entry.group,
        text: index,
        from: h.from,
        to: h.to,
        evidence: evidenceOf(f, h.from, h.to),
      });
    }
  });
  return found;
}

// ---------------------------------------------------------------------------------------------
// Loading. `kind` names the list in messages: "minor-cue" gives "the minor-cue list is empty" and
// "cannot read the minor-cue phrase list".

export function findPackageRoot(fromDir: string): string {
  // Walk up rather than a fixed '../..': the same code runs from src/ under tsx and from a
  // compiled or bundled copy, and a mapping may be started from any working directory.
  let dir = fromDir;
  for (;;) {
    if (existsSync(path.join(dir, 'package.json'))) return dir;
    const parent = path.dirname(dir);
    if (parent === dir) throw new ConfigError(`Cannot find Kartla's package.json above ${fromDir}`);
    dir = parent;
  }
}

/**
 * Parses the text of a phrase-list file; `file` is used in messages only. Throws ConfigError naming
 * the file, the line and the entry, and saying what to do, when the list is not valid.
 */
export function parsePhraseList(text: string, file: string, kind: string): PhraseEntry[] {
  const lineCounter = new LineCounter();
  const doc = parseDocument(text, { lineCounter, prettyErrors: true });
  const lineOf = (node: YamlNode | null | undefined): string => {
    const offset = node?.range?.[0];
    return offset === undefined ? '' : `, line ${lineCounter.linePos(offset).line}`;
  };
  if (doc.errors.length > 0) {
    const first = doc.errors[0]!;
    const where = first.linePos?.[0] ? `, line ${first.linePos[0].line}` : '';
    throw new ConfigError(`${file}${where}: not valid YAML: ${first.message.split('\n')[0]}`);
  }
  const root = doc.contents;
  if (root == null) throw new ConfigError(`${file}: the ${kind} list is empty; it needs groups of phrases`);
  if (!isMap(root)) {
    throw new ConfigError(`${file}${lineOf(root)}: must be a mapping from a group name to a list of phrases`);
  }
  const entries: PhraseEntry[] = [];
  const seen = new Map<string, string>();
  for (const pair of root.items) {
    const group = isScalar(pair.key) ? String(pair.key.value) : String(pair.key);
    const value = pair.value as YamlNode | null;
    if (!isSeq(value)) {
      throw new ConfigError(`${file}${lineOf((value ?? pair.key) as YamlNode)}: group "${group}" must be a list of phrases`);
    }
    value.items.forEach((item, i) => {
      const node = item as YamlNode | null;
      const v: unknown = isScalar(node) ? node.value : node;
      const where = `${file}${lineOf(node)}: entry ${i + 1} of "${group}"`;
      if (typeof v !== 'string') {
        const shown = v === null || v === undefined ? 'nothing' : `${JSON.stringify(isMap(v) || isSeq(v) ? (v as YamlNode).toJSON() : v)}`;
        throw new ConfigError(`${where} must be a phrase in quotes or plain text, got ${shown}`);
      }
      const phrase = v.trim();
      const key = phraseTokens(phrase).join('');
      if (key === '') throw new ConfigError(`${where} is empty; remove it or write a phrase`);
      const earlier = seen.get(key);
      if (earlier !== undefined) {
        throw new ConfigError(`${where} ("${phrase}") matches the same text as "${earlier}"; keep one of them`);
      }
      seen.set(key, phrase);
      entries.push({ phrase, group, pattern: compilePhrase(phrase) });
    });
  }
  if (entries.length === 0) throw new ConfigError(`${file}: the ${kind} list has no phrases`);
  return entries;
}

/** The text of a phrase-list file, or a ConfigError naming it and why it cannot be read. */
export function readPhraseFile(file: string, kind: string): string {
  try {
    return readFileSync(file, 'utf8');
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    const why = code === 'ENOENT' ? 'no such file' : code === 'EISDIR' ? 'is a directory' : String(error);
    throw new ConfigError(`${file}: cannot read the ${kind} phrase list (${why})`);
  }
}
