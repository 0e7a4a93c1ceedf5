// Compares what a run stored with the demo web's ground truth. Pure; used by `kartla demo` to
// show a newcomer that the mapping is right, and by the tests to insist on it.

import type { ExportRecord } from '../model/export-record.ts';
import type { GroundTruthProfile } from './ground-truth.ts';

export interface DemoScore {
  expected: number;
  found: number;
  /** Profiles found that the ground truth does not have (should be none). */
  unexpected: string[];
  /** Ground-truth profiles the run did not find. */
  missing: string[];
  ageMatches: number;
  genderMatches: number;
  phoneSetMatches: number;
  kommunMatches: number;
  /** Profiles whose ground truth names a municipality. */
  kommunExpected: number;
}

export function scoreDemo(records: readonly ExportRecord[], truth: readonly GroundTruthProfile[]): DemoScore {
  const byUrl = new Map(records.map((r) => [r.url, r]));
  const truthUrls = new Set(truth.map((t) => t.url));
  const score: DemoScore = {
    expected: truth.length,
    found: 0,
    unexpected: records.filter((r) => !truthUrls.has(r.url ?? '')).map((r) => r.url ?? '(no URL: export with reveal)'),
    missing: [],
    ageMatches: 0,
    genderMatches: 0,
    phoneSetMatches: 0,
    kommunMatches: 0,
    kommunExpected: 0,
  };
  for (const expected of truth) {
    const got = byUrl.get(expected.url);
    if (!got) {
      score.missing.push(expected.url);
      continue;
    }
    score.found += 1;
    if (got.age === expected.age) score.ageMatches += 1;
    if ((got.gender ?? 'unknown') === expected.gender) score.genderMatches += 1;
    if (sameSet(got.phones, expected.phones)) score.phoneSetMatches += 1;
    if (expected.kommunCode) {
      score.kommunExpected += 1;
      if (got.kommunCode === expected.kommunCode) score.kommunMatches += 1;
    }
  }
  return score;
}

export function formatDemoScore(score: DemoScore): string {
  const pct = (n: number, of: number) => (of === 0 ? '-' : `${((100 * n) / of).toFixed(1)}%`);
  return [
    `Checked against the demo's ground truth: ${score.found} of ${score.expected} profiles found, ${score.unexpected.length} unexpected;`,
    `  stated age ${pct(score.ageMatches, score.found)}, gender ${pct(score.genderMatches, score.found)}, ` +
      `phone sets ${pct(score.phoneSetMatches, score.found)}, municipality ${pct(score.kommunMatches, score.kommunExpected)} right.`,
  ].join('\n');
}

function sameSet(a: readonly string[], b: readonly string[]): boolean {
  if (a.length !== b.length) return false;
  const set = new Set(a);
  return b.every((x) => set.has(x));
}
