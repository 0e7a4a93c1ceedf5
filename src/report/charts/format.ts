// Numbers as readers of each language expect them: Swedish "12 345" and "12,5 %" (with
// non-breaking spaces, so a figure never wraps inside a chart label), English "12,345" and "12.5%".
import type { ChartLocale } from './types.ts';

export type ValueFormat = 'count' | 'share';

const INTL_LOCALE: Record<ChartLocale, string> = { sv: 'sv-SE', en: 'en-GB' };

// Formatters are costly to build and charts format hundreds of numbers.
const cache = new Map<string, Intl.NumberFormat>();

function formatter(locale: ChartLocale, kind: ValueFormat | 'number'): Intl.NumberFormat {
  const key = `${locale}:${kind}`;
  let f = cache.get(key);
  if (!f) {
    const options: Intl.NumberFormatOptions =
      kind === 'share'
        ? { style: 'percent', maximumFractionDigits: 1 }
        : kind === 'count'
          ? { maximumFractionDigits: 0 }
          : { maximumFractionDigits: 2 };
    f = new Intl.NumberFormat(INTL_LOCALE[locale], options);
    cache.set(key, f);
  }
  return f;
}

/** A count (whole number), a share (fraction 0..1 shown as a percentage) or any other number. */
export function formatNumber(value: number, locale: ChartLocale, kind: ValueFormat | 'number' = 'number'): string {
  return formatter(locale, kind).format(value);
}
