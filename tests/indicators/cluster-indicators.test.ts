import { describe, expect, it } from 'vitest';
import {
  clusterIndicators,
  DEFAULT_CLUSTER_INDICATOR_CONFIG,
  regionMoves,
  type ClusterIndicatorInput,
  type RegionObservation,
} from '../../src/indicators/cluster-indicators.ts';
import { EXPLANATIONS } from '../../src/indicators/explanations.ts';
import type { Indicator, IndicatorCode } from '../../src/indicators/types.ts';

const BLANK: ClusterIndicatorInput = {
  size: 1,
  sites: ['site-a'],
  phoneCount: 1,
  foreignPhoneCountries: [],
  regionHistory: [{ date: '2026-03-01', regions: ['Stockholm'] }],
  sameDescriptionGroups: 0,
  memberIndicators: [[]],
};
const run = (over: Partial<ClusterIndicatorInput>, config = {}) => clusterIndicators({ ...BLANK, ...over }, config);
const codes = (over: Partial<ClusterIndicatorInput>, config = {}): IndicatorCode[] => run(over, config).map((i) => i.code);
const one = (over: Partial<ClusterIndicatorInput>, code: IndicatorCode, config = {}): Indicator => {
  const found = run(over, config).filter((i) => i.code === code);
  expect(found).toHaveLength(1);
  return found[0]!;
};
const member = (code: IndicatorCode, ...evidence: string[]): Indicator => ({
  code,
  level: 'profile',
  explanation: EXPLANATIONS[code],
  evidence,
});
const history = (...entries: Array<[string, string[]]>): RegionObservation[] => entries.map(([date, regions]) => ({ date, regions }));

describe('clusterIndicators', () => {
  it('raises nothing for a single profile on one site in one region', () => {
    expect(codes({})).toEqual([]);
  });

  it('has the documented defaults', () => {
    expect(DEFAULT_CLUSTER_INDICATOR_CONFIG).toEqual({ sharedPhoneMinSize: 3, movementWindowDays: 400 });
  });

  describe('shared-phone', () => {
    it('hits at the threshold and above, naming counts and never a number', () => {
      const i = one({ size: 3, memberIndicators: [[], [], []] }, 'shared-phone');
      expect(i).toEqual({ code: 'shared-phone', level: 'cluster', explanation: EXPLANATIONS['shared-phone'], evidence: ['3 profiles share one number'] });
      expect(one({ size: 7, phoneCount: 2 }, 'shared-phone').evidence).toEqual(['7 profiles share 2 numbers']);
      expect(one({ size: 2 }, 'shared-phone', { sharedPhoneMinSize: 2 }).evidence).toEqual(['2 profiles share one number']);
    });

    it('near misses: below the threshold, or no number', () => {
      expect(codes({ size: 2, memberIndicators: [[], []] })).toEqual([]);
      expect(codes({ size: 4 }, { sharedPhoneMinSize: 5 })).toEqual([]);
      expect(codes({ size: 5, phoneCount: 0 })).toEqual([]);
      expect(codes({ size: 1 }, { sharedPhoneMinSize: 1 })).toEqual([]);
    });
  });

  describe('multi-site', () => {
    it('hits with two or more distinct sites', () => {
      expect(one({ size: 3, sites: ['b', 'a', 'b'] }, 'multi-site').evidence).toEqual(['2 sites: a, b']);
      expect(one({ sites: ['a', 'b', 'c', 'd', 'e', 'f'] }, 'multi-site').evidence).toEqual(['6 sites: a, b, c, d, e, …']);
    });

    it('near misses: one site, however many profiles', () => {
      expect(codes({ size: 2, sites: ['a', 'a'] })).toEqual([]);
      expect(codes({ sites: ['a', ''] })).toEqual([]);
    });
  });

  describe('moved-region', () => {
    it('hits when the cluster left one region for another within the window', () => {
      const i = one({ regionHistory: history(['2025-03-01', ['Stockholm']], ['2026-03-01', ['Syd']]) }, 'moved-region');
      expect(i.evidence).toEqual(['Stockholm → Syd (2025-03-01 → 2026-03-01)']);
    });

    it('hits when most of the cluster went elsewhere, a member left behind or not, or when it comes back', () => {
      const moved: RegionObservation[] = [
        { date: '2025-03-01', regions: ['Stockholm'], counts: { Stockholm: 8 } },
        { date: '2026-03-01', regions: ['Stockholm', 'Syd'], counts: { Stockholm: 1, Syd: 7 } },
      ];
      expect(one({ regionHistory: moved }, 'moved-region').evidence).toEqual(['Stockholm → Syd (2025-03-01 → 2026-03-01)']);
      expect(one({ regionHistory: history(['2025-09-01', ['Väst']], ['2025-12-01', ['Syd']], ['2026-03-01', ['Väst']]) }, 'moved-region').evidence)
        .toEqual(['Väst → Syd (2025-09-01 → 2025-12-01)', 'Syd → Väst (2025-12-01 → 2026-03-01)']);
    });

    it('near misses: a member touring another region while most stay home, or an even split that keeps the old region', () => {
      const touring: RegionObservation[] = [
        { date: '2025-03-01', regions: ['Stockholm'], counts: { Stockholm: 6 } },
        { date: '2026-03-01', regions: ['Stockholm', 'Syd'], counts: { Stockholm: 5, Syd: 1 } },
      ];
      expect(codes({ regionHistory: touring })).toEqual([]);
      expect(codes({ regionHistory: history(['2025-03-01', ['Stockholm']], ['2026-03-01', ['Stockholm', 'Syd']]) })).toEqual([]);
    });

    it('compares across runs where the cluster was not seen', () => {
      expect(one({ regionHistory: history(['2025-06-01', ['Nord']], ['2025-09-01', []], ['2026-03-01', ['Mitt']]) }, 'moved-region').evidence)
        .toEqual(['Nord → Mitt (2025-06-01 → 2026-03-01)']);
    });

    it('near misses: one region only, leaving a region, a single run, or no history', () => {
      expect(codes({ regionHistory: history(['2024-03-01', ['Syd']], ['2025-03-01', ['Syd']], ['2026-03-01', ['Syd']]) })).toEqual([]);
      expect(codes({ regionHistory: history(['2025-03-01', ['Syd', 'Väst']], ['2026-03-01', ['Syd']]) })).toEqual([]);
      expect(codes({ regionHistory: history(['2026-03-01', ['Syd', 'Väst']]) })).toEqual([]);
      expect(codes({ regionHistory: [] })).toEqual([]);
      expect(codes({ regionHistory: history(['2025-03-01', ['Syd']], ['2026-03-01', []]) })).toEqual([]);
    });

    it('near misses: a move outside the window', () => {
      const old = history(['2023-03-01', ['Stockholm']], ['2024-03-01', ['Syd']], ['2025-03-01', ['Syd']], ['2026-03-01', ['Syd']]);
      expect(codes({ regionHistory: old })).toEqual([]);
      // The earlier observation must be within the window of the current run: 2024-12-01 is 455 days back.
      const edge = history(['2024-12-01', ['Stockholm']], ['2026-03-01', ['Syd']]);
      expect(codes({ regionHistory: edge })).toEqual([]);
      expect(codes({ regionHistory: edge }, { movementWindowDays: 455 })).toEqual(['moved-region']);
      expect(codes({ regionHistory: edge }, { movementWindowDays: 454 })).toEqual([]);
    });

    it('reads date-times and unordered history', () => {
      const moves = regionMoves(history(['2026-03-01T10:00:00Z', ['Syd']], ['2025-03-01T09:00:00Z', ['Öst']]), 400);
      expect(moves).toEqual([{ from: { date: '2025-03-01', regions: ['Öst'] }, to: { date: '2026-03-01', regions: ['Syd'] }, arrived: ['Syd'] }]);
      expect(() => regionMoves(history(['last year', ['Syd']]), 400)).toThrow(RangeError);
    });
  });

  describe('foreign-phone', () => {
    it('hits with any foreign number, by country code and count', () => {
      expect(one({ phoneCount: 3, foreignPhoneCountries: ['NO', 'GB', 'GB'] }, 'foreign-phone').evidence).toEqual(['3 of 3 numbers foreign: GB ×2, NO']);
      expect(one({ phoneCount: 4, foreignPhoneCountries: ['RO'] }, 'foreign-phone').evidence).toEqual(['1 of 4 numbers foreign: RO']);
    });

    it('near misses: Swedish numbers are not foreign', () => {
      expect(codes({ phoneCount: 2, foreignPhoneCountries: ['SE', 'se'] })).toEqual([]);
      expect(codes({ phoneCount: 2, foreignPhoneCountries: [] })).toEqual([]);
    });
  });

  describe('member indicators', () => {
    it('aggregates minor-cue, review-distress, third-party and constant-availability with counts and quotes', () => {
      const got = run({
        size: 4,
        memberIndicators: [
          [member('third-party', 'våra tjejer'), member('constant-availability', '24/7')],
          [member('third-party', 'Våra tjejer', 'new girl')],
          [member('minor-cue', 'Skolflicka')],
          [member('review-distress', 'verkade rädd')],
        ],
      });
      const byCode = Object.fromEntries(got.map((i) => [i.code, i.evidence]));
      expect(got.map((i) => i.code)).toEqual(['minor-cue', 'review-distress', 'shared-phone', 'third-party', 'constant-availability']);
      expect(byCode['third-party']).toEqual(['2 of 4 profiles', 'våra tjejer', 'new girl']);
      expect(byCode['minor-cue']).toEqual(['1 of 4 profiles', 'Skolflicka']);
      expect(byCode['constant-availability']).toEqual(['1 of 4 profiles', '24/7']);
      expect(byCode['review-distress']).toEqual(['1 of 4 profiles', 'verkade rädd']);
      expect(got.every((i) => i.level === 'cluster')).toBe(true);
    });

    it('lists at most five quotes and counts the rest', () => {
      const quotes = ['a1', 'b2', 'c3', 'd4', 'e5', 'f6', 'g7'];
      const i = one({ size: 7, memberIndicators: quotes.map((q) => [member('third-party', q)]) }, 'third-party');
      expect(i.evidence).toEqual(['7 of 7 profiles', 'a1', 'b2', 'c3', 'd4', 'e5', '… and 2 more']);
    });

    it('near misses: members without those indicators; foreign-phone comes from the cluster\'s own numbers', () => {
      expect(codes({ memberIndicators: [[member('foreign-phone', '1 of 1 number foreign: GB')]] })).toEqual([]);
      expect(codes({ size: 2, memberIndicators: [[], []] })).toEqual([]);
    });
  });

  describe('same-description', () => {
    it('hits when two or more members share a description', () => {
      expect(one({ size: 5, sameDescriptionGroups: 2 }, 'same-description').evidence).toEqual(['2 of 5 profiles share a near-identical description']);
    });

    it('near misses: none or one', () => {
      expect(codes({ size: 5, sameDescriptionGroups: 1 })).not.toContain('same-description');
      expect(codes({ size: 5, sameDescriptionGroups: 0 })).not.toContain('same-description');
    });
  });

  it('explains every indicator in Swedish and English', () => {
    const all = run({
      size: 5,
      sites: ['a', 'b'],
      foreignPhoneCountries: ['GB'],
      regionHistory: history(['2025-03-01', ['Stockholm']], ['2026-03-01', ['Syd']]),
      sameDescriptionGroups: 3,
      memberIndicators: [[member('minor-cue', 'x')], [member('review-distress', 'y')], [member('third-party', 'z')], [member('constant-availability', '24/7')], []],
    });
    expect(all).toHaveLength(9);
    for (const i of all) {
      expect(i.explanation.sv.length).toBeGreaterThan(20);
      expect(i.explanation.en.length).toBeGreaterThan(20);
      expect(i.evidence.length).toBeGreaterThan(0);
    }
  });
});
