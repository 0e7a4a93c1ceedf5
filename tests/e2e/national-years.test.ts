// Two years of the national web mapped one after the other into one database: Kartla's own
// comparison of the two runs must give exactly the ground truth's appearances, disappearances and
// moves (diffWorlds, which is itself checked against the generator's change log).
//
// As analysts would, each year is mapped with that year's sites file: a site that closed is no
// longer in it, a site that opened is added. Profiles on those sites are reported apart by
// compareRuns (opened/closed sites), and together with the profile-level changes they must make
// up the truth's lists exactly.

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_CRAWL, demoSitesAsResolved } from '../../src/demo/as-sites.ts';
import { diffWorlds, type WorldDiff } from '../../src/demo/national/diff.ts';
import { startNationalWeb } from '../../src/demo/national/server.ts';
import type { NationalWorld } from '../../src/demo/national/types.ts';
import { runMapping } from '../../src/crawl/mapping-run.ts';
import { compareRuns, type ProfileRef, type RunComparison } from '../../src/store/run-compare.ts';
import { openTestDatabase, type TestDatabase } from '../helpers/test-databases.ts';

const SEED = 2025;
const SHAPE = { sites: 12, profiles: 900 };

interface MappedYear {
  world: NationalWorld;
  runId: number;
  /** Profile URL as the web serves it → world profile id. */
  idByUrl: Map<string, string>;
}

describe('two years of the national web mapped one after the other (pglite)', () => {
  let db: TestDatabase;
  const years: MappedYear[] = [];
  let comparison: RunComparison;
  let truth: WorldDiff;

  beforeAll(async () => {
    db = await openTestDatabase('pglite');
    for (const year of [2025, 2026]) {
      // Free ports, so each year's sites have new addresses: Kartla must know a profile again by
      // its site and the site's own profile id, not by where the site happened to be served.
      const web = await startNationalWeb({ seed: SEED, ...SHAPE, year, errorRate: 0.01 });
      try {
        const run = await runMapping({ db, sites: demoSitesAsResolved(web), crawl: DEMO_CRAWL, label: `national ${year}` });
        expect(run.status).toBe('completed');
        const idByUrl = new Map(web.world.profiles.map((p) => [web.urlFor(p.siteId, p.id), p.id]));
        years.push({ world: web.world, runId: run.runId, idByUrl });
      } finally {
        await web.close();
      }
    }
    comparison = await compareRuns(db, years[0]!.runId, years[1]!.runId);
    truth = diffWorlds(years[0]!.world, years[1]!.world);
    console.log(
      `national-years: ${years[0]!.world.profiles.length} → ${years[1]!.world.profiles.length} profiles; truth ` +
        `${truth.appeared.length} appeared, ${truth.disappeared.length} disappeared, ${truth.moved.length} moved, ` +
        `sites +${truth.sitesOpened.join(',')} -${truth.sitesClosed.join(',')}; run: ${comparison.appeared.length}+${comparison.onOpenedSites.length} appeared, ` +
        `${comparison.disappeared.length}+${comparison.onClosedSites.length} disappeared, ${comparison.moved.length} moved`,
    );
  }, 600_000);

  afterAll(async () => {
    await db?.drop();
  });

  const ids = (refs: ProfileRef[], year: MappedYear) =>
    refs.map((r) => {
      const id = year.idByUrl.get(r.url);
      if (!id) throw new Error(`run ${year.runId} holds ${r.url}, which the ${year.world.year} web does not serve`);
      return id;
    });
  const sorted = (xs: string[]) => [...xs].sort();

  it('is a real test: the truth has appearances, disappearances, moves, and a site that opened and one that closed', () => {
    expect(truth.appeared.length).toBeGreaterThan(50);
    expect(truth.disappeared.length).toBeGreaterThan(50);
    expect(truth.moved.length).toBeGreaterThan(10);
    expect(truth.organisationsMoved.length).toBeGreaterThan(0);
    expect(truth.sitesOpened.length).toBeGreaterThan(0);
    expect(truth.sitesClosed.length).toBeGreaterThan(0);
  });

  it('reads every site in full both years, so no change is left unknown', () => {
    expect(comparison.unknown).toEqual([]);
    expect(sorted(comparison.sites.filter((s) => s.basis === 'opened').map((s) => s.siteId))).toEqual(truth.sitesOpened);
    expect(sorted(comparison.sites.filter((s) => s.basis === 'closed').map((s) => s.siteId))).toEqual(truth.sitesClosed);
  });

  it('gives exactly the profiles that appeared', () => {
    expect(sorted([...ids(comparison.appeared, years[1]!), ...ids(comparison.onOpenedSites, years[1]!)])).toEqual(truth.appeared);
  });

  it('gives exactly the profiles that disappeared', () => {
    expect(sorted([...ids(comparison.disappeared, years[0]!), ...ids(comparison.onClosedSites, years[0]!)])).toEqual(truth.disappeared);
  });

  it('gives exactly the moves, from and to the right municipality', () => {
    const moved = comparison.moved.map((m) => ({ profileId: ids([m], years[1]!)[0]!, fromKommun: m.fromKommun, toKommun: m.toKommun }));
    expect(moved.sort((a, b) => (a.profileId < b.profileId ? -1 : 1))).toEqual(truth.moved);
    expect(comparison.locationUnknownInOne).toBe(0);
  });

  it('gives the site volumes of both years', () => {
    for (const s of comparison.sites.filter((x) => x.basis === 'both')) {
      const resized = truth.sitesResized.find((r) => r.siteId === s.siteId);
      const before = years[0]!.world.profiles.filter((p) => p.siteId === s.siteId).length;
      const after = years[1]!.world.profiles.filter((p) => p.siteId === s.siteId).length;
      expect([s.fromProfiles, s.toProfiles], s.siteId).toEqual([before, after]);
      if (before !== after) expect(resized, s.siteId).toEqual({ siteId: s.siteId, fromProfiles: before, toProfiles: after });
    }
  });
});
