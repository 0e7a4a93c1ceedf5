// CSS selectors a person can read and keep, for elements the generic adapter found by other
// means: by tag and stable class names, by a landmark or classed ancestor, by rel, by text.
// Pure; selectors are chosen by how well they cover the wanted elements on every sampled page
// and how little else they match.

import type { CheerioAPI } from 'cheerio';
import type { Element } from 'domhandler';
import { selectAll } from '../extract/dom.ts';

/** Class names that look generated (hashes, ids, state) change between deploys: not kept. */
function stableClasses(el: Element | null | undefined): string[] {
  const raw = el?.attribs?.class ?? '';
  return raw
    .split(/\s+/)
    .filter((c) => c !== '' && c.length <= 40 && /^[a-z_-][\w-]*$/i.test(c) && !/\d{3,}|^(?:active|selected|is-|has-|js-)/i.test(c) && !/^(?:css|sc|jsx|emotion)-/.test(c));
}

const cssString = (s: string) => JSON.stringify(s);

/** Candidate selectors for one element, most specific first. */
export function candidateSelectors(el: Element): string[] {
  const tag = el.name.toLowerCase();
  const out: string[] = [];
  const classes = stableClasses(el);
  for (const c of classes) out.push(`${tag}.${c}`);
  const rel = el.attribs?.rel?.toLowerCase().split(/\s+/) ?? [];
  if (rel.includes('next')) out.push(`${tag}[rel~="next"]`);
  if (el.attribs?.itemprop) out.push(`[itemprop=${cssString(el.attribs.itemprop)}]`);
  // Ancestors with a class or landmark role, up to three levels: `.ad-grid a`, `nav.cities a`.
  let parent = el.parent as Element | null;
  for (let depth = 0; depth < 3 && parent && parent.type === 'tag'; depth += 1) {
    const ptag = parent.name.toLowerCase();
    for (const c of stableClasses(parent)) out.push(`${ptag}.${c} ${tag}`);
    if (parent.attribs?.id && /^[a-z][\w-]*$/i.test(parent.attribs.id) && !/\d{3,}/.test(parent.attribs.id)) out.push(`#${parent.attribs.id} ${tag}`);
    if (['nav', 'main', 'article', 'aside', 'header', 'footer', 'section', 'dl', 'table', 'ul', 'ol'].includes(ptag)) out.push(`${ptag} ${tag}`);
    parent = parent.parent as Element | null;
  }
  // Link text only where it is a site's wording for paging, never an ad's (it could be a name).
  const text = textOf(el);
  if (NEXT_TEXT.test(text)) out.push(`${tag}:contains(${cssString(text)})`);
  return [...new Set(out)];
}

/** How sites word a link to the next page or more ads, in Swedish and English. */
const NEXT_TEXT = /^(?:nästa(?: sida)?|nasta(?: sida)?|fler(?: annonser)?|visa fler|mer|next(?: page)?|more|load more|show more|older|äldre|[›»→]|nästa ›|next ›|nästa »|next »)$/i;

function textOf(el: Element): string {
  const parts: string[] = [];
  const walk = (n: Element | { type: string; data?: string; children?: unknown[] }) => {
    if (n.type === 'text') parts.push((n as { data: string }).data);
    for (const c of ((n as Element).children ?? []) as Element[]) walk(c);
  };
  walk(el);
  return parts.join(' ').replace(/\s+/g, ' ').trim();
}

export interface PageTargets {
  $: CheerioAPI;
  /** Elements the selector should match on this page. */
  wanted: Set<Element>;
  /** Elements it must not match (matching others is only counted). */
  forbidden?: (el: Element) => boolean;
}

export interface SelectorScore {
  selector: string;
  hits: number;
  wanted: number;
  /** Matched elements the caller forbade. */
  wrong: number;
  /** Matched elements neither wanted nor forbidden. */
  other: number;
}

export function scoreSelector(selector: string, pages: readonly PageTargets[]): SelectorScore {
  const score: SelectorScore = { selector, hits: 0, wanted: 0, wrong: 0, other: 0 };
  for (const page of pages) {
    score.wanted += page.wanted.size;
    for (const el of selectAll(page.$, selector)) {
      if (page.wanted.has(el)) score.hits += 1;
      else if (page.forbidden?.(el)) score.wrong += 1;
      else score.other += 1;
    }
  }
  return score;
}

/**
 * Selectors that together cover the wanted elements of every page, never matching a forbidden
 * one: greedy, best coverage first, ties to the one matching least else. Empty when nothing fits.
 */
export function coveringSelectors(pages: readonly PageTargets[], maxSelectors = 3, extra: (el: Element) => string[] = () => []): SelectorScore[] {
  const candidates = new Set<string>();
  for (const page of pages) for (const el of page.wanted) for (const c of [...candidateSelectors(el), ...extra(el)]) candidates.add(c);
  const scored = [...candidates].map((c) => scoreSelector(c, pages)).filter((s) => s.wrong === 0 && s.hits > 0);
  const chosen: SelectorScore[] = [];
  const covered = pages.map(() => new Set<Element>());
  const total = pages.reduce((n, p) => n + p.wanted.size, 0);
  while (chosen.length < maxSelectors) {
    let best: { score: SelectorScore; gain: number } | null = null;
    for (const s of scored) {
      if (chosen.includes(s)) continue;
      let gain = 0;
      pages.forEach((page, i) => {
        for (const el of selectAll(page.$, s.selector)) if (page.wanted.has(el) && !covered[i]!.has(el)) gain += 1;
      });
      if (gain === 0) continue;
      if (!best || gain > best.gain || (gain === best.gain && s.other < best.score.other)) best = { score: s, gain };
    }
    if (!best) break;
    chosen.push(best.score);
    pages.forEach((page, i) => {
      for (const el of selectAll(page.$, best!.score.selector)) if (page.wanted.has(el)) covered[i]!.add(el);
    });
    if (covered.reduce((n, c) => n + c.size, 0) >= total) break;
  }
  return chosen;
}
