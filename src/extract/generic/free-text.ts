// Facts an ad states without a label: a category badge ("Tjej"), the place printed under the
// heading ("Kristianstad"), "24 år" or "(24)" in the text, "träffas i Malmö". Read with the
// project's normalisers, so the reader and the normalisation agree on what counts; every guess
// here ranks below structured data and labels.

import type { CheerioAPI } from 'cheerio';
import type { Element } from 'domhandler';
import { childNodes, isElement, pageIndex, tagName } from '../dom.ts';
import { inlineText } from '../text.ts';
import { findStatedAge } from '../../normalise/age.ts';
import { genderFromText, normaliseGender } from '../../normalise/gender.ts';
import { normaliseLocation } from '../../normalise/location.ts';
import { isPlaceText } from './link-patterns.ts';

export interface TextFact {
  value: string;
  /** The element the value is all of (a badge, a place line), when it came from one. */
  el?: Element;
  /** How it was found, for the field's source: `stated age`, `(NN) after a name`, `badge`. */
  how: string;
}

/** "(24)" after a name or heading: the usual way ads print an age beside a name. */
const PAREN_AGE = /(?:^|[\p{L}\s,])\((\d{2})\)/u;

/** "Sofia, 24" or "Sofia 24 år –" as a heading: a name, a comma, an age. */
const TITLE_AGE = /^[^\d,()]{2,40},\s*(\d{2})(?:\s*(?:år|years?|yo|y\/o))?\s*(?:$|[-–—,|:·•!.])/iu;

/**
 * An age stated in running text: an explicit cue first ("24 år", "age 24"), then a heading
 * written "Name, 24" (`texts[0]` is the heading), then "(24)".
 */
export function ageFromText(texts: readonly (string | null)[]): TextFact | null {
  for (const t of texts) {
    if (!t) continue;
    const age = findStatedAge(t);
    if (age !== null) return { value: String(age), how: 'stated age in the text' };
  }
  const m = texts[0] ? TITLE_AGE.exec(texts[0]) : null;
  const n = m ? Number(m[1]) : NaN;
  if (n >= 18 && n <= 99) return { value: String(n), how: '"Name, NN" heading' };
  for (const t of texts) {
    const m = t ? PAREN_AGE.exec(t) : null;
    const n = m ? Number(m[1]) : NaN;
    if (n >= 18 && n <= 99) return { value: String(n), how: '"(NN)" in the text' };
  }
  return null;
}

/** Inline or small block elements of roots whose whole text is short (badges, place lines). */
function shortElements($: CheerioAPI, roots: readonly Element[], maxChars: number): { el: Element; text: string }[] {
  const index = pageIndex($);
  const out: { el: Element; text: string }[] = [];
  for (const root of roots) {
    const r = index.pos.get(root);
    if (r === undefined) continue;
    for (let i = r; i <= index.end[r]! && out.length < 400; i++) {
      const el = index.order[i]!;
      const name = tagName(el);
      if (/^h[1-6]$/.test(name) || name === 'a' || name === 'button' || name === 'option' || name === 'title') continue;
      // Leaves or near-leaves only: a container's text is its children's.
      if (childNodes(el).some((c) => isElement(c) && !['b', 'strong', 'em', 'i', 'small', 'span', 'br'].includes(tagName(c)))) continue;
      const t = index.shortText[i];
      if (t === null || t === undefined) continue;
      const text = t.replace(/\s+/g, ' ').trim();
      if (text !== '' && text.length <= maxChars) out.push({ el, text });
    }
  }
  return out;
}

/** A badge or category whose whole text is a gender word ("Tjej", "Female", "Trans"). */
export function genderFromBadges($: CheerioAPI, roots: readonly Element[]): TextFact | null {
  for (const { el, text } of shortElements($, roots, 25)) {
    if (text.split(/\s+/).length > 3 || /\d/.test(text)) continue;
    if (normaliseGender(text) !== 'unknown') return { value: text, el, how: 'badge' };
  }
  return null;
}

/** A line whose whole text is a place ("Kristianstad", "Malmö C"). */
export function placeFromLines($: CheerioAPI, roots: readonly Element[]): TextFact | null {
  for (const { el, text } of shortElements($, roots, 40)) {
    if (isPlaceText(text)) return { value: text, el, how: 'place line' };
  }
  return null;
}

/** Words before a place in running text ("träffas i Malmö", "based in Lund"). */
const PLACE_CUE =
  /(?:^|[^\p{L}])(?:finns i|finns nu i|finns jag i|bor i|träffas i|träffar i|träffa mig i|hittar mig i|hittas i|tar emot i|jobbar i|befinner mig i|är i|besöker|i centrala|located in|based in|available in|find me in|meet me in|i am in|visiting|staying in|in central)\s+(\p{Lu}[\p{L}-]*(?:\s+\p{Lu}[\p{L}-]*)?)/gu;

/** A place named in running text: after a cue ("träffas i Malmö"), else a sentence that is only a place ("Kristianstad."). */
export function placeFromText(texts: readonly (string | null)[]): TextFact | null {
  for (const t of texts) {
    if (!t) continue;
    for (const m of t.matchAll(PLACE_CUE)) {
      const loc = normaliseLocation(m[1]!);
      if (loc.kommunCode !== null) return { value: m[1]!, how: 'place after a cue word' };
    }
  }
  for (const t of texts) {
    if (!t) continue;
    for (const sentence of t.split(/[.!?\n]+/)) {
      const s = sentence.trim();
      if (s && isPlaceText(s)) return { value: s, how: 'sentence naming a place' };
    }
  }
  return null;
}

/** Gender words in running text (title first): the weakest evidence the reader takes. */
export function genderFromRunningText(texts: readonly (string | null)[]): TextFact | null {
  for (const t of texts) {
    if (!t) continue;
    const g = genderFromText(t);
    if (g !== 'unknown') return { value: g === 'woman' ? 'kvinna' : g === 'man' ? 'man' : g === 'trans' ? 'trans' : 'par', how: 'gender word in the text' };
  }
  return null;
}

/** The last place a breadcrumb trail names ("Hem › Escort › Göteborg › Elsa"). */
export function placeFromBreadcrumb($: CheerioAPI): TextFact | null {
  const index = pageIndex($);
  for (let i = 0; i < index.order.length; i++) {
    const el = index.order[i]!;
    const mark = `${el.attribs?.class ?? ''} ${el.attribs?.id ?? ''} ${el.attribs?.['aria-label'] ?? ''} ${el.attribs?.itemtype ?? ''}`;
    if (!/breadcrumb|brödsmul|brodsmul/i.test(mark)) continue;
    let last: { el: Element; text: string } | null = null;
    for (let j = i + 1; j <= index.end[i]!; j++) {
      const crumb = index.order[j]!;
      const text = (index.shortText[j] ?? '').replace(/\s+/g, ' ').trim();
      const leaf = !childNodes(crumb).some((c) => isElement(c) && tagName(c) !== 'span');
      if (leaf && text && isPlaceText(text)) last = { el: crumb, text };
    }
    if (last) return { value: last.text, el: last.el, how: 'breadcrumb' };
    i = index.end[i]!;
  }
  return null;
}
