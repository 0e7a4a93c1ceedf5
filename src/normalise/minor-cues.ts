// Youth cues from the maintained phrase list (config/phrases/minor-cues.yaml). The list is data
// so that analysts can add a site's slang without a code change. Matching takes the list as an
// argument and reads nothing else, so it is a pure function of its inputs; only the loader
// touches the file system. The folding, compiling, negation and loading machinery is shared with
// the indicator lists and lives in phrase-list.ts.

import path from 'node:path';
import { fileURLToPath } from 'node:url';
import {
  compilePhrases,
  findPackageRoot,
  findPhrases,
  parsePhraseList,
  readPhraseFile,
  type PhraseEntry,
} from './phrase-list.ts';

export { evidenceOf, foldWithOffsets, MAX_EVIDENCE_CHARS, type FoldedText } from './phrase-list.ts';

export type MinorCue = PhraseEntry;

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

const KIND = 'minor-cue';

/** Builds a list from phrases given in code (tests, or a caller with its own list). */
export function compileMinorCues(phrases: ReadonlyArray<string>, source = 'inline', group = 'inline'): MinorCueList {
  return { source, cues: compilePhrases(phrases, group) };
}

/**
 * Youth phrases of `list` found in `texts`, in text order; the same stretch of text is reported once.
 * A phrase negated just before ("inga minderåriga", "no teens") or banned right after
 * ("minderåriga äga ej tillträde", "underage not allowed") in the same clause is skipped: site
 * disclaimers are not youth cues. Pure: the list is an argument, nothing is read or cached here.
 */
export function findMinorCues(
  texts: string | null | undefined | ReadonlyArray<string | null | undefined>,
  list: MinorCueList,
): MinorCueMatch[] {
  return findPhrases(texts, list.cues, { bansAfter: true }).map((h) => ({ phrase: h.phrase, evidence: h.evidence }));
}

/** config/phrases/minor-cues.yaml of the Kartla package, whatever the working directory. */
export function defaultMinorCuesFile(): string {
  return path.join(findPackageRoot(path.dirname(fileURLToPath(import.meta.url))), 'config', 'phrases', 'minor-cues.yaml');
}

/** Parses list text; `file` is used in messages only. */
export function parseMinorCues(text: string, file: string): MinorCueList {
  return { source: file, cues: parsePhraseList(text, file, KIND) };
}

let defaultList: MinorCueList | undefined;

/**
 * The youth-cue list of `file`, or of config/phrases/minor-cues.yaml (read once and cached).
 * Throws ConfigError naming the file and the entry when the list is not valid.
 */
export function loadMinorCues(file?: string): MinorCueList {
  if (file === undefined && defaultList) return defaultList;
  const target = file ?? defaultMinorCuesFile();
  const list = parseMinorCues(readPhraseFile(target, KIND), target);
  if (file === undefined) defaultList = list;
  return list;
}
