// Normaliser throughput: strings per second for each normaliser over its labelled corpus
// (repeated to about 20,000 strings), as a profile's fields would reach it. Each repetition of a
// string differs (trailing spaces), so that the normalisers' per-text memory of recent answers
// (phone spans, foldings) is not what is measured: on a real crawl few texts come back whole.

import { readFileSync } from 'node:fs';
import { analyseAge } from '../src/normalise/age.ts';
import { normaliseGender } from '../src/normalise/gender.ts';
import { normaliseLocation } from '../src/normalise/location.ts';
import { findPhonesInText } from '../src/normalise/phone.ts';

function corpus(name: string): string[] {
  return readFileSync(new URL(`../tests/normalise/corpus/${name}.jsonl`, import.meta.url), 'utf8')
    .split('\n')
    .filter((line) => line.trim())
    .map((line) => String((JSON.parse(line) as { text?: unknown }).text ?? ''));
}

function rate(strings: string[], fn: (s: string) => unknown): number {
  const repeated = Array.from({ length: Math.ceil(20_000 / strings.length) }, (_, k) => strings.map((s) => s + ' '.repeat(k + 1))).flat();
  for (const s of strings) fn(s); // warm-up: indexes, regex compilation, JIT
  const started = performance.now();
  for (const s of repeated) fn(s);
  return (repeated.length / (performance.now() - started)) * 1000;
}

export function benchNormalise(): Record<string, number> {
  const observedAt = new Date('2026-11-23T12:00:00Z');
  return {
    phone: rate(corpus('phones'), (s) => findPhonesInText(s)),
    age: rate(corpus('ages'), (s) => analyseAge(s, { observedAt, context: [s] })),
    gender: rate(corpus('genders'), (s) => normaliseGender(s)),
    location: rate(corpus('locations'), (s) => normaliseLocation(s)),
  };
}
