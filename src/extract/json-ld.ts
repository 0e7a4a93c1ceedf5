// The JSON-LD blocks of a page, parsed once by one rule for every reader of them (phones, the
// generic adapter's structured data).

import type { CheerioAPI } from 'cheerio';
import type { Element } from 'domhandler';
import { childNodes, selectAll } from './dom.ts';

/** A block this large is not an ad's data (padding, an embedded app state): not parsed. */
const MAX_BLOCK_CHARS = 1_000_000;

function scriptText(el: Element): string {
  return childNodes(el)
    .map((c) => (c.type === 'text' ? (c as unknown as { data: string }).data : ''))
    .join('');
}

/** Every JSON-LD block of the page, parsed (broken ones left out). */
export function jsonLdBlocks($: CheerioAPI): unknown[] {
  const out: unknown[] = [];
  for (const script of selectAll($, 'script')) {
    if ((script.attribs?.type ?? '').trim().toLowerCase() !== 'application/ld+json') continue;
    const body = scriptText(script);
    if (body.length > MAX_BLOCK_CHARS) continue;
    try {
      out.push(JSON.parse(body));
    } catch {
      // A broken block says nothing; the page's other evidence still counts.
    }
  }
  return out;
}
