// Parsing and walking the DOM without trusting the page: pages come from sites that may be
// broken, huge or hostile, and one bad page must not stall or crash a crawl. Every walk here is
// iterative (cheerio's own .text() recurses and overflows the stack on deep markup).

import { load, type CheerioAPI } from 'cheerio';
import type { AnyNode, Element } from 'domhandler';

/** Pages beyond this are cut: profile content sits near the top, and parsing is superlinear. */
export const MAX_HTML_CHARS = 5_000_000;
/**
 * Real pages nest a few dozen levels; parse5 and selector matching go quadratic on tens of
 * thousands, so a page nested deeper than this is treated as empty.
 */
export const MAX_DEPTH = 1_000;

/** Closed implicitly by the parser, so a missing end tag says nothing about depth. */
const IMPLIED_END = new Set([
  'p', 'li', 'dt', 'dd', 'tr', 'td', 'th', 'option', 'optgroup', 'tbody', 'thead', 'tfoot',
  'colgroup', 'rt', 'rp', 'html', 'head', 'body', 'caption',
]);
const VOID = new Set([
  'area', 'base', 'br', 'col', 'embed', 'hr', 'img', 'input', 'link', 'meta', 'param', 'source',
  'track', 'wbr', 'keygen', 'basefont', 'frame', 'isindex',
]);
const RAW_TEXT = new Set(['script', 'style', 'textarea', 'title', 'xmp', 'noscript', 'template']);

// A tag's start, read in place (sticky) rather than from a copy of the tag. A name never runs
// past the tag's ">"; one longer than any listed above is none of them, whole or cut.
const TAG_OPEN = /<(\/?)([a-z][a-z0-9-]*)/y;

/**
 * A cheap upper bound of element nesting, read from the tags without building a tree. A plain
 * scan rather than a regular expression: a pattern like /<[^>]*>/ backtracks quadratically on
 * input such as "<a<a<a…" without any ">".
 */
export function nestingDepth(html: string): number {
  const lower = html.toLowerCase();
  let depth = 0;
  let max = 0;
  let i = lower.indexOf('<');
  while (i >= 0 && i < lower.length) {
    if (lower.startsWith('<!--', i)) {
      const close = lower.indexOf('-->', i + 4);
      if (close < 0) break;
      i = lower.indexOf('<', close + 3);
      continue;
    }
    const gt = lower.indexOf('>', i + 1);
    if (gt < 0) break;
    TAG_OPEN.lastIndex = i;
    const m = TAG_OPEN.exec(lower);
    let next = gt + 1;
    if (m) {
      const closing = m[1] === '/';
      const name = m[2] ?? '';
      if (RAW_TEXT.has(name)) {
        // Script and style bodies may hold markup-looking strings that are not elements.
        if (!closing) {
          const close = lower.indexOf(`</${name}`, next);
          if (close < 0) break;
          next = close + 2;
        }
      } else if (!VOID.has(name) && !IMPLIED_END.has(name)) {
        if (closing) depth = Math.max(0, depth - 1);
        else if (lower[gt - 1] !== '/') max = Math.max(max, ++depth);
      }
    }
    i = lower.indexOf('<', next);
  }
  return max;
}

/** Parse a page, turning oversized or absurdly nested input into an empty document. */
export function loadHtml(html: unknown): CheerioAPI {
  let input = typeof html === 'string' ? html : '';
  if (input.length > MAX_HTML_CHARS) input = input.slice(0, MAX_HTML_CHARS);
  if (nestingDepth(input) > MAX_DEPTH) input = '';
  try {
    return load(input);
  } catch {
    return load('');
  }
}

export function isElement(node: AnyNode): node is Element {
  return node.type === 'tag' || node.type === 'script' || node.type === 'style';
}

export function childNodes(node: AnyNode): AnyNode[] {
  return 'children' in node && Array.isArray(node.children) ? (node.children as AnyNode[]) : [];
}

export function tagName(el: Element): string {
  return el.name.toLowerCase();
}

/** Elements whose content a reader never sees. */
const NEVER_VISIBLE = new Set(['script', 'style', 'noscript', 'template', 'head', 'title', 'meta', 'link', 'iframe', 'object', 'svg', 'select']);

export function isInvisible(el: Element): boolean {
  if (NEVER_VISIBLE.has(tagName(el))) return true;
  const a = el.attribs ?? {};
  if ('hidden' in a) return true;
  if (tagName(el) === 'input' && (a.type ?? '').toLowerCase() === 'hidden') return true;
  const style = (a.style ?? '').toLowerCase().replace(/\s+/g, '');
  return style.includes('display:none') || style.includes('visibility:hidden');
}

const CHROME_ROLES = new Set(['navigation', 'banner', 'contentinfo']);

/**
 * Site-wide furniture: navigation, and headers/footers of the page (the ones of an <article>
 * belong to the article). Customer-service numbers live here and are not the profile's.
 */
export function isChrome(el: Element, insideArticle: boolean): boolean {
  const name = tagName(el);
  if (name === 'nav') return true;
  if ((name === 'header' || name === 'footer') && !insideArticle) return true;
  const role = (el.attribs?.role ?? '').toLowerCase();
  return CHROME_ROLES.has(role);
}

export const FLAG_INVISIBLE = 1;
export const FLAG_CHROME = 2;

/** Facts about every element of a page, computed once in a single pass. */
export interface PageIndex {
  /** Elements in document order. */
  order: Element[];
  pos: Map<Element, number>;
  /** Position of the last descendant of order[i] (order[i] itself when it has none). */
  end: number[];
  /** FLAG_* bits, inherited from ancestors. */
  flags: Uint8Array;
  /** Text of the element when short (label candidates), else null. */
  shortText: (string | null)[];
}

/** Longest text kept as a label candidate; labels are words, not paragraphs. */
export const SHORT_TEXT_MAX = 80;

const indexCache = new WeakMap<CheerioAPI, PageIndex>();

export function pageIndex($: CheerioAPI): PageIndex {
  const cached = indexCache.get($);
  if (cached) return cached;
  const index = buildIndex(childNodes($.root()[0] as AnyNode));
  indexCache.set($, index);
  return index;
}

interface Frame {
  el: Element | null;
  kids: AnyNode[];
  next: number;
  flags: number;
  inArticle: boolean;
  text: string | null;
}

function buildIndex(roots: AnyNode[]): PageIndex {
  const order: Element[] = [];
  const pos = new Map<Element, number>();
  const end: number[] = [];
  const flags: number[] = [];
  const shortText: (string | null)[] = [];
  const stack: Frame[] = [{ el: null, kids: roots, next: 0, flags: 0, inArticle: false, text: '' }];
  while (stack.length > 0) {
    const frame = stack[stack.length - 1]!;
    if (frame.next >= frame.kids.length) {
      stack.pop();
      if (frame.el) {
        const i = pos.get(frame.el)!;
        end[i] = order.length - 1;
        shortText[i] = frame.text;
        const parent = stack[stack.length - 1];
        if (parent) parent.text = appendShort(parent.text, frame.flags & FLAG_INVISIBLE ? '' : (frame.text === null ? null : ` ${frame.text} `));
      }
      continue;
    }
    const node = frame.kids[frame.next++]!;
    if (node.type === 'text') {
      frame.text = appendShort(frame.text, (node as unknown as { data: string }).data);
      continue;
    }
    if (!isElement(node)) continue;
    const inArticle = frame.inArticle || tagName(node) === 'article';
    let f = frame.flags;
    if (isInvisible(node)) f |= FLAG_INVISIBLE;
    if (isChrome(node, frame.inArticle)) f |= FLAG_CHROME;
    pos.set(node, order.length);
    order.push(node);
    end.push(order.length - 1);
    flags.push(f);
    shortText.push(null);
    stack.push({ el: node, kids: childNodes(node), next: 0, flags: f, inArticle, text: '' });
  }
  return { order, pos, end, flags: Uint8Array.from(flags), shortText };
}

function appendShort(acc: string | null, add: string | null): string | null {
  if (acc === null || add === null) return null;
  const joined = acc + add;
  // Folding whitespace only shortens: a text already short enough needs no folding to tell.
  if (joined.length <= SHORT_TEXT_MAX + 2) return joined;
  return joined.replace(/\s+/g, ' ').length > SHORT_TEXT_MAX + 2 ? null : joined;
}

/** Drop elements nested inside other elements of the list, so no content is read twice. */
export function outermost(index: PageIndex, els: Element[]): Element[] {
  const sorted = [...new Set(els)]
    .filter((el) => index.pos.has(el))
    .sort((a, b) => index.pos.get(a)! - index.pos.get(b)!);
  const out: Element[] = [];
  let coverEnd = -1;
  for (const el of sorted) {
    const i = index.pos.get(el)!;
    if (i <= coverEnd) continue;
    out.push(el);
    coverEnd = index.end[i]!;
  }
  return out;
}

const keptSelections = new WeakMap<CheerioAPI, Map<string, Element[]>>();

/**
 * Runs `read` with the answers of selectAll on `$` kept: reading a profile asks for the same
 * selectors more than once (one stats box per labelled field, the profile's scope for phones and
 * for contacts), and each asking walks the whole page. `read` must not change the page.
 */
export function withSelectionsKept<T>($: CheerioAPI, read: () => T): T {
  if (keptSelections.has($)) return read();
  keptSelections.set($, new Map());
  try {
    return read();
  } finally {
    keptSelections.delete($);
  }
}

/** Run a selector without letting a malformed one (from an adapter) throw. */
export function selectAll($: CheerioAPI, selector: string | undefined): Element[] {
  if (!selector) return [];
  const kept = keptSelections.get($);
  // Copies, so that a caller's changes to its list stay its own.
  const hit = kept?.get(selector);
  if (hit) return [...hit];
  const els = runSelector($, selector);
  kept?.set(selector, [...els]);
  return els;
}

function runSelector($: CheerioAPI, selector: string): Element[] {
  try {
    return $(selector).toArray().filter((n): n is Element => isElement(n as AnyNode));
  } catch {
    return [];
  }
}

/** The element whose content is "the page": <body>, or the root's elements when there is none. */
export function pageRoots($: CheerioAPI): Element[] {
  const body = selectAll($, 'body');
  if (body.length > 0) return body.slice(0, 1);
  return childNodes($.root()[0] as AnyNode).filter(isElement);
}
