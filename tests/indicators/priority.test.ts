import { describe, expect, it } from 'vitest';
import { EXPLANATIONS } from '../../src/indicators/explanations.ts';
import { comparePriority, explainPriority, MAX_WITHOUT_MINOR_CUE, priorityScore, PRIORITY_WEIGHTS } from '../../src/indicators/priority.ts';
import { INDICATOR_CODES, type Indicator, type IndicatorCode } from '../../src/indicators/types.ts';

const ind = (code: IndicatorCode, level: Indicator['level'] = 'cluster'): Indicator => ({
  code,
  level,
  explanation: EXPLANATIONS[code],
  evidence: ['x'],
});
const score = (codes: IndicatorCode[], size = 1, siteCount = 1) => priorityScore(codes.map((c) => ind(c)), { size, siteCount });
const sumOfParts = (p: ReturnType<typeof priorityScore>): number => Math.round(p.parts.reduce((s, x) => s + x.points * 10, 0)) / 10;

describe('priorityScore', () => {
  it('is zero with no indicators', () => {
    expect(score([])).toEqual({ score: 0, parts: [] });
    expect(explainPriority(score([]))).toEqual(['score 0 (no indicators)']);
  });

  it('gives the documented fixed points', () => {
    for (const code of ['minor-cue', 'review-distress', 'moved-region', 'third-party', 'foreign-phone', 'constant-availability', 'same-description'] as const) {
      expect(score([code]).score, code).toBe(PRIORITY_WEIGHTS[code]);
    }
    expect(PRIORITY_WEIGHTS['minor-cue']).toBe(120);
    expect(PRIORITY_WEIGHTS['review-distress']).toBe(25);
  });

  it('scales shared-phone by log2 of the cluster size, at most 30', () => {
    expect(score(['shared-phone'], 3).score).toBe(9.5);
    expect(score(['shared-phone'], 4).score).toBe(12);
    expect(score(['shared-phone'], 8).score).toBe(18);
    expect(score(['shared-phone'], 1000).score).toBe(30);
  });

  it('scales multi-site by the sites beyond the first, at most 12', () => {
    expect(score(['multi-site'], 2, 2).score).toBe(4);
    expect(score(['multi-site'], 3, 3).score).toBe(8);
    expect(score(['multi-site'], 9, 9).score).toBe(12);
  });

  it('counts a code raised at both levels once', () => {
    const p = priorityScore([ind('third-party', 'profile'), ind('third-party', 'cluster')], { size: 1, siteCount: 1 });
    expect(p.parts.map((x) => x.code)).toEqual(['third-party']);
    expect(p.score).toBe(10);
  });

  it('has parts that add up to the score exactly, largest first, each explained', () => {
    for (const size of [1, 3, 5, 7, 13, 100]) {
      for (const sites of [1, 2, 5]) {
        const p = score([...INDICATOR_CODES], size, sites);
        expect(sumOfParts(p)).toBe(p.score);
        expect(p.parts.map((x) => x.points)).toEqual([...p.parts.map((x) => x.points)].sort((a, b) => b - a));
        for (const part of p.parts) {
          expect(part.why.en).toMatch(/\S/u);
          expect(part.why.sv).toMatch(/\S/u);
        }
      }
    }
    const p = score(['shared-phone', 'minor-cue'], 5);
    expect(p).toEqual({
      score: 133.9,
      parts: [
        { code: 'minor-cue', points: 120, why: { sv: 'möjlig minderårig: 120 poäng', en: 'possible minor: 120 points' } },
        {
          code: 'shared-phone',
          points: 13.9,
          why: { sv: 'delat nummer: 6 × log2(5 profiler) = 13,9 (högst 30)', en: 'shared phone: 6 × log2(5 profiles) = 13.9 (at most 30)' },
        },
      ],
    });
  });

  it('orders clusters for outreach: a minor cue outranks a large shared-phone cluster', () => {
    const minor = score(['minor-cue']);
    const distress = score(['review-distress', 'shared-phone'], 3);
    const big = score(['shared-phone', 'multi-site', 'third-party', 'constant-availability', 'same-description'], 20, 3);
    const small = score(['shared-phone'], 3);
    const none = score([]);
    const ordered = [none, small, big, distress, minor].sort(comparePriority);
    expect(ordered).toEqual([minor, big, distress, small, none]);
    const everythingElse = score(INDICATOR_CODES.filter((c) => c !== 'minor-cue'), 1_000_000, 1000);
    expect(everythingElse.score).toBe(MAX_WITHOUT_MINOR_CUE);
    expect(MAX_WITHOUT_MINOR_CUE).toBe(106);
    expect(minor.score).toBeGreaterThan(everythingElse.score);
  });

  it('breaks a tie by the number of indicators', () => {
    const a = score(['third-party', 'constant-availability', 'same-description'], 1); // 18
    const b = score(['shared-phone'], 8); // 18
    expect([b, a].sort(comparePriority)).toEqual([a, b]);
  });

  it('explains a score for the CLI in English and Swedish', () => {
    const p = score(['shared-phone', 'minor-cue'], 5);
    expect(explainPriority(p)).toEqual([
      'score 133.9 = 120 + 13.9',
      '   120  possible minor: 120 points',
      '  13.9  shared phone: 6 × log2(5 profiles) = 13.9 (at most 30)',
    ]);
    expect(explainPriority(p, 'sv')[0]).toBe('poäng 133,9 = 120 + 13,9');
  });
});
