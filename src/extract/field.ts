// Applying a FieldSpec: the adapter says where a value lives, this returns the string as the
// site wrote it (or null). Turning it into a number, gender or place is normalisation's job.

import type { CheerioAPI } from 'cheerio';
import type { Element } from 'domhandler';
import type { FieldSpec } from '../../crawlers/types.ts';
import { selectAll } from './dom.ts';
import { lookupLabel } from './labels.ts';
import { blockText } from './text.ts';

const patternCache = new Map<string, RegExp | null>();

/**
 * Adapter patterns are case-insensitive ("År", "år") and unicode-aware; an invalid one matches
 * nothing rather than failing a crawl (validateAdapter reports it).
 */
export function compilePattern(pattern: string): RegExp | null {
  if (patternCache.has(pattern)) return patternCache.get(pattern)!;
  let re: RegExp | null;
  try {
    re = new RegExp(pattern, 'iu');
  } catch {
    re = null;
  }
  patternCache.set(pattern, re);
  return re;
}

/** First capture group that matched, or the whole match; null when the pattern does not match. */
export function applyPattern(value: string, pattern: string | undefined): string | null {
  if (pattern === undefined) return value;
  const re = compilePattern(pattern);
  if (!re) return null;
  const m = re.exec(value);
  if (!m) return null;
  const group = m.slice(1).find((g) => g !== undefined);
  return group ?? m[0];
}

function nonEmpty(value: string | null | undefined): string | null {
  if (value === null || value === undefined) return null;
  const v = value.trim();
  return v === '' ? null : v;
}

function fromSelector($: CheerioAPI, spec: FieldSpec): string | null {
  const els = selectAll($, spec.selector);
  if (els.length === 0) return null;
  const read = (el: Element): string | null =>
    nonEmpty(spec.attr ? el.attribs?.[spec.attr] : blockText([el]));
  if (!spec.all) {
    // The first match that yields, so an empty placeholder element does not hide the value.
    for (const el of els) {
      const raw = read(el);
      const v = raw === null ? null : nonEmpty(applyPattern(raw, spec.pattern));
      if (v !== null) return v;
    }
    return null;
  }
  const values = els
    .map((el) => read(el))
    .filter((v): v is string => v !== null)
    .map((v) => nonEmpty(applyPattern(v, spec.pattern)))
    .filter((v): v is string => v !== null);
  return values.length ? values.join('\n') : null;
}

function applyOne($: CheerioAPI, spec: FieldSpec, pageUrl: string): string | null {
  if (spec.fromUrl) return nonEmpty(applyPattern(pageUrl, spec.pattern));
  if (spec.label !== undefined) {
    const labels = Array.isArray(spec.label) ? spec.label : [spec.label];
    // With a selector too, the label is looked up inside the selected part of the page.
    const scope = spec.selector ? selectAll($, spec.selector) : null;
    if (scope && scope.length === 0) return null;
    const v = lookupLabel($, labels, scope);
    return v === null ? null : nonEmpty(applyPattern(v, spec.pattern));
  }
  if (spec.selector) return fromSelector($, spec);
  return null;
}

/** The value of a field: the first spec (of several) that yields a non-empty string. */
export function extractField(
  $: CheerioAPI,
  spec: FieldSpec | readonly FieldSpec[] | undefined,
  pageUrl: string,
): string | null {
  if (!spec) return null;
  const specs: readonly FieldSpec[] = Array.isArray(spec) ? spec : [spec as FieldSpec];
  for (const s of specs) {
    const v = applyOne($, s, pageUrl);
    if (v !== null) return v;
  }
  return null;
}
