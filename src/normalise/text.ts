// Text folding shared by every normaliser: one notion of "the same text" for hashing and lookups.

import { createHash } from 'node:crypto';

// Zero-width and soft-hyphen characters: invisible on the page, inserted by ads to break matching.
const INVISIBLE = /[\u00AD\u180E\u200B-\u200F\u202A-\u202E\u2060-\u2064\uFEFF]/g;

// å, ä and ö are letters of their own in Swedish ("Håbo" and "Habo" are different places), so they
// survive folding; the Danish/Norwegian look-alikes are written for them often enough to merge.
const KEEP: Record<string, string> = { å: 'å', ä: 'ä', ö: 'ö', ø: 'ö', æ: 'ä' };

export function removeInvisible(s: string): string {
  return s.replace(INVISIBLE, '');
}

/**
 * Lower-cases, removes invisible characters and diacritics other than å/ä/ö (é → e, ü → u),
 * turns full-width forms into ASCII and collapses whitespace.
 */
export function foldText(s: string): string {
  const lower = removeInvisible(s).normalize('NFKC').toLowerCase();
  // ASCII has no diacritics to remove: only the other characters are looked at, one at a time.
  return lower.replace(NON_ASCII, foldChar).replace(/\s+/gu, ' ').trim();
}

const NON_ASCII = /[^\x00-\x7F]/gu;

function foldChar(ch: string): string {
  return KEEP[ch] ?? ch.normalize('NFD').replace(/\p{M}+/gu, '');
}

/** foldText, then å/ä → a and ö → o: how Swedish names are written on keyboards without them. */
export function foldAscii(s: string): string {
  return foldText(s).replace(/[åä]/g, 'a').replace(/ö/g, 'o');
}

/** foldText, then å → aa, ä → ae, ö → oe: the German-style transliteration ("Goeteborg"). */
export function foldTranslit(s: string): string {
  return foldText(s).replace(/å/g, 'aa').replace(/ä/g, 'ae').replace(/ö/g, 'oe');
}

/** SHA-256 (hex) of the folded description, so re-wrapped or re-cased copies hash the same. */
export function descriptionHash(text: string | null | undefined): string | null {
  if (text == null) return null;
  const folded = foldText(text);
  if (folded === '') return null;
  return createHash('sha256').update(folded, 'utf8').digest('hex');
}
