// Drift alerts on the synthetic webs (issue 8, "done when"): a site of the national web that
// changes its layout overnight, its adapter unchanged, raises a drift alert for exactly that site;
// ordinary churn (the small demo web a month later, the national web a year later) raises none.

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_CRAWL, demoSitesAsResolved } from '../../src/demo/as-sites.ts';
import { startNationalWeb, type NationalWebOptions } from '../../src/demo/national/server.ts';
import { startDemoSites } from '../../src/demo/server.ts';
import { runMapping } from '../../src/crawl/mapping-run.ts';
import { alertSettingsSchema } from '../../src/config/sites-schema.ts';
import { assessRunHealth, readRunHealth, type StoredAlert } from '../../src/health/assess.ts';
import { describeDrivers, openTestDatabase, type TestDatabase } from '../helpers/test-databases.ts';

const SETTINGS = alertSettingsSchema.parse({});
// Photos cost a request and a hash per profile and say nothing about drift.
const CRAWL = { ...DEMO_CRAWL, photos: false };
const NATIONAL = { seed: 2025, sites: 10, profiles: 800 } as const;
// nat-02 is a numbered-pages site in this world; the load-more-json layout answers on the same
// start path (/annonser), so the site still answers but its adapter no longer reads it right.
const CHANGED_SITE = 'nat-02';

async function mapNational(db: TestDatabase, opts: Partial<NationalWebOptions> = {}): Promise<{ runId: number; alerts: StoredAlert[] }> {
  const web = await startNationalWeb({ ...NATIONAL, ...opts });
  try {
    const run = await runMapping({ db, sites: demoSitesAsResolved(web, CRAWL), crawl: CRAWL, label: `national ${opts.year ?? ''}`, clustering: false, alerts: SETTINGS });
    // The run assesses itself when it is finalised; assessing again finds the same alerts.
    const atFinalise = run.health && 'alerts' in run.health ? run.health.alerts : null;
    const again = await assessRunHealth(db, run.runId, SETTINGS);
    expect(atFinalise?.map((a) => a.message).sort()).toEqual(again.map((a) => a.message).sort());
    return { runId: run.runId, alerts: again };
  } finally {
    await web.close();
  }
}

describeDrivers('drift alerts on the synthetic webs', (driver) => {
  describe('a national site that changes its layout overnight', () => {
    let db: TestDatabase;
    let first: { runId: number; alerts: StoredAlert[] };
    let second: { runId: number; alerts: StoredAlert[] };

    beforeAll(async () => {
      db = await openTestDatabase(driver);
      first = await mapNational(db);
      second = await mapNational(db, { layoutOverrides: { [CHANGED_SITE]: 'load-more-json' } });
      console.log(`[${driver}] run ${second.runId} alerts:\n${second.alerts.map((a) => `  ${a.severity} ${a.kind}: ${a.message}`).join('\n')}`);
    }, 240_000);
    afterAll(async () => {
      await db?.drop();
    });

    it('raises nothing on the first run of every site', () => {
      expect(first.alerts).toEqual([]);
    });

    it('raises a drift alert for the changed site, and for no other', () => {
      expect(second.alerts.length).toBeGreaterThan(0);
      expect(new Set(second.alerts.map((a) => a.siteId))).toEqual(new Set([CHANGED_SITE]));
      const drift = second.alerts.filter((a) => a.kind === 'profiles-drop' || a.kind === 'fill-rate-drop');
      expect(drift.length).toBeGreaterThan(0);
      for (const a of drift) expect(a.message).toMatch(/^site nat-02: (profiles -\d+% vs last run \(155 → \d+\)|.* fill rate \d\.\d\d → \d\.\d\d vs last run: the adapter may be out of date)$/);
      for (const a of second.alerts) expect(a.message).not.toMatch(/https?:|\+?\d[\d\s-]{6,}\d/);
    });

    it('stores the health of every site run', async () => {
      const report = await readRunHealth(db, second.runId);
      expect(report.sites).toHaveLength(NATIONAL.sites);
      for (const site of report.sites) {
        expect(site.health, site.siteId).not.toBeNull();
        expect(site.health!.baselineRunIds).toEqual([first.runId]);
      }
      const unchanged = report.sites.find((s) => s.siteId === 'nat-01')!.health!;
      expect(unchanged.profiles).toBe(260);
      expect(unchanged.fillRates!.age).toBeGreaterThan(0.95);
    });
  });

  describe('ordinary churn on the small demo web', () => {
    let db: TestDatabase;
    const alerts: StoredAlert[][] = [];

    beforeAll(async () => {
      db = await openTestDatabase(driver);
      const web = await startDemoSites({ seed: 2025, epoch: 0 });
      try {
        for (const epoch of [0, 1]) {
          web.setEpoch(epoch);
          const run = await runMapping({ db, sites: demoSitesAsResolved(web, CRAWL), crawl: CRAWL, label: `epoch ${epoch}`, clustering: false });
          alerts.push(await assessRunHealth(db, run.runId, SETTINGS));
        }
      } finally {
        await web.close();
      }
    }, 180_000);
    afterAll(async () => {
      await db?.drop();
    });

    it('raises no alert a month later', async () => {
      expect(alerts).toEqual([[], []]);
    });
  });
});

describe('ordinary churn on the national web a year later (pglite)', () => {
  let db: TestDatabase;
  const runs: { runId: number; alerts: StoredAlert[] }[] = [];

  beforeAll(async () => {
    db = await openTestDatabase('pglite');
    for (const year of [2025, 2026]) runs.push(await mapNational(db, { year }));
  }, 240_000);
  afterAll(async () => {
    await db?.drop();
  });

  it('raises no alert when sites keep their layouts, open or close', () => {
    expect(runs.map((r) => r.alerts)).toEqual([[], []]);
  });
});
