// A small national web mapped end to end: served by the national server, crawled with the
// nat-* adapters, normalised and stored in PGlite, exported and scored against the world's truth.
// The bars are the ones a real mapping is held to; a miss here is a renderer, adapter or
// extraction problem to fix, never a bar to lower.

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openTestDatabase, type TestDatabase } from '../helpers/test-databases.ts';
import { DEMO_CRAWL, demoSitesAsResolved } from '../../src/demo/as-sites.ts';
import { startNationalWeb, type NationalWeb } from '../../src/demo/national/server.ts';
import { NATIONAL_LAYOUTS } from '../../src/demo/national/layouts/index.ts';
import { runMapping, type RunResult } from '../../src/crawl/mapping-run.ts';
import { exportRecords } from '../../src/store/run-queries.ts';
import { SCORED_FIELDS, scoreRun, type RunScore } from '../../src/eval/score.ts';
import type { ExportRecord } from '../../src/model/export-record.ts';

describe('a mapping of a small national web (pglite)', () => {
  let web: NationalWeb;
  let db: TestDatabase;
  let run: RunResult;
  let records: ExportRecord[];
  let score: RunScore;

  beforeAll(async () => {
    // Ten sites: the smallest world of this seed with a site of every rendered layout.
    web = await startNationalWeb({ seed: 2025, sites: 10, profiles: 800, errorRate: 0.02 });
    db = await openTestDatabase('pglite');
    run = await runMapping({ db, sites: demoSitesAsResolved(web), crawl: DEMO_CRAWL, label: 'national-small' });
    records = [];
    for await (const r of exportRecords(db, run.runId, { reveal: true })) records.push(r);
    score = scoreRun(records, web.groundTruth(), { baselineIgnoresPhones: web.world.collisionNumbers });
    const f = score.fields;
    const pct = (r: number | null) => (r === null ? 'n/a' : (r * 100).toFixed(2) + '%');
    console.log(
      [
        `national-small scorecard (${web.sites.length} sites, ${score.profiles.truth} profiles, ${web.injectedErrors()} injected 503s)`,
        `  profiles: run ${score.profiles.run}, matched ${score.profiles.matched}, recall ${pct(score.profiles.recall)}, precision ${pct(score.profiles.precision)}`,
        ...Object.entries(f).map(([k, v]) => `  ${k}: ${v.hits}/${v.of} ${pct(v.rate)}`),
        `  phones: precision ${pct(score.phones.precision)}, recall ${pct(score.phones.recall)} (${score.phones.truePairs} true of ${score.phones.runPairs} run / ${score.phones.truthPairs} truth pairs)`,
        `  layouts: ${web.sites.map((s) => `${s.id}=${s.layout}${s.layout === s.renderedLayout ? '' : `→${s.renderedLayout}`}`).join(', ')}`,
      ].join('\n'),
    );
  }, 300_000);

  afterAll(async () => {
    await web?.close();
    await db?.drop();
  });

  it('covers every rendered layout', () => {
    expect(new Set(web.sites.map((s) => s.renderedLayout))).toEqual(new Set(NATIONAL_LAYOUTS.keys()));
  });

  it('completes with every site ok despite injected 503s', () => {
    expect(web.injectedErrors()).toBeGreaterThan(0);
    expect(run.status).toBe('completed');
    expect(run.sites.map((s) => s.status)).toEqual(web.sites.map(() => 'ok'));
  });

  it('finds the profiles', () => {
    expect(score.profiles.recall).toBeGreaterThanOrEqual(0.995);
    expect(score.profiles.precision).toBeGreaterThanOrEqual(0.999);
  });

  it('reads age, gender and municipality', () => {
    for (const field of ['age', 'gender', 'kommunCode'] as const) {
      expect(score.fields[field].rate!, field).toBeGreaterThanOrEqual(0.98);
    }
  });

  it('finds the phones, and not the sites\' own', () => {
    expect(score.phones.precision!).toBeGreaterThanOrEqual(0.98);
    expect(score.phones.recall!).toBeGreaterThanOrEqual(0.98);
  });

  it('reads the review sites\' ads right, whatever their reviews say', () => {
    // Reviews name other ages and places inside the ad's own container; this seed's review sites
    // include a free-text one, whose age is read out of running text as a review's would be.
    const reviewSites = new Set(web.world.sites.filter((s) => s.reviews).map((s) => s.id));
    expect(web.sites.filter((s) => reviewSites.has(s.id)).map((s) => s.renderedLayout)).toContain('free-text');
    const truth = web.groundTruth().filter((t) => reviewSites.has(t.site));
    const reviewed = web.world.profiles.filter((p) => reviewSites.has(p.siteId) && p.reviews.length > 0);
    expect(reviewed.length).toBeGreaterThan(150);
    const own = scoreRun(records.filter((r) => reviewSites.has(r.site)), truth, { baselineIgnoresPhones: web.world.collisionNumbers });
    expect(own.profiles.matched).toBe(truth.length);
    for (const field of SCORED_FIELDS) expect(own.fields[field].rate!, field).toBeGreaterThanOrEqual(0.98);
    expect(own.phones.precision!).toBeGreaterThanOrEqual(0.98);
    expect(own.phones.recall!).toBeGreaterThanOrEqual(0.98);
  });
});
