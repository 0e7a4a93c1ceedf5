// The synthetic webs `kartla demo` serves, behind one shape: the small three-site demo and the
// national-scale web calibrated to the 2025 mapping. Each knows how to check a run against its
// own ground truth.

import type { ExportRecord } from '../model/export-record.ts';
import { formatScorecard, scoreRun } from '../eval/score.ts';
import { formatDemoScore, scoreDemo } from './score.ts';

export type Scale = 'small' | 'national';

export interface ServedSite {
  id: string;
  name: string;
  adapter: string;
  baseUrl: string;
  startUrls: string[];
}

export interface ServedWeb {
  scale: Scale;
  sites: ServedSite[];
  /** A comparison of a run's export with this web's ground truth, for people to read. */
  check(records: readonly ExportRecord[], extra?: { combinedClusterIds?: ReadonlyMap<string, string> }): string;
  /**
   * Numbers the web shares among unrelated advertisers, which clustering must not take as ties
   * (src/demo/national/phones.ts explains why the national web has them).
   */
  notTies: string[];
  /** The ground truth as JSON Lines, for `kartla eval` (national scale only: the small demo's is simpler). */
  truthJsonl(): string | null;
  close(): Promise<void>;
}

export interface WebOptions {
  scale: Scale;
  seed: number;
  /** Small demo: which state of the web (0 first, 1 a month later). */
  epoch?: number;
  /** National web: which year's mapping. */
  year?: number;
  basePort?: number;
}

export async function startWeb(opts: WebOptions): Promise<ServedWeb> {
  if (opts.scale === 'small') {
    const { startDemoSites } = await import('./server.ts');
    const demo = await startDemoSites({ seed: opts.seed, epoch: opts.epoch ?? 0, basePort: opts.basePort });
    return {
      scale: 'small',
      sites: demo.sites,
      check: (records) => formatDemoScore(scoreDemo(records, demo.groundTruth())),
      notTies: [],
      truthJsonl: () => null,
      close: () => demo.close(),
    };
  }
  const { startNationalWeb } = await import('./national/server.ts');
  const web = await startNationalWeb({ seed: opts.seed, year: opts.year, basePort: opts.basePort });
  return {
    scale: 'national',
    sites: web.sites,
    check: (records, extra) =>
      `Scorecard against the national web's ground truth (year ${web.world.year}):\n\n` +
      formatScorecard(scoreRun(records, web.groundTruth(), { baselineIgnoresPhones: web.world.collisionNumbers, combinedClusterIds: extra?.combinedClusterIds })) +
      // Sweden reserves too few fictional numbers for 13,000 ads: unrelated independents share some.
      `\n\n(The shared-phone baseline ignores the ${web.world.collisionNumbers.length} fictional Swedish numbers that ` +
      'unrelated synthetic advertisers share; see src/demo/national/phones.ts.)',
    notTies: web.world.collisionNumbers,
    truthJsonl: () => web.groundTruth().map((t) => JSON.stringify(t)).join('\n') + '\n',
    close: () => web.close(),
  };
}
