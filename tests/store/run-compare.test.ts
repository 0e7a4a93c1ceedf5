// Comparing two runs on both drivers: appearances, disappearances and moves on sites read in
// full, and no false "disappeared" for a site that failed or was only partly read.

import { afterEach, beforeEach, expect, it } from 'vitest';
import { NoEarlierRunError } from '../../src/store/errors.ts';
import { compareRuns, regionFlows } from '../../src/store/run-compare.ts';
import { previousRunId } from '../../src/store/run-queries.ts';
import { finishRun, finishSiteRun, startRun, startSiteRun, upsertSites, writeSnapshots } from '../../src/store/run-store.ts';
import type { NormalisedProfile } from '../../src/model/profile.ts';
import { describeDrivers, openTestDatabase, type TestDatabase } from '../helpers/test-databases.ts';
import { location, makeProfile } from './fixtures.ts';

const MALMO = location({ raw: 'Malmö', locality: 'Malmö', kommunCode: '1280', lanCode: '12', policeRegion: 'Syd' });
const UNKNOWN = location({ raw: 'hemligt', locality: null, kommunCode: null, lanCode: null, policeRegion: null });

type SiteStatus = 'ok' | 'partial' | 'failed';

describeDrivers('comparing two runs', (driver) => {
  let db: TestDatabase;

  beforeEach(async () => {
    db = await openTestDatabase(driver);
    await upsertSites(db, ['alpha', 'bravo', 'closing', 'opening', 'flaky'].map((id) => ({ id, name: id })));
  });
  afterEach(async () => {
    await db?.drop();
  });

  /** One finished run with the given sites, each with its status and profiles. */
  async function run(sites: Record<string, { status: SiteStatus; profiles: NormalisedProfile[] }>): Promise<number> {
    const r = await startRun(db, { label: null });
    for (const [siteId, site] of Object.entries(sites)) {
      const siteRun = await startSiteRun(db, r.id, siteId);
      await writeSnapshots(db, { runId: r.id, siteRunId: siteRun.id, siteId }, site.profiles);
      await finishSiteRun(db, siteRun.id, {
        status: site.status,
        pagesFetched: 1,
        profilesFound: site.profiles.length,
        errorCount: site.status === 'ok' ? 0 : 1,
        errors: [],
        failureReason: site.status === 'failed' ? 'site down' : null,
        durationMs: 1,
      });
    }
    await finishRun(db, r.id, 'completed');
    return r.id;
  }

  const p = (siteId: string, n: number, overrides: Partial<NormalisedProfile> = {}) => makeProfile(siteId, n, overrides);

  it('finds appeared, disappeared and moved profiles, and keeps failed and one-run sites apart', async () => {
    const first = await run({
      alpha: { status: 'ok', profiles: [p('alpha', 1), p('alpha', 2), p('alpha', 3), p('alpha', 4, { location: UNKNOWN })] },
      bravo: { status: 'ok', profiles: [p('bravo', 1)] },
      closing: { status: 'ok', profiles: [p('closing', 1), p('closing', 2)] },
      flaky: { status: 'ok', profiles: [p('flaky', 1), p('flaky', 2)] },
    });
    const second = await run({
      // alpha/1 stays, alpha/2 moves to Malmö, alpha/3 goes, alpha/5 is new, alpha/4's place is now known.
      alpha: { status: 'ok', profiles: [p('alpha', 1), p('alpha', 2, { location: MALMO }), p('alpha', 4), p('alpha', 5)] },
      bravo: { status: 'ok', profiles: [p('bravo', 1)] },
      opening: { status: 'ok', profiles: [p('opening', 1)] },
      // Failed after one page: flaky/2 is missing, but nobody knows whether it is gone.
      flaky: { status: 'partial', profiles: [p('flaky', 1), p('flaky', 3)] },
    });

    const c = await compareRuns(db, first, second);
    const keys = (refs: { siteId: string; key: string }[]) => refs.map((r) => `${r.siteId}/${r.key}`);
    expect(keys(c.appeared)).toEqual(['alpha/id:5']);
    expect(keys(c.disappeared)).toEqual(['alpha/id:3']);
    expect(keys(c.onOpenedSites)).toEqual(['opening/id:1']);
    expect(keys(c.onClosedSites)).toEqual(['closing/id:1', 'closing/id:2']);
    expect(keys(c.unknown)).toEqual(['flaky/id:2', 'flaky/id:3']);
    expect(c.moved).toEqual([
      expect.objectContaining({ siteId: 'alpha', key: 'id:2', fromKommun: '0180', toKommun: '1280', fromRegion: 'Stockholm', toRegion: 'Syd' }),
    ]);
    expect(c.locationUnknownInOne).toBe(1);
    expect(regionFlows(c.moved)).toEqual([{ from: 'Stockholm', to: 'Syd', profiles: 1 }]);

    const site = (id: string) => c.sites.find((s) => s.siteId === id)!;
    expect(site('alpha')).toMatchObject({ basis: 'both', fromProfiles: 4, toProfiles: 4, appeared: 1, disappeared: 1, moved: 1 });
    expect(site('flaky')).toMatchObject({ basis: 'incomplete', fromStatus: 'ok', toStatus: 'partial', appeared: 0, disappeared: 0 });
    expect(site('closing')).toMatchObject({ basis: 'closed', toStatus: null });
    expect(site('opening')).toMatchObject({ basis: 'opened', fromStatus: null });
  });

  it('compares with the finished run before, and says when there is none', async () => {
    const first = await run({ alpha: { status: 'ok', profiles: [p('alpha', 1)] } });
    await expect(previousRunId(db, first)).rejects.toBeInstanceOf(NoEarlierRunError);
    const second = await run({ alpha: { status: 'ok', profiles: [p('alpha', 1)] } });
    // A run still going is not a baseline.
    const running = await startRun(db, { label: null });
    const third = await run({ alpha: { status: 'ok', profiles: [] } });
    expect(await previousRunId(db, second)).toBe(first);
    expect(await previousRunId(db, third)).toBe(second);
    expect(running.id).toBeLessThan(third);
  });
});
