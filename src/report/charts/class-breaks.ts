// Map classes: up to five, split at quantiles of the values (a few big counties would otherwise
// leave every other county in the lowest class), with each break rounded to a number a reader can
// hold in mind (140 rather than 137.4). Breaks are lower bounds: a value v is in class j when
// breaks[j] <= v < breaks[j + 1].

import { formatNumber } from './format.ts';
import type { ChartLocale } from './types.ts';

export const MAX_CLASSES = 5;

/** Rounds to two significant digits (one below 10): 137 → 140, 1234 → 1200, 7.3 → 7. */
export function roundReadable(value: number): number {
  if (value <= 0) return 0;
  const digits = value < 10 ? 1 : 2;
  const power = 10 ** (Math.floor(Math.log10(value)) - digits + 1);
  return Number((Math.round(value / power) * power).toPrecision(12));
}

export interface Classes {
  /** Lower bound of each class, ascending; the first is the smallest value. */
  breaks: number[];
  min: number;
  max: number;
  integer: boolean;
}

/** Classes for the positive values (null and 0 are "no data" and take no class). */
export function classBreaks(values: number[]): Classes | null {
  const sorted = values.filter((v) => Number.isFinite(v) && v > 0).sort((a, b) => a - b);
  const min = sorted[0];
  const max = sorted[sorted.length - 1];
  if (min === undefined || max === undefined) return null;
  const integer = sorted.every(Number.isInteger);
  const distinct = [...new Set(sorted)];
  let inner: number[];
  if (distinct.length <= MAX_CLASSES) {
    inner = distinct.slice(1);
  } else {
    inner = [];
    for (let j = 1; j < MAX_CLASSES; j++) {
      const q = sorted[Math.floor((j * sorted.length) / MAX_CLASSES)] ?? max;
      let b = roundReadable(q);
      if (integer) b = Math.max(1, Math.round(b));
      inner.push(b);
    }
  }
  const breaks = [min, ...inner.filter((b) => b > min && b <= max)].filter((b, i, all) => i === 0 || b > (all[i - 1] ?? b));
  return { breaks, min, max, integer };
}

export function classOf(value: number, classes: Classes): number {
  let j = 0;
  while (j + 1 < classes.breaks.length && value >= (classes.breaks[j + 1] ?? Infinity)) j++;
  return j;
}

/** Legend text per class: "10–49" for whole numbers, "10–50" (lower bound included) otherwise. */
export function classLabels(classes: Classes, locale: ChartLocale): string[] {
  const f = (v: number): string => formatNumber(v, locale);
  const { breaks, max, integer } = classes;
  return breaks.map((low, j) => {
    const next = breaks[j + 1];
    const high = next === undefined ? max : integer ? next - 1 : next;
    return high <= low ? f(low) : `${f(low)}–${f(high)}`;
  });
}
