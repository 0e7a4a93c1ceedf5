// Evidence strings: short, deduplicated, and never a phone number.

import { foldText } from '../normalise/text.ts';
import { MAX_EVIDENCE_CHARS } from '../normalise/phrase-list.ts';

/** Quotes shown for one indicator of a cluster; the rest are counted in a last "… and N more". */
export const MAX_QUOTES = 5;

// Seven or more digits with separators between them look like a phone number: masked, whatever the
// list or the age normaliser handed in (phrases never need that many digits).
const NUMBER_LIKE = /\+?\d(?:[\s\-().]*\d){6,}/gu;

/** A quote made safe to show: number-like runs masked, whitespace collapsed, at most 40 characters. */
export function safeQuote(quote: string): string {
  const s = quote.replace(NUMBER_LIKE, '[nummer]').replace(/\s+/gu, ' ').trim();
  return s.length <= MAX_EVIDENCE_CHARS ? s : `${s.slice(0, MAX_EVIDENCE_CHARS - 1)}…`;
}

/** Safe quotes in first-seen order, one per folded spelling ("Våra tjejer" and "våra tjejer" are one). */
export function uniqueQuotes(quotes: Iterable<string>): string[] {
  const seen = new Set<string>();
  const out: string[] = [];
  for (const q of quotes) {
    const s = safeQuote(q);
    const key = foldText(s);
    if (key === '' || seen.has(key)) continue;
    seen.add(key);
    out.push(s);
  }
  return out;
}

/** At most `max` quotes, then "… and N more" when some were left out. */
export function capQuotes(quotes: readonly string[], max = MAX_QUOTES): string[] {
  if (quotes.length <= max) return [...quotes];
  return [...quotes.slice(0, max), `… and ${quotes.length - max} more`];
}

/** "1 profile", "3 profiles". */
export function count(n: number, one: string, many = `${one}s`): string {
  return `${n} ${n === 1 ? one : many}`;
}

/** Country codes with counts, most frequent first, then alphabetical: "GB ×2, NO". */
export function countryList(countries: readonly string[]): string {
  const counts = new Map<string, number>();
  for (const c of countries) counts.set(c, (counts.get(c) ?? 0) + 1);
  return [...counts]
    .sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]))
    .map(([c, n]) => (n > 1 ? `${c} ×${n}` : c))
    .join(', ');
}
