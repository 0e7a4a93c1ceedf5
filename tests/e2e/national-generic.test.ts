// The full national web (46 sites, 13,000 profiles) mapped with the generic adapter substituted on
// EVERY site: no site's own adapter, only what the reader works out from each page. The bars are
// the generic adapter's (issue 7) and are never lowered to pass; the scorecard is printed.

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openTestDatabase, type TestDatabase } from '../helpers/test-databases.ts';
import { DEMO_CRAWL, demoSitesAsResolved } from '../../src/demo/as-sites.ts';
import { startNationalWeb, type NationalWeb } from '../../src/demo/national/server.ts';
import { runMapping, type RunResult } from '../../src/crawl/mapping-run.ts';
import { exportRecords } from '../../src/store/run-queries.ts';
import { formatScorecard, scoreRun, type RunScore } from '../../src/eval/score.ts';
import type { ExportRecord } from '../../src/model/export-record.ts';

describe('a mapping of the full national web with the generic adapter on every site (pglite)', () => {
  let web: NationalWeb;
  let db: TestDatabase;
  let run: RunResult;
  let score: RunScore;

  beforeAll(async () => {
    web = await startNationalWeb({ seed: 2025 });
    db = await openTestDatabase('pglite');
    const started = Date.now();
    const sites = demoSitesAsResolved(web).map((s) => ({ ...s, adapter: 'generic' }));
    run = await runMapping({ db, sites, crawl: { ...DEMO_CRAWL, maxRetries: 2 }, label: 'national-generic', siteConcurrency: 8, clustering: { ignorePhones: web.world.collisionNumbers } });
    const records: ExportRecord[] = [];
    for await (const r of exportRecords(db, run.runId, { reveal: true })) records.push(r);
    score = scoreRun(records, web.groundTruth(), { baselineIgnoresPhones: web.world.collisionNumbers });
    console.log(
      `national-generic: ${web.sites.length} sites, ${score.profiles.truth} profiles, mapped in ${((Date.now() - started) / 1000).toFixed(0)} s ` +
        `(sites not ok: ${run.sites.filter((s) => s.status !== 'ok').map((s) => `${s.siteId} ${s.status}`).join(', ') || 'none'})\n${formatScorecard(score)}`,
    );
  }, 1_800_000);

  afterAll(async () => {
    await web?.close();
    await db?.drop();
  });

  it('maps the whole web', () => {
    expect(web.sites).toHaveLength(46);
    expect(score.profiles.truth).toBe(13_000);
    expect(run.status).toBe('completed');
  });

  it('finds the profiles: recall >= 0.95, precision >= 0.98', () => {
    expect(score.profiles.recall).toBeGreaterThanOrEqual(0.95);
    expect(score.profiles.precision).toBeGreaterThanOrEqual(0.98);
  });

  it.each(['age', 'gender', 'kommunCode'] as const)('reads %s with accuracy >= 0.95', (field) => {
    expect(score.fields[field].rate).toBeGreaterThanOrEqual(0.95);
  });

  it('reads each profile\'s set of phone numbers with accuracy >= 0.95', () => {
    expect(score.phoneSets.rate).toBeGreaterThanOrEqual(0.95);
  });
});
