import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { EXPLANATIONS } from '../../src/indicators/explanations.ts';
import { MAX_WITHOUT_MINOR_CUE, PRIORITY_WEIGHTS } from '../../src/indicators/priority.ts';
import { INDICATOR_CODES } from '../../src/indicators/types.ts';

const doc = readFileSync(path.join(import.meta.dirname, '..', '..', 'docs', 'indicators.md'), 'utf8');

describe('docs/indicators.md', () => {
  it('shows every explanation as the code has it, in both languages', () => {
    for (const code of INDICATOR_CODES) {
      expect(doc, code).toContain(EXPLANATIONS[code].sv);
      expect(doc, code).toContain(EXPLANATIONS[code].en);
    }
  });

  it('documents the formula with the weights the code uses', () => {
    for (const code of ['minor-cue', 'review-distress', 'moved-region', 'third-party', 'foreign-phone', 'constant-availability', 'same-description'] as const) {
      expect(doc).toMatch(new RegExp(`points\\(${code}\\)\\s+= ${PRIORITY_WEIGHTS[code]}\\n`, 'u'));
    }
    expect(doc).toContain(`min(${PRIORITY_WEIGHTS['shared-phone-max']}, ${PRIORITY_WEIGHTS['shared-phone']} × log2(profiles in the cluster))`);
    expect(doc).toContain(`min(${PRIORITY_WEIGHTS['multi-site-max']}, ${PRIORITY_WEIGHTS['multi-site']} × (sites − 1))`);
    expect(doc).toContain(`at most ${MAX_WITHOUT_MINOR_CUE} points together`);
  });
});
