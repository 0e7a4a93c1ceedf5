// Precision and recall of findContacts on the hand-written corpus (tests/normalise/corpus/
// contacts.jsonl): e-mail addresses and Telegram handles as ads write them, plainly and hidden, and
// decoys that look like them (prices, times, image names, other networks' handles, Telegram's own
// service links). Each line: text, the source it arrives as (text unless said), and the expected
// contacts as "kind:value". All addresses use reserved domains; all names are invented.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import type { ContactSource } from '../../src/model/profile.ts';
import { findContacts } from '../../src/normalise/contacts.ts';

interface ContactCase {
  text: string;
  source?: ContactSource;
  expected: string[];
  kind: string;
}

const corpus: ContactCase[] = readFileSync(new URL('./corpus/contacts.jsonl', import.meta.url), 'utf8')
  .split('\n')
  .filter((l) => l.trim() !== '')
  .map((l) => JSON.parse(l) as ContactCase);

const results = corpus.map((c) => ({
  c,
  got: findContacts([{ text: c.text, source: c.source ?? 'text' }]).map((x) => `${x.kind}:${x.value}`),
}));

const RESERVED_DOMAIN = /(?:^|\.)(?:example\.com|example\.net|example\.org|example|test|invalid)$/;

describe('contact corpus', () => {
  it('has at least 200 lines: 60 e-mail (25 hidden), 50 Telegram, 70 decoys', () => {
    const lines = (p: (c: ContactCase) => boolean) => corpus.filter(p).length;
    const email = lines((c) => c.expected.some((e) => e.startsWith('email:')));
    const hidden = lines((c) => c.kind === 'email-obfuscated');
    const telegram = lines((c) => c.expected.some((e) => e.startsWith('telegram:')));
    const decoys = lines((c) => c.expected.length === 0);
    console.log(`contacts corpus: ${corpus.length} lines, e-mail ${email} (obfuscated ${hidden}), Telegram ${telegram}, decoys ${decoys}`);
    expect(corpus.length).toBeGreaterThanOrEqual(200);
    expect(email).toBeGreaterThanOrEqual(60);
    expect(hidden).toBeGreaterThanOrEqual(25);
    expect(telegram).toBeGreaterThanOrEqual(50);
    expect(decoys).toBeGreaterThanOrEqual(70);
  });

  it('uses reserved e-mail domains only', () => {
    const real = corpus.flatMap((c) => c.expected).filter((e) => e.startsWith('email:') && !RESERVED_DOMAIN.test(e.split('@')[1] ?? ''));
    expect(real).toEqual([]);
  });

  it('finds contacts with precision ≥ 0.98 and recall ≥ 0.95', () => {
    let tp = 0;
    let fp = 0;
    let fn = 0;
    for (const { c, got } of results) {
      const want = new Set(c.expected);
      for (const g of got) {
        if (want.has(g)) tp++;
        else {
          fp++;
          console.log(`  false positive ${JSON.stringify(c.text)} → ${g}`);
        }
      }
      for (const e of want) {
        if (!got.includes(e)) {
          fn++;
          console.log(`  missed ${JSON.stringify(c.text)} → ${e}`);
        }
      }
    }
    const precision = tp + fp === 0 ? 1 : tp / (tp + fp);
    const recall = tp + fn === 0 ? 1 : tp / (tp + fn);
    const decoyHits = results.filter((r) => r.c.expected.length === 0 && r.got.length > 0).length;
    console.log(
      `contacts: precision ${precision.toFixed(3)} (${tp}/${tp + fp}), recall ${recall.toFixed(3)} (${tp}/${tp + fn}); ` +
        `decoys with a find ${decoyHits}/${results.filter((r) => r.c.expected.length === 0).length}`,
    );
    expect(precision).toBeGreaterThanOrEqual(0.98);
    expect(recall).toBeGreaterThanOrEqual(0.95);
  });
});
