// Accuracy of the gender normaliser on the hand-written corpus (tests/normalise/corpus/genders.jsonl):
// gender-field values, and site categories and titles (lines with "via": "text", read by
// genderFromText as the profile normaliser reads them).
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { genderFromText, normaliseGender } from '../../src/normalise/gender.ts';
import type { Gender } from '../../src/model/profile.ts';

interface GenderCase {
  text: string;
  expected: Gender;
  via?: 'field' | 'text';
  note?: string;
}

const corpus: GenderCase[] = readFileSync(new URL('./corpus/genders.jsonl', import.meta.url), 'utf8')
  .split('\n')
  .filter((l) => l.trim() !== '')
  .map((l) => JSON.parse(l) as GenderCase);

const read = (c: GenderCase): Gender => (c.via === 'text' ? genderFromText(c.text) : normaliseGender(c.text));
const CLASSES: Gender[] = ['woman', 'man', 'trans', 'couple', 'unknown'];

describe('gender corpus', () => {
  const BAR = 0.98;

  it(`has ≥ 150 labels and accuracy ≥ ${BAR}`, () => {
    const results = corpus.map((c) => ({ c, got: read(c) }));
    const misses = results.filter((r) => r.got !== r.c.expected);
    const accuracy = (corpus.length - misses.length) / corpus.length;
    const perClass = CLASSES.map((g) => {
      const of = results.filter((r) => r.c.expected === g);
      return `${g} ${of.filter((r) => r.got === g).length}/${of.length}`;
    }).join(', ');
    console.log(
      `genders: accuracy ${accuracy.toFixed(3)} (${corpus.length - misses.length}/${corpus.length}; ` +
        `${corpus.filter((c) => c.via === 'text').length} read as text); per class: ${perClass}`,
    );
    for (const m of misses) console.log(`  miss ${JSON.stringify(m.c.text)} → ${m.got} (expected ${m.c.expected})`);
    expect(corpus.length).toBeGreaterThanOrEqual(150);
    expect(accuracy).toBeGreaterThanOrEqual(BAR);
    for (const g of CLASSES) expect(corpus.filter((c) => c.expected === g).length, g).toBeGreaterThanOrEqual(10);
  });
});
