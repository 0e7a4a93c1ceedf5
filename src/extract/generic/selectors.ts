// CSS selectors that name what the generic reader used on a page, so that a declarative adapter
// can be suggested from it (`kartla sites probe`). A selector is built from what a site's pages
// share (tag, class, rel, itemprop, an ancestor's class or id) and checked against the page: it
// must match every element it names, and as few others as it can.

import type { CheerioAPI } from 'cheerio';
import type { AnyNode, Element } from 'domhandler';
import { isElement, selectAll, tagName } from '../dom.ts';

/** Class tokens that say how an element looks right now, not what it is. */
const STATE_CLASS = /^(?:active|current|selected|is-|has-|js-|open|closed|hidden|visible|first|last|odd|even|clearfix|row|col(?:-|$))/i;
const SAFE_TOKEN = /^[A-Za-z_][\w-]{0,63}$/;

/** Class names worth naming: stable words, not generated hashes or per-item ids. */
export function stableClasses(el: Element): string[] {
  return (el.attribs?.class ?? '')
    .split(/\s+/)
    .filter((c) => SAFE_TOKEN.test(c) && !STATE_CLASS.test(c) && !/\d{3,}/.test(c) && !/^[a-z]{1,3}\d|[A-Z0-9]{6,}/.test(c));
}

function stableId(el: Element): string | null {
  const id = el.attribs?.id ?? '';
  return SAFE_TOKEN.test(id) && !/\d{2,}/.test(id) ? id : null;
}

/** One element's own selector: tag with its first stable class, or its id, or the tag alone. */
export function ownSelector(el: Element): string {
  const tag = tagName(el);
  const id = stableId(el);
  const classes = stableClasses(el);
  if (classes.length > 0) return `${tag}.${classes[0]}`;
  if (id) return `${tag}#${id}`;
  return tag;
}

function parentElement(el: Element): Element | null {
  const p = el.parent as AnyNode | null;
  return p && isElement(p) ? p : null;
}

interface Candidate {
  selector: string;
  extra: number;
}

function check($: CheerioAPI, selector: string, wanted: Set<Element>): Candidate | null {
  const got = selectAll($, selector);
  let hit = 0;
  for (const el of got) if (wanted.has(el)) hit++;
  if (hit < wanted.size) return null;
  return { selector, extra: got.length - hit };
}

/**
 * A selector that matches every element of `els` (and as few others as possible), or null when
 * none of the forms tried does. Tried: `tag.class` for a class all share, attribute forms given
 * in `attributes` (`a[rel~="next"]`), then each of those under the nearest ancestor with a class
 * or id that all share (`.pager a`), then the tag under such an ancestor.
 */
export function selectorFor($: CheerioAPI, els: readonly Element[], attributes: readonly string[] = [], split = true): string | null {
  const list = [...new Set(els)];
  if (list.length === 0) return null;
  const wanted = new Set(list);
  const tags = new Set(list.map(tagName));
  const tag = tags.size === 1 ? [...tags][0]! : '';
  const shared = stableClasses(list[0]!).filter((c) => list.every((el) => stableClasses(el).includes(c)));
  const own = [...attributes.map((a) => `${tag}${a}`), ...shared.map((c) => `${tag}.${c}`)];
  const ancestors = sharedAncestors(list);
  const forms = [...own, ...ancestors.flatMap((a) => [...own.map((o) => `${a} ${o}`), ...(tag ? [`${a} ${tag}`] : [])])];
  let best: Candidate | null = null;
  for (const form of forms) {
    const c = check($, form, wanted);
    if (c && (best === null || c.extra < best.extra)) best = c;
    if (best?.extra === 0) break;
  }
  if (best && best.extra > 0 && split) {
    // Links in several places (an article's footer and a sidebar): one selector per place.
    const byPlace = new Map<string, Element[]>();
    for (const el of list) {
      const p = parentElement(el);
      const key = p ? ownSelector(p) : '';
      byPlace.set(key, [...(byPlace.get(key) ?? []), el]);
    }
    if (byPlace.size > 1 && byPlace.size <= 4) {
      const parts = [...byPlace.values()].map((els) => selectorFor($, els, attributes, false));
      if (parts.every((p) => p !== null)) {
        const union = [...new Set(parts)].join(', ');
        const c = check($, union, wanted);
        if (c && c.extra < best.extra) return union;
      }
    }
  }
  if (best) return best.selector;
  return tag && check($, tag, wanted) ? tag : null;
}

/** Selectors of the nearest ancestors (at most four levels up) that every element shares by class or id. */
function sharedAncestors(els: readonly Element[]): string[] {
  const out: string[] = [];
  let level: (Element | null)[] = els.map(parentElement);
  for (let depth = 0; depth < 6 && out.length < 3; depth++) {
    if (level.some((e) => e === null)) break;
    const first = level[0]!;
    const name = tagName(first);
    if (name === 'body' || name === 'html') break;
    const id = stableId(first);
    if (id && level.every((e) => e === first)) out.push(`#${id}`);
    for (const c of stableClasses(first)) if (level.every((e) => stableClasses(e!).includes(c))) out.push(`.${c}`);
    level = level.map((e) => parentElement(e!));
  }
  return out;
}

/**
 * A selector for one element of a page that reads as a path of own selectors (`article.ad dl`),
 * short enough to read and checked to match it; the bare own selector when no path does.
 */
export function pathSelector($: CheerioAPI, el: Element): string {
  const own = ownSelector(el);
  const wanted = new Set([el]);
  const first = check($, own, wanted);
  if (first && first.extra === 0) return own;
  let best = first ? own : null;
  let extra = first?.extra ?? Infinity;
  for (let p = parentElement(el), depth = 0; p && depth < 6; p = parentElement(p), depth++) {
    const name = tagName(p);
    if (name === 'html') break;
    if (name === 'body' || (stableClasses(p).length === 0 && !stableId(p))) continue;
    const sel = `${ownSelector(p)} ${own}`;
    const c = check($, sel, wanted);
    if (c && c.extra < extra) {
      best = sel;
      extra = c.extra;
      if (extra === 0) break;
    }
  }
  return best ?? own;
}
