// The spine end to end, on both drivers: the demo web is crawled, normalised and stored, and
// what the run stored is exactly the demo's ground truth. A second run against the web a month
// later sees profiles gone and new, and leaves the first run's snapshots as they were.

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { closedPort } from '../helpers/local-server.ts';
import { drivers, openTestDatabase, type TestDatabase } from '../helpers/test-databases.ts';
import { DEMO_CRAWL, demoSitesAsResolved } from '../../src/demo/as-sites.ts';
import { startDemoSites, type DemoSites } from '../../src/demo/server.ts';
import type { GroundTruthProfile } from '../../src/demo/ground-truth.ts';
import { runMapping, type RunResult } from '../../src/crawl/mapping-run.ts';
import { exportRecords } from '../../src/store/run-queries.ts';
import type { ExportRecord } from '../../src/model/export-record.ts';

async function exported(db: TestDatabase, runId: number): Promise<ExportRecord[]> {
  const records: ExportRecord[] = [];
  for await (const record of exportRecords(db, runId, { reveal: true })) records.push(record);
  return records;
}

async function snapshotRows(db: TestDatabase, runId: number) {
  const rows = await db.prisma.profileSnapshot.findMany({
    where: { runId },
    orderBy: { id: 'asc' },
    include: { phones: { orderBy: { phoneId: 'asc' } } },
  });
  return rows;
}

function byUrl<T extends { url: string | null }>(items: readonly T[]): Map<string, T> {
  return new Map(items.map((item) => [item.url ?? '', item]));
}

for (const driver of drivers) {
  const skip = driver === 'postgres' && !process.env.TEST_DATABASE_URL;
  describe.skipIf(skip)(`a mapping of the demo web (${driver})`, () => {
    let demo: DemoSites;
    let db: TestDatabase;
    let truth0: GroundTruthProfile[];
    let run1: RunResult;
    let records1: ExportRecord[];

    beforeAll(async () => {
      demo = await startDemoSites({ seed: 11, epoch: 0 });
      db = await openTestDatabase(driver);
      truth0 = demo.groundTruth();
      run1 = await runMapping({ db, sites: demoSitesAsResolved(demo), crawl: DEMO_CRAWL, label: 'first' });
      records1 = await exported(db, run1.runId);
    }, 120_000);

    afterAll(async () => {
      await demo?.close();
      await db?.drop();
    });

    it('completes, with every site ok', () => {
      expect(run1.status).toBe('completed');
      expect(run1.sites.map((s) => s.status)).toEqual(demo.sites.map(() => 'ok'));
    });

    it('finds exactly the ground truth profiles', () => {
      expect(records1.map((r) => r.url).sort()).toEqual(truth0.map((t) => t.url).sort());
      expect(truth0.length).toBeGreaterThan(200);
    });

    it('reads exactly the stated ages, genders and phone sets', () => {
      const got = byUrl(records1);
      const wrong: string[] = [];
      for (const expected of truth0) {
        const record = got.get(expected.url)!;
        if (record.age !== expected.age) wrong.push(`${expected.url} age ${record.age} != ${expected.age}`);
        if (record.gender !== expected.gender) wrong.push(`${expected.url} gender ${record.gender} != ${expected.gender}`);
        if (JSON.stringify(record.phones) !== JSON.stringify([...expected.phones].sort())) {
          wrong.push(`${expected.url} phones ${record.phones.length} != ${expected.phones.length}`);
        }
        expect(record.site).toBe(expected.siteId);
        expect(record.externalId).toBe(expected.externalId);
      }
      expect(wrong).toEqual([]);
    });

    it('places the profiles in the right municipality', () => {
      const got = byUrl(records1);
      const withPlace = truth0.filter((t) => t.kommunCode);
      const right = withPlace.filter((t) => got.get(t.url)!.kommunCode === t.kommunCode).length;
      // Places are written the way ads write them (Sthlm, Gbg, districts); a handful may be too vague.
      expect(right / withPlace.length).toBeGreaterThanOrEqual(0.95);
    });

    it('stores shared phones once and links every profile that shows them', async () => {
      const phoneUse = new Map<string, number>();
      for (const t of truth0) for (const p of t.phones) phoneUse.set(p, (phoneUse.get(p) ?? 0) + 1);
      const phonesInDb = await db.prisma.phone.count();
      expect(phonesInDb).toBe(phoneUse.size);
      const shared = [...phoneUse.values()].filter((n) => n >= 2).length;
      expect(shared).toBeGreaterThan(5);
    });

    it('records the site runs with pages and profiles', async () => {
      const siteRuns = await db.prisma.siteRun.findMany({ where: { runId: run1.runId } });
      expect(siteRuns).toHaveLength(demo.sites.length);
      for (const siteRun of siteRuns) {
        const expected = truth0.filter((t) => t.siteId === siteRun.siteId).length;
        expect(siteRun.profilesFound).toBe(expected);
        expect(siteRun.pagesFetched).toBeGreaterThan(expected);
        expect(siteRun.status).toBe('ok');
        expect(siteRun.finishedAt).not.toBeNull();
      }
    });

    it('a month later sees profiles gone and new, and keeps the first run as it was', async () => {
      const before = await snapshotRows(db, run1.runId);
      demo.setEpoch(1);
      const truth1 = demo.groundTruth();
      const run2 = await runMapping({ db, sites: demoSitesAsResolved(demo), crawl: DEMO_CRAWL, label: 'second' });
      expect(run2.status).toBe('completed');
      const records2 = await exported(db, run2.runId);
      expect(records2.map((r) => r.url).sort()).toEqual(truth1.map((t) => t.url).sort());

      const urls0 = new Set(truth0.map((t) => t.url));
      const urls1 = new Set(truth1.map((t) => t.url));
      const gone = [...urls0].filter((u) => !urls1.has(u));
      const added = [...urls1].filter((u) => !urls0.has(u));
      const kept = [...urls1].filter((u) => urls0.has(u));
      expect(gone.length).toBeGreaterThan(0);
      expect(added.length).toBeGreaterThan(0);

      const run2Start = run2.startedAt.getTime();
      const profiles = byUrl((await db.prisma.profile.findMany()).map((p) => ({ ...p, url: db.cipher.open(p.urlEnc) })));
      for (const url of gone) {
        const p = profiles.get(url)!;
        expect(p.lastSeenAt.getTime()).toBeLessThan(run2Start);
        expect(p.firstSeenAt.getTime()).toBeLessThan(run2Start);
      }
      for (const url of added) {
        expect(profiles.get(url)!.firstSeenAt.getTime()).toBeGreaterThanOrEqual(run2Start);
      }
      for (const url of kept) {
        const p = profiles.get(url)!;
        expect(p.firstSeenAt.getTime()).toBeLessThan(run2Start);
        expect(p.lastSeenAt.getTime()).toBeGreaterThanOrEqual(run2Start);
      }
      // The export of the second run says so too.
      const rec2 = byUrl(records2);
      expect(new Date(rec2.get(kept[0]!)!.firstSeen).getTime()).toBeLessThan(run2Start);
      expect(new Date(rec2.get(added[0]!)!.firstSeen).getTime()).toBeGreaterThanOrEqual(run2Start);

      const after = await snapshotRows(db, run1.runId);
      expect(after).toEqual(before);
      demo.setEpoch(0);
    }, 120_000);

    it('ends partial, not failed, when one site cannot be reached, and says why', async () => {
      const port = await closedPort();
      const sites = [
        ...demoSitesAsResolved(demo).slice(0, 1),
        { ...demoSitesAsResolved(demo)[1]!, id: 'unreachable', name: 'Unreachable', startUrls: [`http://127.0.0.1:${port}/`], allowedHosts: [`127.0.0.1:${port}`] },
      ];
      const run = await runMapping({ db, sites, crawl: { ...DEMO_CRAWL, retryBackoffMs: 10 }, label: 'partial' });
      expect(run.status).toBe('partial');
      const down = run.sites.find((s) => s.siteId === 'unreachable')!;
      expect(down.status).toBe('failed');
      expect(down.failureReason).toMatch(/no page could be read \(network: connection refused: http:\/\/127\.0\.0\.1:\d+\/\)/);
      expect(run.sites[0]!.status).toBe('ok');
      const siteRun = await db.prisma.siteRun.findFirstOrThrow({ where: { runId: run.runId, siteId: 'unreachable' } });
      expect(siteRun.status).toBe('failed');
      expect(siteRun.failureReason).toBe(down.failureReason);
    }, 120_000);
  });
}
