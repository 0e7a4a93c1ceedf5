// Labels are compared the way a reader would: "ÅLDER:", "Alder" and "ålder" are one label.

import { remember } from '../normalise/remember.ts';

// Labels and short texts come back on every page of a site, so their foldings are kept; long
// texts (lines of a description) rarely repeat and are not. Bounded in entries.
const KEPT_MAX_CHARS = 200;
const foldShort = remember(10_000, foldNow);

/** Lower case, diacritics removed, whitespace folded. */
export function fold(s: string): string {
  return s.length > KEPT_MAX_CHARS ? foldNow(s) : foldShort(s);
}

function foldNow(s: string): string {
  return s
    .normalize('NFKD')
    .replace(/\p{M}+/gu, '')
    .toLowerCase()
    .replace(/\s+/g, ' ')
    .trim();
}

/**
 * `s` folded character by character, with the offset in `s` of every folded character, so a
 * match found in folded text can be cut from the original.
 */
export function foldWithMap(s: string): { folded: string; offsets: number[] } {
  let folded = '';
  const offsets: number[] = [];
  let i = 0;
  for (const ch of s) {
    const f = ch.normalize('NFKD').replace(/\p{M}+/gu, '').toLowerCase();
    for (let k = 0; k < f.length; k++) offsets.push(i);
    folded += f;
    i += ch.length;
  }
  offsets.push(s.length);
  return { folded, offsets };
}

/** Separators that end a label ("Ålder:", "Ålder –"). */
const LABEL_TAIL = /[\s:：\-–—=]+$/;

/** A label or label-like text reduced to the form labels are compared in. */
export function labelKey(text: string): string {
  return fold(text).replace(LABEL_TAIL, '');
}

/**
 * Whether element text (as a labelKey) reads as the label (as a labelKey): equal, or one part of
 * a bilingual label such as "Gender / Kön" or "Ålder (Age)".
 */
export function keyMatches(textKey: string, label: string): boolean {
  if (!textKey || !label) return false;
  if (textKey === label) return true;
  if (textKey.length > label.length + 40) return false;
  // Each part is a piece of textKey: without the label in it, no part can be the label. Most
  // texts of a page are not, and this spares splitting every one of them for every label.
  if (!textKey.includes(label)) return false;
  return textKey
    .split(/[/|()·•,]+/)
    .map((part) => part.replace(LABEL_TAIL, '').trim())
    .includes(label);
}

export function labelMatches(text: string, label: string): boolean {
  return keyMatches(labelKey(text), labelKey(label));
}
