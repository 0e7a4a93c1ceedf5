// Numbers spelled out to get past filters: "noll sju noll ett sju fyra …", "zero seven zero …",
// mixed with digits ("07 noll 17 fyra 06 05"), with tens ("noll sjuttio ett sjuttiofyra …"),
// glued together ("nollsjunoll…") or with spoken separators ("070 punkt 174 punkt 06 punkt 05").
//
// Digit words are ordinary words too ("en", "ett", "sex", "one", "oh"), so a word only becomes a
// digit inside a run of digit words and digit groups that holds enough digits for a phone number,
// and an ambiguous word at either end of a run must lean on an unambiguous digit word.
// The scan is a single tokenising pass: no regular expression backtracks over a run.

import { remember } from './remember.ts';
import { applyEdits, type Edit, type TrackedText } from './tracked-text.ts';

const UNITS: Record<string, string> = {
  noll: '0', nol: '0', nolla: '0', nollan: '0', zero: '0', nought: '0', oh: '0',
  ett: '1', en: '1', etta: '1', one: '1',
  två: '2', tva: '2', tvåa: '2', tvaa: '2', two: '2',
  tre: '3', trea: '3', three: '3',
  fyra: '4', fyran: '4', four: '4',
  fem: '5', femma: '5', five: '5',
  sex: '6', sexa: '6', six: '6',
  sju: '7', sjua: '7', seven: '7',
  åtta: '8', atta: '8', åttan: '8', eight: '8',
  nio: '9', nia: '9', nine: '9',
};

// Words that are at least as often something else: articles, "sex", interjections.
const AMBIGUOUS = new Set(['en', 'ett', 'sex', 'oh', 'one', 'sexa']);

const TEENS: Record<string, string> = {
  tio: '10', elva: '11', tolv: '12', tretton: '13', fjorton: '14', femton: '15', sexton: '16',
  sjutton: '17', arton: '18', aderton: '18', nitton: '19',
  ten: '10', eleven: '11', twelve: '12', thirteen: '13', fourteen: '14', fifteen: '15',
  sixteen: '16', seventeen: '17', eighteen: '18', nineteen: '19',
};

// Swedish writes 74 as one word ("sjuttiofyra"): "sjuttio fyra" apart is 70 and 4, read out in
// pairs. English writes "seventy four" or "seventy-four" for 74.
const TENS: Record<string, string> = {
  tjugo: '2', tjugi: '2', trettio: '3', tretti: '3', fyrtio: '4', fyrti: '4', förti: '4',
  femtio: '5', femti: '5', sextio: '6', sexti: '6', sjuttio: '7', sjutti: '7', åttio: '8',
  åtti: '8', attio: '8', nittio: '9', nitti: '9',
  twenty: '2', thirty: '3', forty: '4', fourty: '4', fifty: '5', sixty: '6', seventy: '7',
  eighty: '8', ninety: '9',
};

const ENGLISH_TENS = new Set(['twenty', 'thirty', 'forty', 'fourty', 'fifty', 'sixty', 'seventy', 'eighty', 'ninety']);

const MULTIPLIERS: Record<string, number> = { dubbel: 2, dubbla: 2, double: 2, trippel: 3, triple: 3 };

// Spoken separators: only ever between two digit tokens.
const CONNECTORS = new Set([
  'punkt', 'dot', 'streck', 'bindestreck', 'minus', 'dash', 'hyphen', 'slash', 'snedstreck',
  'komma', 'comma', 'mellanslag', 'space',
]);

// Only inside a glued word ("fyrahundrasextiofem", "hundrasjuttiofyra"): a three-digit group.
const HUNDREDS = new Set(['hundra', 'hundred']);

type Piece =
  | { kind: 'unit'; digit: string }
  | { kind: 'teen'; digits: string }
  | { kind: 'tens'; digit: string; english: boolean }
  | { kind: 'hundred' };

type Item =
  | { kind: 'num'; start: number; end: number }
  | { kind: 'word'; start: number; end: number; pieces: Piece[]; ambiguous: boolean }
  | { kind: 'mult'; start: number; end: number; times: number }
  | { kind: 'connector'; start: number; end: number }
  | { kind: 'plus'; start: number; end: number };

// Own keys only: page text says "constructor" and "toString" too.
const lookup = <T>(table: Record<string, T>, word: string): T | undefined =>
  Object.hasOwn(table, word) ? table[word] : undefined;

function piece(word: string): Piece | null {
  const u = lookup(UNITS, word);
  if (u !== undefined) return { kind: 'unit', digit: u };
  const t = lookup(TEENS, word);
  if (t !== undefined) return { kind: 'teen', digits: t };
  const d = lookup(TENS, word);
  if (d !== undefined) return { kind: 'tens', digit: d, english: ENGLISH_TENS.has(word) };
  return null;
}

const MAX_PIECE = 9;
const MAX_GLUED = 64;

/** A glued word ("nollsjunoll", "sjuttiofyra", "nollsex") as digit words, or null. */
function splitGlued(word: string): Piece[] | null {
  if (word.length < 6 || word.length > MAX_GLUED) return null;
  // prev[i]: length of the piece ending at i on some split of word[0, i), or 0 when unreachable.
  const prev = new Array<number>(word.length + 1).fill(0);
  const reach = new Array<boolean>(word.length + 1).fill(false);
  reach[0] = true;
  for (let i = 0; i < word.length; i++) {
    if (!reach[i]) continue;
    for (let len = 1; len <= MAX_PIECE && i + len <= word.length; len++) {
      const w = word.slice(i, i + len);
      // Single letters ("o") are too easy to find inside words.
      if (len === 1 || reach[i + len] || (piece(w) === null && !HUNDREDS.has(w))) continue;
      reach[i + len] = true;
      prev[i + len] = len;
    }
  }
  if (!reach[word.length]) return null;
  const pieces: Piece[] = [];
  for (let i = word.length; i > 0; i -= prev[i]!) {
    const w = word.slice(i - prev[i]!, i);
    pieces.unshift(HUNDREDS.has(w) ? { kind: 'hundred' } : piece(w)!);
  }
  return pieces.length >= 2 ? pieces : null;
}

/** "sjuttiofyra" is one number word; "nollsex", "oneone" are two glued, as weak as "en" alone. */
function gluedIsWeak(word: string, pieces: Piece[]): boolean {
  if (pieces.length >= 3) return false;
  return !(pieces[0]!.kind === 'tens' && pieces[1]!.kind === 'unit') || AMBIGUOUS.has(word);
}

/** What a word is to a spelled-out number, wherever it stands: an Item without its span. */
type WordReading = DistributiveOmit<Item, 'start' | 'end'>;
type DistributiveOmit<T, K extends PropertyKey> = T extends unknown ? Omit<T, K> : never;

function readWord(raw: string): WordReading | null {
  const word = raw.toLowerCase();
  const p = piece(word);
  if (p) return { kind: 'word', pieces: [p], ambiguous: AMBIGUOUS.has(word) };
  const times = lookup(MULTIPLIERS, word);
  if (times !== undefined) return { kind: 'mult', times };
  if (CONNECTORS.has(word)) return { kind: 'connector' };
  if (word === 'plus') return { kind: 'plus' };
  // Ordinary words can be two short digit words glued ("entre"): such a glue is weak.
  const glued = splitGlued(word);
  if (glued) return { kind: 'word', pieces: glued, ambiguous: gluedIsWeak(word, glued) };
  return null;
}

// Every word of every scanned text is classified, and ad text repeats its vocabulary: each
// distinct word is read once (the readings are never changed, so they can be shared).
const READINGS_LIMIT = 20_000;
const keptReading = remember(READINGS_LIMIT, readWord);

function classify(raw: string, start: number, end: number): Item | null {
  const reading = keptReading(raw);
  return reading === null ? null : ({ ...reading, start, end } as Item);
}

/**
 * Separators people put between the digit groups of a number, as a regular-expression source: a
 * few spaces, or at most two marks with a few spaces around. Shared with the phone scanner.
 */
export const GROUP_SEP = String.raw`(?:[ \t]{0,3}[.\-\/()_*·|~•∙'\\]{1,2}[ \t]{0,3}|[ \t]{1,3})`;
// What may stand between two tokens of a spelled-out run: the same, plus commas and colons
// ("noll sju noll, ett sju fyra") and brackets ("070 [dot] 174"), which become a space.
const RUN_SEP = /^[ \t]{0,3}[.,\-\/()\[\]_*·|:~•∙'\\]{0,2}[ \t]{0,3}$/;
const SCANNER_SEP = new RegExp(`^${GROUP_SEP}$`);

const isDigitish = (it: Item | undefined): boolean => it !== undefined && (it.kind === 'num' || it.kind === 'word' || it.kind === 'mult');
const isStrongWord = (it: Item | undefined): boolean =>
  it !== undefined && ((it.kind === 'word' && !it.ambiguous) || it.kind === 'mult');

/**
 * The run trimmed of words that cannot be digits at its ends. An ambiguous word ("en", "sex")
 * stands only between two digit tokens or in an unbroken chain of digit words that holds an
 * unambiguous one: "noll sju … noll sex" keeps its "sex", "Sex 0701740605" loses it.
 */
function trim(items: Item[]): Item[] {
  // Whether each item's chain of adjacent words holds a strong word.
  const chainStrong = new Array<boolean>(items.length).fill(false);
  for (let k = 0; k < items.length; ) {
    if (items[k]!.kind !== 'word' && items[k]!.kind !== 'mult') {
      k++;
      continue;
    }
    let j = k;
    let strong = false;
    while (j < items.length && (items[j]!.kind === 'word' || items[j]!.kind === 'mult')) {
      strong ||= isStrongWord(items[j]);
      j++;
    }
    for (let x = k; x < j; x++) chainStrong[x] = strong;
    k = j;
  }
  let a = 0;
  let b = items.length - 1;
  const loose = (k: number): boolean => {
    const it = items[k]!;
    if (it.kind === 'connector') return true;
    if (it.kind === 'plus') return k !== a || !isDigitish(items[k + 1]);
    if (it.kind === 'mult') return k === b;
    if (it.kind !== 'word' || !it.ambiguous) return false;
    const left = k > a ? items[k - 1] : undefined;
    const right = k < b ? items[k + 1] : undefined;
    return !(chainStrong[k] || (isDigitish(left) && isDigitish(right)));
  };
  let changed = true;
  while (changed && a <= b) {
    changed = false;
    if (loose(a)) {
      a++;
      changed = true;
    } else if (a <= b && loose(b)) {
      b--;
      changed = true;
    }
  }
  return items.slice(a, b + 1);
}

/** Two digits after "hundra" (pieces from j on) and how many pieces they took. */
function afterHundred(pieces: Piece[], j: number): [string, number] {
  const p = pieces[j];
  const q = pieces[j + 1];
  if (p?.kind === 'tens') return q?.kind === 'unit' && q.digit !== '0' ? [p.digit + q.digit, 2] : [`${p.digit}0`, 1];
  if (p?.kind === 'teen') return [p.digits, 1];
  if (p?.kind === 'unit') return [`0${p.digit}`, 1];
  return ['00', 0];
}

function pieceDigits(pieces: Piece[]): string {
  let out = '';
  for (let k = 0; k < pieces.length; k++) {
    const p = pieces[k]!;
    const next = pieces[k + 1];
    if (p.kind === 'hundred' || (p.kind === 'unit' && next?.kind === 'hundred')) {
      const at = p.kind === 'hundred' ? k + 1 : k + 2;
      const [rest, used] = afterHundred(pieces, at);
      out += (p.kind === 'hundred' ? '1' : p.digit) + rest;
      k = at + used - 1;
    } else if (p.kind === 'unit') out += p.digit;
    else if (p.kind === 'teen') out += p.digits;
    else if (next?.kind === 'unit' && next.digit !== '0') {
      out += p.digit + next.digit;
      k++;
    } else out += `${p.digit}0`;
  }
  return out;
}

const MIN_RUN_DIGITS = 8;

/** Edits that turn one run into digits, or none when it does not read as a number. */
function runEdits(text: string, run: Item[]): Edit[] {
  const items = trim(run);
  const words = items.filter((it) => it.kind === 'word' || it.kind === 'mult');
  const connectors = items.filter((it) => it.kind === 'connector').length;
  if (words.length === 0 && connectors === 0) return [];
  if (words.length > 0 && words.length < 3 && words.every((w) => w.kind === 'word' && w.ambiguous)) return [];

  const edits: Edit[] = [];
  let digits = 0;
  for (let k = 0; k < items.length; k++) {
    const it = items[k]!;
    const next = items[k + 1];
    const sepStart = it.end;
    const sepEnd = next?.start ?? it.end;
    let sep = text.slice(sepStart, sepEnd);
    switch (it.kind) {
      case 'num':
        digits += it.end - it.start;
        break;
      case 'plus':
        edits.push({ start: it.start, end: it.end, text: '+' });
        sep = '';
        break;
      case 'connector':
        edits.push({ start: it.start, end: it.end, text: ' ' });
        break;
      case 'mult': {
        // "double seven": the next token's single digit, repeated.
        const d = next?.kind === 'word' && next.pieces.length === 1 && next.pieces[0]!.kind === 'unit' ? next.pieces[0]!.digit : null;
        const n = next?.kind === 'num' && next.end - next.start === 1 ? text[next.start]! : null;
        const digit = d ?? n;
        if (digit === null || next === undefined) return [];
        edits.push({ start: it.start, end: next.end, text: digit.repeat(it.times) });
        digits += it.times;
        k++;
        const after = items[k + 1];
        if (after) pushSep(edits, text, next.end, after.start);
        continue;
      }
      case 'word': {
        const only = it.pieces.length === 1 ? it.pieces[0]! : null;
        // "sjuttio fyra": tens and a unit written apart are still one two-digit number.
        if (only?.kind === 'tens' && only.english && next?.kind === 'word' && next.pieces.length === 1) {
          const u = next.pieces[0]!;
          if (u.kind === 'unit' && u.digit !== '0' && /^[ \t-]{1,3}$/.test(sep)) {
            edits.push({ start: it.start, end: next.end, text: only.digit + u.digit });
            digits += 2;
            k++;
            const after = items[k + 1];
            if (after) pushSep(edits, text, next.end, after.start);
            continue;
          }
        }
        const d = pieceDigits(it.pieces);
        edits.push({ start: it.start, end: it.end, text: d });
        digits += d.length;
        break;
      }
    }
    if (next) {
      if (it.kind === 'plus') {
        if (sepEnd > sepStart) edits.push({ start: sepStart, end: sepEnd, text: '' });
      } else pushSep(edits, text, sepStart, sepEnd);
    }
  }
  return digits >= MIN_RUN_DIGITS ? edits : [];
}

function pushSep(edits: Edit[], text: string, start: number, end: number): void {
  if (end <= start) return;
  const sep = text.slice(start, end);
  if (!SCANNER_SEP.test(sep)) edits.push({ start, end, text: ' ' });
}

const TOKEN = /(\p{L}+)|([0-9]+)|([^\p{L}0-9]+)/gu;

export function digitWordPass(t: TrackedText): TrackedText {
  const text = t.text;
  const edits: Edit[] = [];
  let run: Item[] = [];
  let sepOk = true;
  const flush = (): void => {
    if (run.length > 0 && run.some((it) => it.kind !== 'num')) edits.push(...runEdits(text, run));
    run = [];
  };
  TOKEN.lastIndex = 0;
  for (let m = TOKEN.exec(text); m !== null; m = TOKEN.exec(text)) {
    const start = m.index;
    const end = start + m[0].length;
    if (m[3] !== undefined) {
      sepOk = RUN_SEP.test(m[0]);
      if (!sepOk) flush();
      continue;
    }
    const item: Item | null = m[2] !== undefined ? { kind: 'num', start, end } : classify(m[1]!, start, end);
    if (item === null) {
      flush();
      sepOk = true;
      continue;
    }
    if (!sepOk || item.kind === 'plus') flush();
    run.push(item);
    sepOk = true;
  }
  flush();
  return applyEdits(t, edits);
}
