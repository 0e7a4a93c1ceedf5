// The ad's own part of a profile page. Everything the reader takes (facts, phones, contacts) comes
// from here, so that a site's footer number, a sidebar's advert, other ads linked under "Similar
// ads" and the buyers' reviews (which name other ages, places and numbers) are never the ad's.
// Found from general cues only: landmarks (nav, header, footer, aside, ARIA roles), class/id words
// (footer, sidebar, review, kommentar), section headings ("Omdömen", "Liknande annonser"), blocks
// that link to several pages shaped like this one, and the lowest element holding the ad's
// heading, its facts and its text.

import type { CheerioAPI } from 'cheerio';
import type { AnyNode, Element } from 'domhandler';
import { FLAG_CHROME, FLAG_INVISIBLE, childNodes, isElement, outermost, pageIndex, pageRoots, tagName, type PageIndex } from '../dom.ts';
import { fold } from '../fold.ts';
import { inlineText, isBlock } from '../text.ts';
import { canonicalUrl } from '../url.ts';
import { looseKey } from './link-patterns.ts';
import { ownSelector, pathSelector } from './selectors.ts';
import { FURNITURE_WORDS, RELATED_HEADING, REVIEW_HEADING, REVIEW_WORDS } from './vocabulary.ts';

export interface ProfileScope {
  /** The element holding the ad, or null for an empty page. */
  root: Element | null;
  /** root without the parts excluded inside it: what facts, phones and contacts are read from. */
  roots: Element[];
  /** Reviews, other ads and page furniture found on the page (each outermost). */
  excluded: Element[];
  /** The ad's heading (its h1, else the first h2 of the content). */
  heading: Element | null;
  /** The block of the ad's own text. */
  description: Element | null;
}

function parentEl(el: Element): Element | null {
  const p = el.parent as AnyNode | null;
  return p && isElement(p) ? p : null;
}

function contains(index: PageIndex, outer: Element, inner: Element): boolean {
  const o = index.pos.get(outer);
  const i = index.pos.get(inner);
  return o !== undefined && i !== undefined && o <= i && i <= index.end[o]!;
}

function hidden(index: PageIndex, i: number, mask = FLAG_CHROME | FLAG_INVISIBLE): boolean {
  return (index.flags[i]! & mask) !== 0;
}

/** A heading that links to the site's home page is the site's logo, not an ad's heading. */
function isLogo(el: Element): boolean {
  const stack: AnyNode[] = [el];
  while (stack.length > 0) {
    const n = stack.pop()!;
    if (!isElement(n)) continue;
    const href = tagName(n) === 'a' ? (n.attribs?.href ?? '').trim() : null;
    if (href !== null && /^(?:\/|\.\/?|https?:\/\/[^/]+\/?|index\.\w+)$/i.test(href)) return true;
    stack.push(...childNodes(n));
  }
  return false;
}

/**
 * The ad's heading: the first visible h1 outside the site's chrome that is not its logo (one in
 * main or an article first), else the first such h2.
 */
export function mainHeading($: CheerioAPI): Element | null {
  const index = pageIndex($);
  const inMain = (el: Element) => {
    for (let p: Element | null = parentEl(el); p; p = parentEl(p)) if (tagName(p) === 'main' || tagName(p) === 'article' || p.attribs?.role === 'main') return true;
    return false;
  };
  for (const level of ['h1', 'h2']) {
    const found: Element[] = [];
    for (let i = 0; i < index.order.length; i++) {
      const el = index.order[i]!;
      if (tagName(el) === level && !hidden(index, i) && inlineText([el]) !== '' && !REVIEW_WORDS.test(markers(el)) && !isLogo(el)) found.push(el);
    }
    const best = found.find(inMain) ?? found[0];
    if (best) return best;
  }
  return null;
}

/** Class, id, item and ARIA words of an element. */
function markers(el: Element): string {
  const a = el.attribs ?? {};
  return [a.class, a.id, a.itemprop, a.itemtype?.replace(/^.*\//, ''), a['aria-label'], a.role].filter(Boolean).join(' ');
}

const SECTIONING = new Set(['section', 'div', 'aside', 'ul', 'ol', 'dl', 'table', 'article', 'footer', 'header', 'form', 'details']);

/** The heading level of a heading element (h1..h6), else 0. */
function level(el: Element): number {
  const m = /^h([1-6])$/.exec(tagName(el));
  return m ? Number(m[1]) : 0;
}

/**
 * Parts of the page that are not the ad: reviews and comments, blocks of other ads, furniture
 * marked as such by class or landmark. None of them contains the ad's heading (a class word on
 * the ad's own container does not throw the ad away).
 */
export function excludedParts($: CheerioAPI, page: string, heading: Element | null): Element[] {
  const index = pageIndex($);
  const out: Element[] = [];
  const keep = (el: Element) => heading === null || !contains(index, el, heading);
  for (let i = 0; i < index.order.length; i++) {
    if (hidden(index, i, FLAG_CHROME)) continue;
    const el = index.order[i]!;
    const name = tagName(el);
    const mark = markers(el);
    const role = (el.attribs?.role ?? '').toLowerCase();
    if (name === 'aside' || role === 'complementary' || role === 'search') {
      if (keep(el)) out.push(el);
      continue;
    }
    if (mark && (REVIEW_WORDS.test(mark) || FURNITURE_WORDS.test(mark)) && keep(el)) {
      out.push(el);
      continue;
    }
    const lv = level(el);
    if (lv >= 2) {
      const text = fold(inlineText([el]));
      if (!REVIEW_HEADING.test(text) && !RELATED_HEADING.test(text)) continue;
      const section = parentEl(el);
      if (section && SECTIONING.has(tagName(section)) && keep(section)) out.push(section);
      else out.push(...headedSiblings(el, lv));
    }
  }
  out.push(...otherAds($, page, heading));
  return outermost(index, out);
}

/** A heading and what follows it up to the next heading of its level or higher. */
function headedSiblings(heading: Element, lv: number): Element[] {
  const out: Element[] = [heading];
  for (let n = heading.next; n; n = n.next) {
    if (!isElement(n)) continue;
    const l = level(n);
    if (l > 0 && l <= lv) break;
    out.push(n);
  }
  return out;
}

/**
 * The smallest blocks that link to two or more other pages shaped like this one ("Fler i Malmö",
 * a carousel of other ads): the page's own links (anchors to itself) do not count.
 */
function otherAds($: CheerioAPI, page: string, heading: Element | null): Element[] {
  const index = pageIndex($);
  let family: string;
  try {
    family = looseKey(page);
  } catch {
    return [];
  }
  const siblings: Element[] = [];
  for (let i = 0; i < index.order.length && siblings.length < 2_000; i++) {
    const el = index.order[i]!;
    if (tagName(el) !== 'a' || hidden(index, i, FLAG_CHROME)) continue;
    const url = el.attribs?.href ? canonicalUrl(el.attribs.href, page) : null;
    if (url === null || url === page || new URL(url).host !== new URL(page).host) continue;
    if (looseKey(url) === family) siblings.push(el);
  }
  const out = new Set<Element>();
  for (const a of siblings) {
    for (let p = parentEl(a); p && tagName(p) !== 'body'; p = parentEl(p)) {
      const others = new Set(siblings.filter((s) => contains(index, p!, s)).map((s) => s.attribs?.href));
      if (others.size < 2) continue;
      if (heading === null || !contains(index, p, heading)) out.add(p);
      break;
    }
  }
  return [...out];
}

/** Tags whose text can be an ad's description. */
const TEXT_BLOCKS = new Set(['p', 'div', 'section', 'td', 'dd', 'blockquote', 'article', 'li', 'span', 'pre', 'main']);

/**
 * The block of the ad's own text: the element with the most running text of its own (text not in
 * child blocks), or a run of paragraphs under one parent; outside chrome and excluded parts.
 */
export function descriptionBlock($: CheerioAPI, out: (el: Element) => boolean): Element | null {
  const index = pageIndex($);
  const own = new Map<Element, number>();
  const stack: { node: AnyNode; block: Element | null }[] = pageRoots($).map((node) => ({ node, block: null }));
  while (stack.length > 0) {
    const { node, block } = stack.pop()!;
    if (node.type === 'text') {
      if (block) own.set(block, (own.get(block) ?? 0) + (node as unknown as { data: string }).data.replace(/\s+/g, ' ').trim().length);
      continue;
    }
    if (!isElement(node)) continue;
    const i = index.pos.get(node);
    if (i === undefined || hidden(index, i) || out(node) || level(node) > 0 || tagName(node) === 'a' || tagName(node) === 'button') continue;
    const here = isBlock(node) || TEXT_BLOCKS.has(tagName(node)) && tagName(node) !== 'span' ? node : block;
    for (const c of childNodes(node)) stack.push({ node: c, block: here });
  }
  let best: Element | null = null;
  let bestScore = 0;
  for (const [el, n] of own) {
    if (!TEXT_BLOCKS.has(tagName(el))) continue;
    const paras = childNodes(el).filter((c): c is Element => isElement(c) && tagName(c) === 'p');
    const score = paras.length >= 2 ? n + paras.reduce((s, p) => s + (own.get(p) ?? 0), 0) : n;
    if (score > bestScore) {
      best = el;
      bestScore = score;
    }
  }
  if (best && tagName(best) === 'p') {
    // One paragraph of several: the text is all of them.
    const parent = parentEl(best);
    const paras = parent ? childNodes(parent).filter((c): c is Element => isElement(c) && tagName(c) === 'p' && (own.get(c) ?? 0) > 0) : [];
    if (parent && paras.length >= 2 && (own.get(parent) ?? 0) < 20 && TEXT_BLOCKS.has(tagName(parent))) {
      const total = paras.reduce((s, p) => s + (own.get(p) ?? 0), 0);
      if (total > bestScore) best = parent;
    }
  }
  return bestScore >= 30 ? best : null;
}

/** The lowest element holding every anchor (heading, description, facts): the ad. */
function lowestCommon(index: PageIndex, anchors: readonly Element[]): Element | null {
  const list = anchors.filter((a) => index.pos.has(a));
  if (list.length === 0) return null;
  if (list.length === 1) {
    for (let p: Element | null = list[0]!; p; p = parentEl(p)) {
      const name = tagName(p);
      if (name === 'article' || name === 'main' || name === 'section' || p.attribs?.itemscope !== undefined || (p.attribs?.role ?? '') === 'main') return p;
      if (name === 'body') return p;
    }
    return parentEl(list[0]!) ?? list[0]!;
  }
  for (let p: Element | null = list[0]!; p; p = parentEl(p)) {
    if (list.every((a) => contains(index, p!, a))) return p;
  }
  return null;
}

/** root without excluded and chrome parts: its largest clean subtrees (and itself when it has text of its own). */
function prune(index: PageIndex, root: Element, out: Set<Element>): Element[] {
  const dirty = (el: Element): boolean => {
    const i = index.pos.get(el)!;
    for (let j = i; j <= index.end[i]!; j++) if (out.has(index.order[j]!) || hidden(index, j, FLAG_CHROME)) return true;
    return false;
  };
  const result: Element[] = [];
  const walk = (el: Element) => {
    const i = index.pos.get(el);
    if (i === undefined || out.has(el) || hidden(index, i, FLAG_CHROME)) return;
    if (!dirty(el)) {
      result.push(el);
      return;
    }
    const ownText = childNodes(el).some((c) => c.type === 'text' && (c as unknown as { data: string }).data.trim() !== '');
    if (ownText) {
      result.push(el);
      return;
    }
    for (const c of childNodes(el)) if (isElement(c)) walk(c);
  };
  walk(root);
  return result;
}

/**
 * The ad's part of the page, given the elements known to be the ad's (labelled facts, the
 * microdata item). Excluded parts are also marked `hidden` on the parsed page, so that every text
 * read after this (labels, description, phones) passes over them.
 */
export function profileScope($: CheerioAPI, page: string, facts: readonly Element[] = []): ProfileScope {
  const index = pageIndex($);
  const heading = mainHeading($);
  const excluded = excludedParts($, page, heading);
  const excludedSet = new Set(excluded);
  const isOut = (el: Element) => excludedSet.has(el);
  for (const el of excluded) el.attribs = { ...el.attribs, hidden: '' };
  const description = descriptionBlock($, isOut);
  const inside = (el: Element) => !excluded.some((x) => contains(index, x, el));
  const anchors = [heading, description, ...facts].filter((e): e is Element => e !== null && inside(e));
  const root = lowestCommon(index, anchors) ?? pageRoots($)[0] ?? null;
  const roots = root ? prune(index, root, excludedSet) : [];
  return { root, roots, excluded, heading, description };
}

/**
 * A portable selector of a scope's roots, for a suggested adapter's `phones.scope`: the root's
 * path, and `> :not(…)` its excluded children when they are what sets the ad apart.
 */
export function scopeSelector($: CheerioAPI, scope: ProfileScope): string | null {
  if (!scope.root) return null;
  const base = tagName(scope.root) === 'body' ? 'body' : pathSelector($, scope.root);
  const inner = scope.excluded.filter((x) => parentEl(x) === scope.root);
  if (inner.length === 0) return base;
  return `${base} > :not(${[...new Set(inner.map(ownSelector))].join(', ')})`;
}
