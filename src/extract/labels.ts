// Finding the value that belongs to a label ("Ålder", "Kön") whatever markup the site chose:
// dt/dd, th/td (row or column), a bold or span label followed by its value, or a plain
// "Ålder: 26" line. Sites change their markup more often than their wording, so adapters name
// labels and this module finds the layout.

import type { CheerioAPI } from 'cheerio';
import type { AnyNode, Element } from 'domhandler';
import {
  FLAG_CHROME,
  FLAG_INVISIBLE,
  childNodes,
  isElement,
  outermost,
  pageIndex,
  pageRoots,
  tagName,
  type PageIndex,
} from './dom.ts';
import { fold, foldWithMap, keyMatches, labelKey } from './fold.ts';
import { inlineText, isBlock, maskedText } from './text.ts';

/** Elements that group label/value pairs and are never a label themselves. */
const GROUPS = new Set(['html', 'body', 'table', 'thead', 'tbody', 'tfoot', 'tr', 'dl', 'ul', 'ol', 'select', 'form']);

/**
 * A real page has a handful of elements reading as one label; a page with thousands is built to
 * make the value search quadratic, and only the first ones are tried.
 */
const MAX_CANDIDATES = 200;

/** Separators between a label and its value. */
const LEAD = /^[\s:：\-–—=]+/;

function clean(value: string): string {
  const v = value.replace(LEAD, '').replace(/\s+/g, ' ').trim();
  // A "value" that is itself a label means the real value was empty.
  return /[:：]$/.test(v) ? '' : v;
}

function elementSiblingsAfter(el: Element): AnyNode[] {
  const out: AnyNode[] = [];
  for (let n = el.next; n; n = n.next) out.push(n);
  return out;
}

function ddValue(dt: Element, skip: (el: Element) => boolean): string {
  const parts: string[] = [];
  for (const n of elementSiblingsAfter(dt)) {
    if (!isElement(n)) continue;
    const name = tagName(n);
    if (name === 'dt') break;
    if (name === 'dd') parts.push(inlineText([n], skip));
  }
  return clean(parts.filter(Boolean).join(' '));
}

function cells(row: Element): Element[] {
  return childNodes(row).filter(
    (n): n is Element => isElement(n) && (tagName(n) === 'td' || tagName(n) === 'th'),
  );
}

function span(cell: Element): number {
  const n = Number.parseInt(cell.attribs?.colspan ?? '1', 10);
  return Number.isFinite(n) && n > 0 ? Math.min(n, 1000) : 1;
}

function nextRow(row: Element): Element | null {
  for (let n = row.next; n; n = n.next) if (isElement(n) && tagName(n) === 'tr') return n;
  // A header row in <thead> continues in the first row of the following <tbody>.
  const group = row.parent;
  if (group && isElement(group as AnyNode)) {
    for (let n = (group as Element).next; n; n = n.next) {
      if (!isElement(n)) continue;
      const first = childNodes(n).find((c): c is Element => isElement(c) && tagName(c) === 'tr');
      if (first) return first;
    }
  }
  return null;
}

function cellValue(cell: Element, skip: (el: Element) => boolean): string {
  const row = cell.parent;
  if (!row || !isElement(row as AnyNode)) return '';
  const rowCells = cells(row as Element);
  const headerRow = rowCells.length > 1 && rowCells.every((c) => tagName(c) === 'th');
  if (!headerRow) {
    let after = false;
    for (const c of rowCells) {
      if (c === cell) {
        after = true;
        continue;
      }
      if (!after) continue;
      const v = clean(inlineText([c], skip));
      if (v) return v;
    }
    return '';
  }
  // Labels across the top, values in the row below: read the same column.
  let col = 0;
  for (const c of rowCells) {
    if (c === cell) break;
    col += span(c);
  }
  const below = nextRow(row as Element);
  if (!below) return '';
  let at = 0;
  for (const c of cells(below)) {
    if (at === col) return clean(inlineText([c], skip));
    at += span(c);
    if (at > col) break;
  }
  return '';
}

function sameKind(a: Element, b: Element): boolean {
  return tagName(a) === tagName(b) && (a.attribs?.class ?? '') === (b.attribs?.class ?? '');
}

/** `<b>Ålder:</b> 26`, `<span class=label>Ålder</span><span>26</span>`, `<div>Ålder</div><div>26</div>`. */
function siblingValue(label: Element, skip: (el: Element) => boolean): string {
  let acc = '';
  for (const n of elementSiblingsAfter(label)) {
    if (n.type === 'text') {
      acc += (n as unknown as { data: string }).data;
      continue;
    }
    if (!isElement(n) || skip(n)) continue;
    const name = tagName(n);
    const hasValue = clean(acc) !== '';
    if (name === 'br') {
      if (hasValue) break;
      continue;
    }
    if (name === 'input' || name === 'output') {
      acc += ` ${n.attribs?.value ?? ''}`;
      continue;
    }
    if (isBlock(n) || sameKind(n, label)) {
      if (hasValue) break;
      return clean(inlineText([n], skip));
    }
    acc += inlineText([n], skip);
  }
  return clean(acc);
}

function valueFor(el: Element, skip: (el: Element) => boolean, ownKey: string): string {
  const name = tagName(el);
  const v = name === 'dt' ? ddValue(el, skip) : name === 'th' || name === 'td' ? cellValue(el, skip) : siblingValue(el, skip);
  // The "value" is the same label again (a list of labels without values): nothing stated.
  return labelKey(v) === ownKey ? '' : v;
}

const keyCache = new WeakMap<PageIndex, (string | null)[]>();

/** Label keys of the short texts, folded once per page rather than once per field. */
function shortKeys(index: PageIndex): (string | null)[] {
  let keys = keyCache.get(index);
  if (!keys) {
    keys = index.shortText.map((t) => (t === null ? null : labelKey(t)));
    keyCache.set(index, keys);
  }
  return keys;
}

function escapeRegExp(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/** The start of a following "Label:" on the same line, where a value stops. */
const NEXT_LABEL = /\s+\p{L}[\p{L} ]{0,24}[:：](?:\s|$)/u;

/** Lines of a scope's text, raw and folded (for a fast first test), computed once per page. */
interface ScopeLines {
  raw: string[];
  folded: string[];
}

const linesCache = new WeakMap<PageIndex, Map<string, ScopeLines>>();

function scopeLines(index: PageIndex, roots: Element[], mask: number): ScopeLines {
  let perPage = linesCache.get(index);
  if (!perPage) {
    perPage = new Map();
    linesCache.set(index, perPage);
  }
  const key = `${mask}:${roots.map((r) => index.pos.get(r)).join(',')}`;
  let lines = perPage.get(key);
  if (!lines) {
    const raw = maskedText(index, roots, mask).split('\n');
    lines = { raw, folded: raw.map(fold) };
    perPage.set(key, lines);
  }
  return lines;
}

/** "Ålder: 26" in running text. */
function lineValue(lines: ScopeLines, key: string): string {
  const re = new RegExp(`(?:^|[^\\p{L}\\p{N}])${escapeRegExp(key)}\\s*[:：]\\s*`, 'u');
  for (let i = 0; i < lines.raw.length; i++) {
    // The folded line (whitespace also folded) only says whether to look closer.
    if (!re.test(lines.folded[i]!)) continue;
    const line = lines.raw[i]!;
    const { folded, offsets } = foldWithMap(line);
    const m = re.exec(folded);
    if (!m) continue;
    const rest = line.slice(offsets[m.index + m[0].length] ?? line.length);
    const stop = NEXT_LABEL.exec(rest);
    const v = clean(stop ? rest.slice(0, stop.index) : rest);
    if (v) return v;
  }
  return '';
}

/**
 * The value of the first of `labels` found on the page. `scope` limits the search to those
 * elements; without it the whole page except site chrome (nav, page header/footer) is searched.
 */
export function lookupLabel($: CheerioAPI, labels: readonly string[], scope: Element[] | null): string | null {
  const index: PageIndex = pageIndex($);
  const mask = scope ? FLAG_INVISIBLE : FLAG_INVISIBLE | FLAG_CHROME;
  const skip = (el: Element): boolean => {
    const i = index.pos.get(el);
    return i !== undefined && (index.flags[i]! & mask) !== 0;
  };
  const roots = scope ? outermost(index, scope) : pageRoots($);
  if (roots.length === 0) return null;
  const wanted = labels.map(labelKey).filter((l) => l !== '');
  const keys = shortKeys(index);

  for (const root of roots) {
    const r = index.pos.get(root);
    if (r === undefined) continue;
    const matches: number[] = [];
    for (let i = r; i <= index.end[r]!; i++) {
      const key = keys[i];
      if (!key || (index.flags[i]! & mask) !== 0 || GROUPS.has(tagName(index.order[i]!))) continue;
      if (wanted.some((label) => keyMatches(key, label))) matches.push(i);
    }
    const rawText = (i: number) => (index.shortText[i] ?? '').replace(/\s+/g, ' ').trim();
    for (let m = 0; m < Math.min(matches.length, MAX_CANDIDATES); m++) {
      const i = matches[m]!;
      // "Gender / Kön  Female" or "Age -" also read as a label; an element holding a matching
      // element plus other text is a container of label and value, not the label itself.
      let container = false;
      for (let n = m + 1; n < matches.length && matches[n]! <= index.end[i]!; n++) {
        if (rawText(matches[n]!) !== rawText(i)) {
          container = true;
          break;
        }
      }
      if (container) continue;
      const v = valueFor(index.order[i]!, skip, keys[i]!);
      if (v) return v;
    }
  }

  const lines = scopeLines(index, roots, mask);
  for (const label of wanted) {
    const v = lineValue(lines, label);
    if (v) return v;
  }
  return null;
}
