// Youth cues from the maintained phrase list (config/phrases/minor-cues.yaml). The list is data
// so that analysts can add a site's slang without a code change. Matching takes the list as an
// argument and reads nothing else, so it is a pure function of its inputs; only the loader
// touches the file system.

import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { isMap, isScalar, isSeq, LineCounter, parseDocument, type Node as YamlNode } from 'yaml';
import { ConfigError } from '../errors.ts';
import { removeInvisible } from './text.ts';

export interface MinorCue {
  /** The phrase as written in the list. */
  phrase: string;
  /** The list's group name ("svenska", "english"), for messages. */
  group: string;
  /** Whole-word, separator-tolerant pattern over folded text (see foldWithOffsets). */
  pattern: RegExp;
}

export interface MinorCueList {
  /** Where the list came from (a file path, or a name given to compileMinorCues). */
  source: string;
  cues: readonly MinorCue[];
}

export interface MinorCueMatch {
  phrase: string;
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

export function foldWithOffsets(raw: string, options: { ascii?: boolean } = {}): FoldedText {
  const source = raw.normalize('NFC');
  let text = '';
  const start: number[] = [];
  const end: number[] = [];
  let space: [number, number] | null = null;
  for (let i = 0; i < source.length; ) {
    const ch = String.fromCodePoint(source.codePointAt(i)!);
    const next = i + ch.length;
    for (const lower of removeInvisible(ch).normalize('NFKC').toLowerCase()) {
      let out = KEEP[lower] ?? lower.normalize('NFD').replace(/\p{M}+/gu, '');
      if (options.ascii) out = [...out].map((c) => ASCII[c] ?? c).join('');
      for (const c of out) {
        if (/\s/u.test(c)) {
          if (space) space[1] = next;
          else space = [i, next];
          continue;
        }
        if (space && text !== '') {
          text += ' ';
          start.push(space[0]);
          end.push(space[1]);
        }
        space = null;
        text += c;
        start.push(i);
        end.push(next);
      }
    }
    i = next;
  }
  return { text, source, start, end };
}

/** The input text behind folded characters [from, to), trimmed to MAX_EVIDENCE_CHARS. */
export function evidenceOf(f: FoldedText, from: number, to: number): string {
  if (to <= from) return '';
  const s = f.source.slice(f.start[from]!, f.end[to - 1]!).replace(/\s+/gu, ' ').trim();
  return s.length <= MAX_EVIDENCE_CHARS ? s : `${s.slice(0, MAX_EVIDENCE_CHARS - 1)}…`;
}

// ---------------------------------------------------------------------------------------------
// Compiling and matching.

const SEPARATORS = /[\s\-_.]+/u;
const escape = (s: string): string => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

function tokens(phrase: string): string[] {
  return foldWithOffsets(phrase, { ascii: true }).text.split(SEPARATORS).filter((t) => t !== '');
}

function compile(phrase: string): RegExp {
  return new RegExp(
    `(?<![\\p{L}\\p{N}])${tokens(phrase).map(escape).join('[\\s\\-_.]*')}(?![\\p{L}\\p{N}])`,
    'gu',
  );
}

/** Builds a list from phrases given in code (tests, or a caller with its own list). */
export function compileMinorCues(phrases: ReadonlyArray<string>, source = 'inline', group = 'inline'): MinorCueList {
  return { source, cues: phrases.map((phrase) => ({ phrase, group, pattern: compile(phrase) })) };
}

// Site disclaimers name minors to exclude them ("inga minderåriga", "no teens", "ej för
// minderåriga", "minderåriga äga ej tillträde"). A negation within two words before the match, or
// a ban right after it, in the same clause, marks such a sentence. Two words and not more: "ingen
// vanlig skolflicka" (no ordinary schoolgirl) is then missed, which the test records.
const NEGATIONS = new Set([
  'no', 'not', 'never', 'nobody', 'without', "don't", 'dont', "isn't", "aren't", 'ingen', 'inga', 'inget',
  'ej', 'inte', 'aldrig', 'utan', 'forbjudet', 'forbjuden', 'forbjudna', 'forbidden', 'prohibited',
]);
const CLAUSE_END = /[.,;:!?()|/\n]/u;
const BANNED_AFTER =
  /^[\s\-_]*(?:\S+\s+){0,2}?(?:(?:ej|inte|not|never|aldrig)\s+(?:\S+\s+)?(?:tilltrade|valkomna|valkommen|welcome|allowed|permitted|admitted|tillatna|tillatet|tillats)|forbjud\p{L}*|forbidden|prohibited|banned)(?![\p{L}\p{N}])/u;

function negated(text: string, from: number, to: number): boolean {
  const before = text.slice(0, from);
  const clauseBefore = before.slice(lastClauseEnd(before) + 1);
  const words = clauseBefore.trim().split(/\s+/u).slice(-2);
  if (words.some((w) => NEGATIONS.has(w))) return true;
  const after = text.slice(to);
  const clauseAfter = after.slice(0, firstClauseEnd(after));
  return BANNED_AFTER.test(clauseAfter);
}

function lastClauseEnd(s: string): number {
  for (let i = s.length - 1; i >= 0; i--) if (CLAUSE_END.test(s[i]!)) return i;
  return -1;
}

function firstClauseEnd(s: string): number {
  for (let i = 0; i < s.length; i++) if (CLAUSE_END.test(s[i]!)) return i;
  return s.length;
}

/**
 * Youth phrases of `list` found in `texts`, in text order; the same stretch of text is reported once.
 * Pure: the list is an argument, nothing is read or cached here.
 */
export function findMinorCues(
  texts: string | null | undefined | ReadonlyArray<string | null | undefined>,
  list: MinorCueList,
): MinorCueMatch[] {
  const all = typeof texts === 'string' || texts == null ? [texts] : texts;
  const found: MinorCueMatch[] = [];
  for (const raw of all) {
    if (raw == null || raw.trim() === '') continue;
    const f = foldWithOffsets(raw, { ascii: true });
    const hits: Array<{ from: number; to: number; phrase: string }> = [];
    for (const cue of list.cues) {
      const re = new RegExp(cue.pattern.source, 'gu');
      for (let m = re.exec(f.text); m !== null; m = re.exec(f.text)) {
        const to = m.index + m[0].length;
        if (negated(f.text, m.index, to)) continue;
        if (hits.some((h) => h.from === m!.index && h.to === to)) continue;
        hits.push({ from: m.index, to, phrase: cue.phrase });
      }
    }
    hits.sort((a, b) => a.from - b.from);
    for (const h of hits) found.push({ phrase: h.phrase, evidence: evidenceOf(f, h.from, h.to) });
  }
  return found;
}

// ---------------------------------------------------------------------------------------------
// Loading.

function findPackageRoot(fromDir: string): string {
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

/** config/phrases/minor-cues.yaml of the Kartla package, whatever the working directory. */
export function defaultMinorCuesFile(): string {
  return path.join(findPackageRoot(path.dirname(fileURLToPath(import.meta.url))), 'config', 'phrases', 'minor-cues.yaml');
}

/** Parses list text; `file` is used in messages only. */
export function parseMinorCues(text: string, file: string): MinorCueList {
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
  if (root == null) throw new ConfigError(`${file}: the minor-cue list is empty; it needs groups of phrases`);
  if (!isMap(root)) {
    throw new ConfigError(`${file}${lineOf(root)}: must be a mapping from a group name to a list of phrases`);
  }
  const cues: MinorCue[] = [];
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
      const key = tokens(phrase).join('');
      if (key === '') throw new ConfigError(`${where} is empty; remove it or write a phrase`);
      const earlier = seen.get(key);
      if (earlier !== undefined) {
        throw new ConfigError(`${where} ("${phrase}") matches the same text as "${earlier}"; keep one of them`);
      }
      seen.set(key, phrase);
      cues.push({ phrase, group, pattern: compile(phrase) });
    });
  }
  if (cues.length === 0) throw new ConfigError(`${file}: the minor-cue list has no phrases`);
  return { source: file, cues };
}

let defaultList: MinorCueList | undefined;

/**
 * The youth-cue list of `file`, or of config/phrases/minor-cues.yaml (read once and cached).
 * Throws ConfigError naming the file and the entry when the list is not valid.
 */
export function loadMinorCues(file?: string): MinorCueList {
  if (file === undefined && defaultList) return defaultList;
  const target = file ?? defaultMinorCuesFile();
  let text: string;
  try {
    text = readFileSync(target, 'utf8');
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    const why = code === 'ENOENT' ? 'no such file' : code === 'EISDIR' ? 'is a directory' : String(error);
    throw new ConfigError(`${target}: cannot read the minor-cue phrase list (${why})`);
  }
  const list = parseMinorCues(text, target);
  if (file === undefined) defaultList = list;
  return list;
}
