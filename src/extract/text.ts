// Visible text as a reader sees it: a line per block, inline pieces joined as written. Sites
// split numbers over <span>s (styling or scraping defence) and a plain textContent would either
// glue unrelated blocks together or, with naive spacing, break a number apart.

import type { AnyNode, Element } from 'domhandler';
import { childNodes, isElement, isInvisible, tagName, type PageIndex } from './dom.ts';

const BLOCK = new Set([
  'address', 'article', 'aside', 'blockquote', 'body', 'button', 'caption', 'center', 'dd',
  'details', 'dialog', 'dir', 'div', 'dl', 'dt', 'fieldset', 'figcaption', 'figure', 'footer',
  'form', 'h1', 'h2', 'h3', 'h4', 'h5', 'h6', 'header', 'hgroup', 'hr', 'html', 'legend', 'li',
  'main', 'menu', 'nav', 'ol', 'option', 'p', 'pre', 'section', 'summary', 'table', 'tbody',
  'td', 'tfoot', 'th', 'thead', 'tr', 'ul', 'br',
]);

export function isBlock(el: Element): boolean {
  return BLOCK.has(tagName(el));
}

/** Lines trimmed, inner whitespace folded, empty lines dropped. */
export function tidyLines(raw: string): string {
  return raw
    .split('\n')
    .map((line) => line.replace(/\s+/g, ' ').trim())
    .filter((line) => line.length > 0)
    .join('\n');
}

/**
 * Visible text of `roots` with a newline at every block boundary and none inside inline markup.
 * Scripts, styles and hidden elements are never read; `skip` prunes more (site chrome).
 */
export function blockText(roots: readonly AnyNode[], skip: (el: Element) => boolean = () => false): string {
  const out: string[] = [];
  // A null entry closes a block: the newline after it.
  const stack: (AnyNode | null)[] = [...roots].reverse();
  while (stack.length > 0) {
    const node = stack.pop();
    if (node === null) {
      out.push('\n');
      continue;
    }
    if (node === undefined) break;
    if (node.type === 'text') {
      out.push((node as unknown as { data: string }).data.replace(/\s+/g, ' '));
      continue;
    }
    if (!isElement(node)) {
      // The document node itself: read its children.
      if (node.type === 'root') stack.push(...[...childNodes(node)].reverse());
      continue;
    }
    if (isInvisible(node) || skip(node)) continue;
    if (isBlock(node)) {
      out.push('\n');
      stack.push(null);
    }
    const kids = childNodes(node);
    for (let i = kids.length - 1; i >= 0; i--) stack.push(kids[i]!);
  }
  return tidyLines(out.join(''));
}

/** Text of roots on one line (labels and short values). */
export function inlineText(roots: readonly AnyNode[], skip?: (el: Element) => boolean): string {
  return blockText(roots, skip).replace(/\n/g, ' ').trim();
}

const maskedCache = new WeakMap<PageIndex, Map<string, string>>();

/**
 * blockText of `roots` without the elements whose index flags meet `mask`, read once per page:
 * the phone, contact and label readers all go through the same part of the page.
 */
export function maskedText(index: PageIndex, roots: readonly Element[], mask: number): string {
  const skip = (el: Element): boolean => {
    const i = index.pos.get(el);
    return i !== undefined && (index.flags[i]! & mask) !== 0;
  };
  const positions = roots.map((r) => index.pos.get(r));
  // A root from another document has no position to key on.
  if (positions.includes(undefined)) return blockText(roots, skip);
  let perPage = maskedCache.get(index);
  if (!perPage) {
    perPage = new Map();
    maskedCache.set(index, perPage);
  }
  const key = `${mask}:${positions.join(',')}`;
  let text = perPage.get(key);
  if (text === undefined) {
    text = blockText(roots, skip);
    perPage.set(key, text);
  }
  return text;
}
