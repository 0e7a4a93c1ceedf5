// The de-obfuscation stage of phone extraction: a list of passes, each rewriting the text so that
// numbers hidden from naive scrapers ("O7O-l74 O6 O5", "noll sju noll", full-width digits, wa.me
// links) become plain digit runs. Every character keeps the span of the original text it came
// from, so a match in the rewritten text can be masked in (or cut out of) the original.
//
// Every pass is a linear scan: profile pages can be megabytes of one line, and a pass that
// backtracks would stall a crawl.

import { digitWordPass } from './digit-words.ts';
import { remember } from './remember.ts';
import { rewrite, track, type TrackedText } from './tracked-text.ts';

export { applyEdits, rewrite, track, type Edit, type TrackedText } from './tracked-text.ts';

export type DeobfuscationPass = (t: TrackedText) => TrackedText;

// Zero-width characters, soft hyphen, bidi controls, word joiners, Hangul fillers (they render as
// nothing), tag characters and the invisible Mongolian vowel separator: ads sprinkle them between
// digits so that a plain-text search misses the number.
const INVISIBLE =
  /[\u00AD\u034F\u061C\u115F\u1160\u17B4\u17B5\u180B-\u180F\u200B-\u200F\u202A-\u202E\u2060-\u2064\u2066-\u2069\u3164\uFEFF\uFFA0\u{E0000}-\u{E007F}]/gu;

export const removeInvisiblePass: DeobfuscationPass = (t) => rewrite(t, INVISIBLE, () => '');

// Dingbat and negative circled digits, which NFKC leaves alone: ❶ ➀ ➊ ⓿ and the keycap ten.
function dingbatDigits(ch: string): string | null {
  const cp = ch.codePointAt(0)!;
  if (cp >= 0x2776 && cp <= 0x277f) return String(cp - 0x2776 + 1);
  if (cp >= 0x2780 && cp <= 0x2789) return String(cp - 0x2780 + 1);
  if (cp >= 0x278a && cp <= 0x2793) return String(cp - 0x278a + 1);
  if (cp >= 0x24eb && cp <= 0x24f4) return String(cp - 0x24eb + 11);
  if (cp >= 0x24f5 && cp <= 0x24fe) return String(cp - 0x24f5 + 1);
  if (cp === 0x24ff) return '0';
  if (cp === 0x1f51f) return '10';
  if (cp === 0x3007) return '0';
  return null;
}

function compatibleForm(ch: string): string {
  const d = dingbatDigits(ch);
  if (d !== null) return d;
  const n = ch.normalize('NFKC');
  return /^[\x00-\x7F]+$/.test(n) ? n : ch;
}

// Every å, ä and ö of every text passes here: each distinct character is worked out once.
const keptCompatibleForm = remember(10_000, compatibleForm);

// Full-width, mathematical, circled, superscript digits and other compatibility forms become
// ASCII. Dashes and odd spaces are unified so separators are few.
export const compatibilityPass: DeobfuscationPass = (t) => {
  let out = rewrite(t, /[^\x00-\x7F]/gu, (m) => keptCompatibleForm(m[0]));
  out = rewrite(out, /[\u2010-\u2015\u2043\u2212\uFE58\uFE63\uFF0D]/g, () => '-');
  out = rewrite(out, /[\u00A0\u1680\u2000-\u200A\u202F\u205F\u3000]/g, () => ' ');
  return out;
};

// Digits of other scripts (Arabic-Indic, Devanagari, Thai ...) that NFKC leaves alone. Unicode
// lays every decimal digit set out as ten consecutive code points from 0 to 9, and sets that touch
// (the mathematical digits) start where the previous one ends: the value is the distance from the
// start of the run of digit code points, modulo ten.
function digitValue(ch: string): string {
  const cp = ch.codePointAt(0)!;
  let before = 0;
  while (before < 100 && /\p{Nd}/u.test(String.fromCodePoint(cp - before - 1))) before++;
  return String(before % 10);
}

export const scriptDigitPass: DeobfuscationPass = (t) =>
  rewrite(t, /(?![0-9])\p{Nd}/gu, (m) => digitValue(m[0]));

// Combining marks on a digit (keycap "7️⃣" is 7 + variation selector + enclosing keycap; "0̶7̶0̶" is
// struck through) are decoration: the digit stays.
export const combiningMarkPass: DeobfuscationPass = (t) => rewrite(t, /(?<=[0-9#*])\p{M}+/gu, () => '');

// Emoji between digit groups ("070❤️174❤️06❤️25") are separators.
export const emojiSeparatorPass: DeobfuscationPass = (t) =>
  rewrite(
    t,
    /(?<=[0-9])[ \t]{0,2}\p{Extended_Pictographic}[\p{Extended_Pictographic}\p{M}\u200D]{0,8}[ \t]{0,2}(?=[0-9])/gu,
    () => ' ',
  );

// tel:, sms: and messenger links carry numbers in international form, often URL-encoded, and
// WhatsApp, Viber and Telegram links drop the "+": put it back so the number is read as
// international.
export const linkPass: DeobfuscationPass = (t) => {
  let out = rewrite(t, /%2B/gi, () => '+');
  out = rewrite(out, /%20/g, () => ' ');
  // The scheme word stays: "whatsapp" before digits still says they are a phone number.
  // Each pattern first looks ahead for the one character it can start with, so that its
  // look-behind is tried there only and not at every position of the text.
  out = rewrite(
    out,
    /(?=:)(?<=\b(?:tel|sms|smsto|callto|skype|viber|whatsapp|tg)):(?:\/\/)?/gi,
    (m) => ' '.repeat(m[0].length),
  );
  out = rewrite(
    out,
    /(?=\d)(?<=(?:\bwa\.me\/|\bviber\.click\/|whatsapp\.com\/send\/?\?(?:[^\s"'<>&]{0,40}&){0,4}phone=|[?&](?:phone|number|to)=))\d/gi,
    (m) => `+${m[0]}`,
  );
  return out;
};

// Letters standing in for digits ("O7O l74 O6 O5", Cyrillic and Greek O and I too). Only inside a
// run that is clearly a number: bounded by non-letters, at least eight digit-like characters of
// which at least four (and at least half) are real digits. Within the run, a chunk (between
// separators) changes only when it holds a real digit, or is a single look-alike between two
// chunks that do: "Oslo", "Is" and "I" before a number stay words.
const O_LIKE = 'OoОоΟο';
const I_LIKE = 'IlІіΙӏ';
const LOOK = `0-9${O_LIKE}${I_LIKE}S|`;
const LOOKALIKE_RUN = new RegExp(
  `(?<![\\p{L}\\d])[${LOOK}](?:[${LOOK}]|[ .\\-\\/()](?=[${LOOK}]))*(?![\\p{L}\\d])`,
  'gu',
);

const HAS_LOOKALIKE = new RegExp(`[${O_LIKE}${I_LIKE}S|]`);

function lookalikeDigit(c: string): string | null {
  if (c.length !== 1) return null;
  if (O_LIKE.includes(c)) return '0';
  if (I_LIKE.includes(c)) return '1';
  return null;
}

/** Pipe and S are digits only in narrow spots; everything else in the chunk decides by itself. */
function rewriteChunk(chunk: string, prev: string, next: string): string {
  let out = '';
  for (let k = 0; k < chunk.length; k++) {
    const c = chunk[k]!;
    if (c >= '0' && c <= '9') {
      out += c;
      continue;
    }
    const before = k > 0 ? chunk[k - 1]! : prev;
    const after = k + 1 < chunk.length ? chunk[k + 1]! : next;
    if (c === '|') {
      // "070|174" is a separator; "-|74" and " |74" are a one.
      const digitBefore = /[0-9]/.test(before) || lookalikeDigit(before) !== null;
      const digitAfter = /[0-9]/.test(after) || lookalikeDigit(after) !== null;
      out += digitBefore !== digitAfter ? '1' : '|';
      continue;
    }
    if (c === 'S') {
      out += /[0-9]/.test(before) || /[0-9]/.test(after) ? '5' : c;
      continue;
    }
    out += lookalikeDigit(c) ?? c;
  }
  return out;
}

export const lookalikePass: DeobfuscationPass = (t) =>
  rewrite(t, LOOKALIKE_RUN, (m) => {
    const run = m[0];
    if (!HAS_LOOKALIKE.test(run)) return run;
    // Chunks between separators; a pipe between two digits is a separator too.
    const pieces = run.split(/([ .\-\/()]+|(?<=[0-9])\|(?=[0-9]))/);
    const chunks = pieces.filter((_, i) => i % 2 === 0);
    const hasDigit = chunks.map((c) => /[0-9]/.test(c));
    let digits = 0;
    let fakes = 0;
    const out = pieces.map((p, i) => {
      if (i % 2 === 1) return p;
      const c = i / 2;
      // A lone look-alike needs digit chunks on both sides, or, at the edge of a run written
      // digit by digit ("O 7 O 1 7 4"), a lone digit beside it.
      const single = p.length === 1 && !hasDigit[c];
      const lone = (k: number): boolean => hasDigit[k] === true && chunks[k]!.length === 1;
      const convertible =
        hasDigit[c] ||
        (single &&
          ((hasDigit[c - 1] === true && hasDigit[c + 1] === true) ||
            (c === 0 && lone(c + 1)) ||
            (c === chunks.length - 1 && lone(c - 1))));
      if (!convertible) return p;
      const prev = i > 0 ? (pieces[i - 1] ?? '').slice(-1) : '';
      const next = (pieces[i + 1] ?? '').slice(0, 1);
      const r = rewriteChunk(p, prev, next);
      for (let k = 0; k < p.length; k++) {
        if (p[k]! >= '0' && p[k]! <= '9') digits++;
        else if (r[k] !== p[k]) fakes++;
      }
      return r;
    });
    if (fakes === 0 || digits < 4 || digits + fakes < 8 || fakes > digits) return run;
    return out.join('');
  });

// "+ 46 70…" and "+(46) 70…": the plus belongs to the digits after it. A zero after the plus is
// left alone: "1 500 kr + 070…" is an addition sign, not a country code.
export const plusPass: DeobfuscationPass = (t) => {
  const out = rewrite(t, /\+[ \t]{1,3}(?=[1-9])/g, () => '+');
  return rewrite(out, /\+[ \t]{0,2}\([ \t]{0,2}([1-9]\d{0,3})[ \t]{0,2}\)/g, (m) => `+${m[1]} `);
};

/** Applied in order; append later passes here. */
export const DEOBFUSCATION_PASSES: DeobfuscationPass[] = [
  removeInvisiblePass,
  compatibilityPass,
  scriptDigitPass,
  combiningMarkPass,
  emojiSeparatorPass,
  linkPass,
  digitWordPass,
  lookalikePass,
  plusPass,
];

export function deobfuscate(text: string, passes: DeobfuscationPass[] = DEOBFUSCATION_PASSES): TrackedText {
  return passes.reduce((t, pass) => pass(t), track(text));
}
