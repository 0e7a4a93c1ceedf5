// Clustering stored runs on both drivers: clusters by shared phones over the profiles' history,
// ids that carry over between runs, merges and splits recorded, facts counted, numbers on the
// ignore list never tying anyone, and clustering a run again giving the same result.

import { afterEach, beforeEach, expect, it } from 'vitest';
import { clusterRun } from '../../src/cluster/cluster-run.ts';
import type { NormalisedProfile } from '../../src/model/profile.ts';
import { exportRecords } from '../../src/store/run-queries.ts';
import { finishRun, finishSiteRun, startRun, startSiteRun, upsertSites, writeSnapshots } from '../../src/store/run-store.ts';
import { describeDrivers, openTestDatabase, type TestDatabase } from '../helpers/test-databases.ts';
import { fictionalPhone, location, makeProfile, phoneInfo } from '../store/fixtures.ts';

const MALMO = location({ raw: 'Malmö', locality: 'Malmö', kommunCode: '1280', lanCode: '12', policeRegion: 'Syd' });
const UK = { e164: '+441134960001', country: 'GB', type: 'fixed_line' as const, source: 'text' as const };

describeDrivers('clustering a run', (driver) => {
  let db: TestDatabase;

  beforeEach(async () => {
    db = await openTestDatabase(driver);
    await upsertSites(db, [{ id: 'alpha', name: 'Alpha' }, { id: 'bravo', name: 'Bravo' }]);
  });
  afterEach(async () => {
    await db?.drop();
  });

  /** A finished run; `phones` gives each profile number (by site/n) its phone indexes. */
  async function run(profiles: NormalisedProfile[]): Promise<number> {
    const r = await startRun(db, { label: null });
    for (const siteId of ['alpha', 'bravo']) {
      const siteRun = await startSiteRun(db, r.id, siteId);
      const mine = profiles.filter((p) => p.siteId === siteId);
      await writeSnapshots(db, { runId: r.id, siteRunId: siteRun.id, siteId }, mine);
      await finishSiteRun(db, siteRun.id, { status: 'ok', pagesFetched: 1, profilesFound: mine.length, errorCount: 0, errors: [], failureReason: null, durationMs: 1 });
    }
    await finishRun(db, r.id, 'completed');
    return r.id;
  }
  const p = (siteId: string, n: number, phones: number[], over: Partial<NormalisedProfile> = {}) =>
    makeProfile(siteId, n, { phones: phones.map((i) => phoneInfo(i)), ...over });

  async function clustersOf(runId: number): Promise<Map<string, number | null>> {
    const out = new Map<string, number | null>();
    for await (const r of exportRecords(db, runId)) out.set(`${r.site}/${r.externalId}`, r.clusterId === null ? null : Number(r.clusterId));
    return out;
  }

  it('groups profiles that share a number, across sites, and leaves the rest unclustered', async () => {
    const runId = await run([
      p('alpha', 1, [1]),
      p('alpha', 2, [1]),
      p('bravo', 3, [1], { location: MALMO }),
      p('alpha', 4, [2]),
      p('bravo', 5, [2, 3], { phones: [phoneInfo(2), UK] }),
      p('alpha', 6, [9]), // a number nobody else shows
      p('alpha', 7, []),
    ]);
    const summary = await clusterRun(db, runId);
    expect(summary).toMatchObject({ clusters: 2, clusteredProfiles: 5, largest: 3, newClusters: 2, continued: 0, previousRunId: null });

    const c = await clustersOf(runId);
    expect(c.get('alpha/1')).not.toBeNull();
    expect(c.get('alpha/2')).toBe(c.get('alpha/1'));
    expect(c.get('bravo/3')).toBe(c.get('alpha/1'));
    expect(c.get('bravo/5')).toBe(c.get('alpha/4'));
    expect(c.get('bravo/5')).not.toBe(c.get('alpha/1'));
    expect(c.get('alpha/6')).toBeNull();
    expect(c.get('alpha/7')).toBeNull();

    const facts = await db.prisma.clusterRun.findMany({ where: { runId, view: 'phone' }, orderBy: { size: 'desc' } });
    expect(facts[0]).toMatchObject({ size: 3, phones: 1, sites: 2 });
    expect(facts[0]!.facts).toMatchObject({ sites: ['alpha', 'bravo'], policeRegions: ['Stockholm', 'Syd'], kommunCodes: ['0180', '1280'], foreignPhones: 0 });
    expect(facts[1]!.facts).toMatchObject({ profiles: 2, phones: 2, foreignPhones: 1, foreignShare: 0.5, countries: { GB: 1, SE: 1 } });
  });

  it('never ties profiles through a number on the ignore list', async () => {
    const runId = await run([p('alpha', 1, [1]), p('alpha', 2, [1]), p('alpha', 3, [2]), p('bravo', 4, [2])]);
    const summary = await clusterRun(db, runId, { ignorePhones: [fictionalPhone(1)] });
    expect(summary).toMatchObject({ clusters: 1, clusteredProfiles: 2, ignoredLinks: 2 });
    const c = await clustersOf(runId);
    expect(c.get('alpha/1')).toBeNull();
    expect(c.get('alpha/3')).toBe(c.get('bravo/4'));
  });

  it('keeps a cluster id from run to run, through replaced members, changed numbers, merges and splits', async () => {
    const first = await run([
      p('alpha', 1, [1]), p('alpha', 2, [1]), p('alpha', 3, [1]), // A: number 1
      p('alpha', 10, [2]), p('alpha', 11, [2]), // B: number 2
      p('bravo', 20, [3]), p('bravo', 21, [3]), // C: number 3
      p('bravo', 30, [4]), p('bravo', 31, [4]), p('bravo', 32, [5]), p('bravo', 33, [4, 5]), // D: 4 and 5
    ]);
    await clusterRun(db, first);
    const before = await clustersOf(first);

    const second = await run([
      // A: every member replaced, the number kept.
      p('alpha', 4, [1]), p('alpha', 5, [1]),
      // B and C merge: 11 now also shows C's number.
      p('alpha', 10, [2]), p('alpha', 11, [2, 3]), p('bravo', 20, [3]),
      // D splits: 33 is gone, 30/31 keep number 4, 32 and a new ad keep number 5.
      p('bravo', 30, [4]), p('bravo', 31, [4]), p('bravo', 32, [5]), p('bravo', 34, [5]),
      // Changed number: 21 now shows 6, which a new ad shares; 21's history still ties it to C.
      p('bravo', 21, [6]), p('alpha', 40, [6]),
    ]);
    const summary = await clusterRun(db, second);
    const after = await clustersOf(second);
    expect(summary.previousRunId).toBe(first);

    expect(after.get('alpha/4')).toBe(before.get('alpha/1'));
    expect(after.get('alpha/5')).toBe(before.get('alpha/1'));
    // B+C (with 21 by history and 40 through number 6) is one cluster carrying one of their ids.
    const merged = after.get('alpha/10')!;
    for (const k of ['alpha/11', 'bravo/20', 'bravo/21', 'alpha/40']) expect(after.get(k), k).toBe(merged);
    expect([before.get('alpha/10'), before.get('bravo/20')]).toContain(merged);
    // D: the larger piece (30, 31) keeps the id, the other piece is a new cluster.
    expect(after.get('bravo/30')).toBe(before.get('bravo/30'));
    expect(after.get('bravo/32')).not.toBe(before.get('bravo/30'));
    expect(after.get('bravo/32')).toBe(after.get('bravo/34'));

    const events = await db.prisma.clusterEvent.findMany({ where: { runId: second, view: 'phone' }, orderBy: { id: 'asc' } });
    const absorbed = merged === before.get('alpha/10') ? before.get('bravo/20') : before.get('alpha/10');
    expect(events).toContainEqual(expect.objectContaining({ kind: 'merge', clusterId: merged, related: [absorbed] }));
    expect(events).toContainEqual(expect.objectContaining({ kind: 'split', clusterId: before.get('bravo/30'), related: [after.get('bravo/32')] }));
    expect(events).toContainEqual(expect.objectContaining({ kind: 'new', clusterId: after.get('bravo/32') }));
    expect(summary).toMatchObject({ merges: 1, splits: 1, newClusters: 1 });

    // Clustering the same run again changes nothing.
    const again = await clusterRun(db, second);
    expect(again).toEqual(summary);
    expect(await clustersOf(second)).toEqual(after);
    expect(await db.prisma.cluster.count({ where: { view: 'phone' } })).toBe(5);
  });

  it('raises indicators with evidence and a priority, and finds copied descriptions in the combined view', async () => {
    const copy = (name: string) =>
      `Hej, jag heter ${name} och är ny här. Jag tar emot i min diskreta lägenhet nära centrum, alltid med respekt och hygien. ` +
      'Boka gärna i förväg, jag svarar på sms hela dagen och kvällen. Välkommen till en lugn och varm stund hos mig.';
    const first = await run([
      p('alpha', 1, [1], { rawText: { description: 'Ny tjej i stan! Ring mig.' } }),
      p('alpha', 2, [1]),
      p('alpha', 3, [1]),
      p('alpha', 4, [2]),
      p('alpha', 5, [2]),
      // No shared number, but one text written twice with another name: a weaker tie.
      p('bravo', 6, [7], { rawText: { description: copy('Anna') } }),
      p('bravo', 7, [8], { rawText: { description: copy('Bella') } }),
    ]);
    const s1 = await clusterRun(db, first);
    expect(s1).toMatchObject({ clusters: 2, textLinks: 1, combined: { clusters: 3 }, profilesWithIndicators: 1 });

    const own = await db.prisma.profileSnapshot.findFirst({ where: { runId: first, profile: { key: 'id:1' } }, select: { indicators: true } });
    expect(own!.indicators).toEqual([expect.objectContaining({ code: 'third-party', evidence: ['Ny tjej i stan'] })]);

    const phoneView = await db.prisma.clusterRun.findMany({ where: { runId: first, view: 'phone' }, orderBy: { priority: 'desc' } });
    const codes = (x: { indicators: unknown }) => (x.indicators as { code: string }[]).map((i) => i.code);
    expect(codes(phoneView[0]!)).toEqual(expect.arrayContaining(['shared-phone', 'third-party']));
    expect(phoneView[0]!.priority).toBeGreaterThan(phoneView[1]!.priority);
    expect(codes(phoneView[1]!)).not.toContain('shared-phone'); // two profiles: under the default threshold of 3
    const parts = phoneView[0]!.priorityParts as { points: number }[];
    expect(parts.reduce((n, x) => n + x.points, 0)).toBeCloseTo(phoneView[0]!.priority, 5);

    const combined = await db.prisma.clusterRun.findMany({ where: { runId: first, view: 'combined' } });
    const textCluster = combined.find((c) => (c.facts as { sites: string[] }).sites.includes('bravo'))!;
    expect(textCluster.size).toBe(2);
    expect(codes(textCluster)).toContain('same-description');

    // A year later the whole first group advertises in Malmö: it moved police region; the second stays.
    const second = await run([
      p('alpha', 1, [1], { location: MALMO }),
      p('alpha', 2, [1], { location: MALMO }),
      p('alpha', 3, [1], { location: MALMO }),
      p('alpha', 4, [2]),
      p('alpha', 5, [2]),
    ]);
    await clusterRun(db, second);
    const moved = await db.prisma.clusterRun.findMany({ where: { runId: second, view: 'phone' }, orderBy: { size: 'desc' } });
    expect(codes(moved[0]!)).toContain('moved-region');
    expect(JSON.stringify(moved[0]!.indicators)).toMatch(/Stockholm.*Syd/);
    expect(codes(moved[1]!)).not.toContain('moved-region');
  });

  it('ties profiles by Telegram user, e-mail address and near-identical photo in the combined view only, and keeps the evidence of every link', async () => {
    const telegram = { kind: 'telegram' as const, value: 'studio_nova_test', source: 'telegram-link' as const };
    const email = { kind: 'email' as const, value: 'bokning@nova.example', source: 'text' as const };
    const runId = await run([
      p('alpha', 1, [1]),
      p('alpha', 2, [1], { contacts: [telegram] }),
      p('bravo', 3, [4], { contacts: [telegram, email] }),
      p('bravo', 4, [5], { contacts: [email] }),
      // The same photo re-encoded on another site: a few bits apart.
      p('alpha', 5, [6], { photoHash: 'f0f0f0f0aaaa5555' }),
      p('bravo', 6, [7], { photoHash: 'f0f0f0f0aaaa5557' }),
      // An unrelated photo: far from both.
      p('bravo', 7, [8], { photoHash: '0f0f0f0f5555aaaa' }),
      p('alpha', 8, [9]),
    ]);
    const summary = await clusterRun(db, runId);
    // The phone view sees only the shared number of 1 and 2.
    expect(summary).toMatchObject({ clusters: 1, clusteredProfiles: 2, photoLinks: 1, contactProfiles: 3 });
    expect(summary.combined).toMatchObject({ clusters: 2, clusteredProfiles: 6 });

    const members = await db.prisma.clusterMember.findMany({ where: { runId, view: 'combined' }, include: { profile: { select: { key: true } } } });
    const clusterOf = new Map(members.map((m) => [m.profile.key, m.clusterId]));
    expect(clusterOf.get('id:2')).toBe(clusterOf.get('id:1'));
    expect(clusterOf.get('id:3')).toBe(clusterOf.get('id:1'));
    expect(clusterOf.get('id:4')).toBe(clusterOf.get('id:1'));
    expect(clusterOf.get('id:6')).toBe(clusterOf.get('id:5'));
    expect(clusterOf.get('id:5')).not.toBe(clusterOf.get('id:1'));
    expect(clusterOf.has('id:7')).toBe(false);

    const { getClusterDetail } = await import('../../src/store/cluster-queries.ts');
    const big = await getClusterDetail(db, clusterOf.get('id:1')!, runId);
    const idOf = new Map(big.members.map((m) => [m.url.slice(-2), m.profileId]));
    const kinds = big.links.map((l) => `${l.kind}:${l.value ?? ''}`).sort();
    expect(kinds).toEqual([`email:${email.value}`, `phone:${fictionalPhone(1)}`, `telegram:${telegram.value}`]);
    const tg = big.links.find((l) => l.kind === 'telegram')!;
    expect([tg.a, tg.b].sort()).toEqual([idOf.get('02'), idOf.get('03')].sort());

    const photo = await getClusterDetail(db, clusterOf.get('id:5')!, runId);
    expect(photo.links).toEqual([expect.objectContaining({ kind: 'photo', value: null, distance: 1 })]);

    // The phone view keeps only the phone link.
    const phoneCluster = await db.prisma.clusterMember.findFirst({ where: { runId, view: 'phone' }, select: { clusterId: true } });
    const phoneLinks = await db.prisma.clusterLink.findMany({ where: { clusterId: phoneCluster!.clusterId, runId } });
    expect(phoneLinks.map((l) => l.kind)).toEqual(['phone']);

    // Clustering again replaces the evidence rather than doubling it.
    await clusterRun(db, runId);
    expect(await db.prisma.clusterLink.count({ where: { runId } })).toBe(phoneLinks.length + big.links.length + photo.links.length);
  });
});
