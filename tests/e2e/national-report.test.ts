// Two years of the national synthetic web, mapped one after the other, then reported: every figure
// in report.json must equal what the ground truth (the generated worlds) gives, counted here
// independently of the report code, small counts hidden by the same rule ("<3").

import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { parsePhoneNumberFromString } from 'libphonenumber-js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { diffWorlds } from '../../src/demo/national/diff.ts';
import { NATIONAL_GROUPS, startNationalWeb } from '../../src/demo/national/server.ts';
import type { NationalProfile, NationalWorld } from '../../src/demo/national/types.ts';
import { ageBand } from '../../src/normalise/age.ts';
import { county, municipality } from '../../src/normalise/gazetteer.ts';
import { CLUSTER_SIZE_BUCKETS } from '../../src/report/report-figures.ts';
import { writeReport } from '../../src/report/write-report.ts';
import { openTestDatabase, type TestDatabase } from '../helpers/test-databases.ts';
import { mapNationalWeb } from '../helpers/map-national.ts';

const SEED = 2025;
const SHAPE = { sites: 12, profiles: 900 };
const LIMIT = 3;

type Row = Record<string, string | number | null>;
interface ReportDoc {
  region: string | null;
  suppressBelow: number;
  sections: { id: string; tables: { id: string; rows: Row[] }[] }[];
}

const shown = (n: number) => (n > 0 && n < LIMIT ? `<${LIMIT}` : n);
const round = (x: number) => Math.round(x * 1e6) / 1e6;
const share = (n: number, d: number) => (d > 0 ? round(n / d) : null);

function tally<T>(items: readonly T[], key: (t: T) => string | null): Map<string, number> {
  const m = new Map<string, number>();
  for (const t of items) {
    const k = key(t);
    if (k !== null) m.set(k, (m.get(k) ?? 0) + 1);
  }
  return m;
}

/** Largest first, then by key: the report's order for equal counts. */
const byCount = (now: Map<string, number>, before: Map<string, number>) =>
  [...new Set([...now.keys(), ...before.keys()])]
    .map((key) => ({ key, value: now.get(key) ?? 0, compare: before.get(key) ?? 0 }))
    .sort((a, b) => b.value - a.value || b.compare - a.compare || (a.key < b.key ? -1 : a.key > b.key ? 1 : 0));

/** A breakdown row's figures as the report must show them. */
function expectedCounts(value: number, compare: number, total: number) {
  const hidden = typeof shown(value) === 'string' || typeof shown(compare) === 'string';
  return {
    profiles: shown(value),
    share: typeof shown(value) === 'string' ? null : share(value, total),
    compare_profiles: shown(compare),
    change: hidden ? null : value - compare,
    relative: hidden ? null : share(value - compare, compare),
  };
}

/** Profiles tied by numbers (collision numbers left out, as the mapping was told), as components. */
function phoneComponents(world: NationalWorld): NationalProfile[][] {
  const ignore = new Set(world.collisionNumbers);
  const parent = new Map(world.profiles.map((p) => [p.id, p.id]));
  const find = (x: string): string => {
    while (parent.get(x) !== x) x = parent.get(x)!;
    return x;
  };
  const owner = new Map<string, string>();
  for (const p of world.profiles) {
    for (const phone of p.phones) {
      if (ignore.has(phone)) continue;
      const other = owner.get(phone);
      if (other === undefined) owner.set(phone, p.id);
      else parent.set(find(p.id), find(other));
    }
  }
  const groups = new Map<string, NationalProfile[]>();
  for (const p of world.profiles) groups.set(find(p.id), [...(groups.get(find(p.id)) ?? []), p]);
  return [...groups.values()].filter((g) => g.length >= 2);
}

describe('the report of two years of the national web against ground truth (pglite)', () => {
  let db: TestDatabase;
  const worlds: NationalWorld[] = [];
  const groups = new Map<string, string>();
  const names = new Map<string, string>();
  let doc: ReportDoc;
  let regional: ReportDoc;
  let out: string;

  const table = (id: string): Row[] => {
    for (const s of doc.sections) for (const t of s.tables) if (t.id === id) return t.rows;
    throw new Error(`no table ${id}`);
  };

  beforeAll(async () => {
    db = await openTestDatabase('pglite');
    const runIds: number[] = [];
    for (const year of [2025, 2026]) {
      const web = await startNationalWeb({ seed: SEED, ...SHAPE, year });
      try {
        for (const s of web.sites) {
          groups.set(s.id, s.group);
          names.set(s.id, s.name);
        }
        const run = await mapNationalWeb(db, web, `national ${year}`);
        expect(run.status).toBe('completed');
        runIds.push(run.runId);
        worlds.push(web.world);
      } finally {
        await web.close();
      }
    }
    out = mkdtempSync(path.join(tmpdir(), 'kartla-report-truth-'));
    await writeReport(db, { runId: runIds[1]!, compareRunId: runIds[0]!, region: null, outDir: out, lang: 'sv', suppressBelow: LIMIT, pdf: false });
    doc = JSON.parse(readFileSync(path.join(out, 'report.json'), 'utf8')) as ReportDoc;
    const regionalOut = path.join(out, 'syd');
    await writeReport(db, { runId: runIds[1]!, compareRunId: runIds[0]!, region: 'Syd', outDir: regionalOut, lang: 'sv', suppressBelow: LIMIT, pdf: false });
    regional = JSON.parse(readFileSync(path.join(regionalOut, 'report.json'), 'utf8')) as ReportDoc;
  }, 900_000);

  afterAll(async () => {
    await db?.drop();
    if (out) rmSync(out, { recursive: true, force: true });
  });

  const now = () => worlds[1]!;
  const before = () => worlds[0]!;
  const metric = (rows: Row[], name: string) => rows.find((r) => r.metric === name);

  it('gives the overview of both years', () => {
    const sitesWithProfiles = (w: NationalWorld) => new Set(w.profiles.map((p) => p.siteId)).size;
    const phones = (w: NationalWorld) => new Set(w.profiles.flatMap((p) => p.phones)).size;
    const localities = (w: NationalWorld) => new Set(w.profiles.map((p) => `${p.kommunCode}\t${p.locality}`)).size;
    const kommuns = (w: NationalWorld) => new Set(w.profiles.map((p) => p.kommunCode)).size;
    const expected: [string, (w: NationalWorld) => number][] = [
      ['sites_mapped', (w) => w.sites.length],
      ['sites_with_profiles', sitesWithProfiles],
      ['sites_failed', () => 0],
      ['sites_partial', () => 0],
      ['profiles', (w) => w.profiles.length],
      ['distinct_phones', phones],
      ['localities', localities],
      ['municipalities', kommuns],
    ];
    const rows = table('overview');
    expect(rows.map((r) => r.metric)).toEqual(expected.map(([m]) => m));
    for (const [name, get] of expected) {
      const v = get(now());
      const c = get(before());
      expect(metric(rows, name), name).toMatchObject({ value: v, compare_value: c, change: v - c, relative: share(v - c, c) });
    }
    expect(table('site_status')).toEqual([]);
  });

  it('gives the profiles per site, and per site over time', () => {
    const perSite = (w: NationalWorld) => tally(w.profiles, (p) => p.siteId);
    const a = perSite(now());
    const b = perSite(before());
    const siteIds = [...new Set([...now().sites.map((s) => s.id), ...before().sites.map((s) => s.id)])];
    const expected = siteIds
      .map((id) => ({ id, value: a.get(id) ?? 0, compare: b.get(id) ?? 0 }))
      .sort((x, y) => y.value - x.value || y.compare - x.compare || (x.id < y.id ? -1 : 1));
    const rows = table('site_volumes');
    expect(rows.map((r) => r.site)).toEqual(expected.map((e) => e.id));
    for (const [i, e] of expected.entries()) {
      expect(rows[i]).toMatchObject({ site: e.id, site_name: names.get(e.id), group: groups.get(e.id), ...expectedCounts(e.value, e.compare, now().profiles.length) });
    }
    const overTime = table('site_volumes_over_time');
    const expectedOverTime = [before(), now()].flatMap((w) =>
      w.sites
        .map((s) => s.id)
        .sort()
        .map((id) => ({ site: id, profiles: shown(perSite(w).get(id) ?? 0), status: 'klar' })),
    );
    expect(overTime.map((r) => ({ site: r.site, profiles: r.profiles, status: r.status }))).toEqual(expectedOverTime);
  });

  it('gives gender and stated age, overall and per site group', () => {
    const genders = ['woman', 'man', 'trans', 'couple', 'unknown'];
    const bands = ['under-18', '18-23', '24-29', '30-35', '36-44', '45+', 'unknown'];
    const total = now().profiles.length;
    const g = (w: NationalWorld) => tally(w.profiles, (p) => p.gender);
    const a = (w: NationalWorld) => tally(w.profiles, (p) => ageBand(p.age));
    expect(table('gender').map((r) => r.gender)).toEqual(genders);
    for (const [i, key] of genders.entries()) {
      expect(table('gender')[i]).toMatchObject(expectedCounts(g(now()).get(key) ?? 0, g(before()).get(key) ?? 0, total));
    }
    expect(table('age_bands').map((r) => r.age_band)).toEqual(bands);
    for (const [i, key] of bands.entries()) {
      expect(table('age_bands')[i]).toMatchObject(expectedCounts(a(now()).get(key) ?? 0, a(before()).get(key) ?? 0, total));
    }
    const groupNames = [...new Set(now().profiles.map((p) => groups.get(p.siteId)!))].sort();
    expect(groupNames.length).toBeGreaterThan(1);
    expect(groupNames).toEqual([NATIONAL_GROUPS.adverts, NATIONAL_GROUPS.reviews].filter((n) => groupNames.includes(n)).sort());
    for (const [tableId, keys, key] of [
      ['gender_by_group', genders, (p: NationalProfile) => p.gender],
      ['age_by_group', bands, (p: NationalProfile) => ageBand(p.age)],
    ] as const) {
      const rows = table(tableId);
      expect(rows.map((r) => r.group)).toEqual(groupNames);
      for (const row of rows) {
        const members = now().profiles.filter((p) => groups.get(p.siteId) === row.group);
        const counts = tally(members, key);
        for (const k of keys) expect(row[k], `${tableId} ${row.group} ${k}`).toBe(shown(counts.get(k) ?? 0));
        expect(row.profiles).toBe(shown(members.length));
      }
    }
  });

  it('gives the localities, municipalities, counties and police regions', () => {
    const total = now().profiles.length;
    const loc = (w: NationalWorld) => tally(w.profiles, (p) => `${p.kommunCode}\t${p.locality}`);
    const top = byCount(loc(now()), loc(before()))
      .filter((r) => r.value > 0)
      .slice(0, 25);
    const rows = table('localities');
    expect(rows.map((r) => `${r.kommun_code}\t${r.locality}`)).toEqual(top.map((r) => r.key));
    for (const [i, r] of top.entries()) expect(rows[i]).toMatchObject({ rank: i + 1, municipality: municipality(r.key.split('\t')[0]!)!.name, ...expectedCounts(r.value, r.compare, total) });

    for (const [id, keyColumn, key, name] of [
      ['municipalities', 'kommun_code', (p: NationalProfile) => p.kommunCode, (k: string) => ({ municipality: municipality(k)!.name })],
      ['counties', 'lan_code', (p: NationalProfile) => p.lanCode, (k: string) => ({ county: county(k)!.name, police_region: county(k)!.policeRegion })],
      ['police_regions', 'police_region', (p: NationalProfile) => p.policeRegion, () => ({})],
    ] as const) {
      const expected = byCount(tally(now().profiles, key), tally(before().profiles, key));
      const got = table(id);
      expect(got.map((r) => r[keyColumn]), id).toEqual(expected.map((r) => r.key));
      for (const [i, r] of expected.entries()) expect(got[i], `${id} ${r.key}`).toMatchObject({ ...name(r.key), ...expectedCounts(r.value, r.compare, total) });
    }
  });

  it('gives the organisation indicators: shared numbers, clusters, sizes, foreign numbers, moves', () => {
    const sharedBy = (w: NationalWorld, min: number) => {
      const perPhone = tally(
        w.profiles.flatMap((p) => p.phones),
        (x) => x,
      );
      const phones = [...perPhone.values()].filter((n) => n >= min).length;
      const profiles = w.profiles.filter((p) => p.phones.some((x) => perPhone.get(x)! >= min)).length;
      return { phones, profiles };
    };
    expect(table('shared_phones')).toEqual(
      [2, 5, 10].map((min) => {
        const a = sharedBy(now(), min);
        const b = sharedBy(before(), min);
        return { min_profiles: min, phones: a.phones, profiles: a.profiles, share: share(a.profiles, now().profiles.length), compare_value: b.profiles, change: a.profiles - b.profiles };
      }),
    );

    const summary = (w: NationalWorld) => {
      const comps = phoneComponents(w);
      return {
        comps,
        clusters: comps.length,
        profiles: comps.reduce((n, c) => n + c.length, 0),
        multiSite: comps.filter((c) => new Set(c.map((p) => p.siteId)).size > 1).length,
        multiRegion: comps.filter((c) => new Set(c.map((p) => p.policeRegion)).size > 1).length,
      };
    };
    const s1 = summary(now());
    const s0 = summary(before());
    expect(s1.clusters).toBeGreaterThan(10);
    const rows = table('clusters');
    for (const [name, key] of [
      ['clusters', 'clusters'],
      ['profiles_in_clusters', 'profiles'],
      ['multi_site_clusters', 'multiSite'],
      ['multi_region_clusters', 'multiRegion'],
    ] as const) {
      expect(metric(rows, name), name).toMatchObject({ value: s1[key], compare_value: s0[key], change: s1[key] - s0[key] });
    }
    expect(metric(rows, 'share_in_clusters')).toMatchObject({ value: share(s1.profiles, now().profiles.length), compare_value: share(s0.profiles, before().profiles.length) });

    const buckets = CLUSTER_SIZE_BUCKETS;
    const inBucket = (comps: NationalProfile[][], lo: number, hi: number) => comps.filter((c) => c.length >= lo && c.length <= hi);
    expect(table('cluster_sizes').map((r) => ({ size: r.size, clusters: r.clusters, compare_profiles: r.compare_profiles, profiles: r.profiles }))).toEqual(
      buckets.map(([label, lo, hi]) => ({
        size: label,
        clusters: shown(inBucket(s1.comps, lo, hi).length),
        compare_profiles: shown(inBucket(s0.comps, lo, hi).length),
        profiles: shown(inBucket(s1.comps, lo, hi).reduce((n, c) => n + c.length, 0)),
      })),
    );

    const foreign = (w: NationalWorld) => {
      const phones = new Map<string, Set<string>>();
      const profiles = new Map<string, number>();
      for (const p of w.profiles) {
        const countries = new Set<string>();
        for (const x of p.phones) {
          const c = parsePhoneNumberFromString(x)?.country ?? '??';
          if (c === 'SE') continue;
          phones.set(c, (phones.get(c) ?? new Set()).add(x));
          countries.add(c);
        }
        for (const c of countries) profiles.set(c, (profiles.get(c) ?? 0) + 1);
      }
      return { phones: new Map([...phones].map(([c, s]) => [c, s.size])), profiles };
    };
    const f1 = foreign(now());
    const f0 = foreign(before());
    expect(f1.phones.size).toBeGreaterThan(0);
    const expectedForeign = byCount(f1.phones, f0.phones);
    const got = table('foreign_phones');
    expect(got.map((r) => r.country)).toEqual(expectedForeign.map((r) => r.key));
    for (const [i, r] of expectedForeign.entries()) {
      const hidden = typeof shown(r.value) === 'string' || typeof shown(r.compare) === 'string';
      expect(got[i]).toMatchObject({ phones: shown(r.value), compare_profiles: shown(r.compare), change: hidden ? null : r.value - r.compare, profiles: shown(f1.profiles.get(r.key) ?? 0) });
    }

    // Profiles that moved to a municipality in another police region, from the worlds' own change log.
    const truth = diffWorlds(before(), now());
    const moves = tally(
      truth.moved.map((m) => [municipality(m.fromKommun)!.policeRegion, municipality(m.toKommun)!.policeRegion]).filter(([a, b]) => a !== b),
      ([a, b]) => `${a}\t${b}`,
    );
    expect(moves.size).toBeGreaterThan(0);

    const profileMoves = table('region_moves').filter((r) => r.kind === 'profiles');
    expect(profileMoves.map((r) => ({ from: r.from, to: r.to, value: r.value }))).toEqual(
      byCount(moves, new Map()).map((r) => {
        const [from, to] = r.key.split('\t');
        return { from, to, value: shown(r.value) };
      }),
    );
    // Whole organisations the generator moved to another region: their clusters must be the moves.
    const orgMoves = tally(now().changes!.organisationsMoved, (m) => `${m.fromRegion}\t${m.toRegion}`);
    expect(orgMoves.size).toBeGreaterThan(0);
    expect(table('region_moves').filter((r) => r.kind === 'clusters').map((r) => ({ from: r.from, to: r.to, value: r.value }))).toEqual(
      byCount(orgMoves, new Map()).map((r) => {
        const [from, to] = r.key.split('\t');
        return { from, to, value: shown(r.value) };
      }),
    );
  });

  it('gives new, continued and gone profiles, overall and per site', () => {
    const truth = diffWorlds(before(), now());
    const ids0 = new Set(before().profiles.map((p) => p.id));
    const continued = now().profiles.filter((p) => ids0.has(p.id)).length;
    const site = new Map([...before().profiles, ...now().profiles].map((p) => [p.id, p.siteId]));
    const opened = new Set(truth.sitesOpened);
    const closed = new Set(truth.sitesClosed);
    const count = (ids: string[], pred: (siteId: string) => boolean) => ids.filter((id) => pred(site.get(id)!)).length;
    expect(table('profile_changes')).toEqual([
      {
        new: count(truth.appeared, (s) => !opened.has(s)),
        continued,
        gone: count(truth.disappeared, (s) => !closed.has(s)),
        on_opened_sites: count(truth.appeared, (s) => opened.has(s)),
        on_closed_sites: count(truth.disappeared, (s) => closed.has(s)),
        unknown: 0,
      },
    ]);
    for (const row of table('profile_changes_by_site')) {
      const id = row.site as string;
      const mine = (ids: string[]) => ids.filter((x) => site.get(x) === id).length;
      const cont = now().profiles.filter((p) => p.siteId === id && ids0.has(p.id)).length;
      expect(row, id).toMatchObject({
        new: shown(opened.has(id) ? 0 : mine(truth.appeared)),
        continued: shown(cont),
        gone: shown(closed.has(id) ? 0 : mine(truth.disappeared)),
        on_opened_sites: shown(opened.has(id) ? mine(truth.appeared) : 0),
        on_closed_sites: shown(closed.has(id) ? mine(truth.disappeared) : 0),
        unknown: 0,
      });
    }
  });

  it('gives the data quality figures and fill rates per site', () => {
    const q = (w: NationalWorld) => ({
      unresolved_locations: 0,
      no_location: 0,
      missing_age: w.profiles.filter((p) => p.age === null).length,
      unknown_gender: 0,
      no_phone: w.profiles.filter((p) => p.phones.length === 0).length,
      minor_cues: w.profiles.filter((p) => p.minorCue).length,
    });
    const rows = table('data_quality');
    for (const [name, v] of Object.entries(q(now()))) expect(metric(rows, name), name).toMatchObject({ value: v, compare_value: q(before())[name as keyof ReturnType<typeof q>] });
    expect(q(now()).missing_age + q(now()).minor_cues).toBeGreaterThan(0);
    const fill = table('fill_rates');
    expect(fill.map((r) => r.site)).toEqual(now().sites.map((s) => s.id).sort());
    for (const row of fill) {
      const members = now().profiles.filter((p) => p.siteId === row.site);
      const hidden = members.length > 0 && members.length < LIMIT;
      const rate = (n: number) => (hidden ? null : share(n, members.length));
      expect(row).toMatchObject({
        profiles: shown(members.length),
        with_age: rate(members.filter((p) => p.age !== null).length),
        with_gender: rate(members.length),
        with_location: rate(members.length),
        with_phone: rate(members.filter((p) => p.phones.length > 0).length),
      });
    }
    expect(table('alerts')).toEqual([]);
  });

  it('gives a police region its own figures: its profiles, their gender, what is new and gone there', () => {
    const rows = (id: string): Row[] => regional.sections.flatMap((x) => x.tables).find((t) => t.id === id)!.rows;
    const inSyd = (w: NationalWorld) => w.profiles.filter((p) => p.policeRegion === 'Syd');
    expect(regional.region).toBe('Syd');
    expect(inSyd(now()).length).toBeGreaterThan(20);
    expect(metric(rows('overview'), 'profiles')).toMatchObject({ value: inSyd(now()).length, compare_value: inSyd(before()).length });
    const g = tally(inSyd(now()), (p) => p.gender);
    for (const row of rows('gender')) expect(row.profiles, String(row.gender)).toBe(shown(g.get(row.gender as string) ?? 0));
    expect(rows('police_regions').map((r) => r.police_region)).toEqual(['Syd']);
    // New: in Syd now and in no earlier snapshot; gone: in Syd before and nowhere now (all sites read in full).
    const ids0 = new Set(before().profiles.map((p) => p.id));
    const ids1 = new Set(now().profiles.map((p) => p.id));
    const truth = diffWorlds(before(), now());
    const opened = new Set(truth.sitesOpened);
    const closed = new Set(truth.sitesClosed);
    expect(rows('profile_changes')[0]).toMatchObject({
      new: inSyd(now()).filter((p) => !ids0.has(p.id) && !opened.has(p.siteId)).length,
      continued: inSyd(now()).filter((p) => ids0.has(p.id)).length,
      gone: inSyd(before()).filter((p) => !ids1.has(p.id) && !closed.has(p.siteId)).length,
    });
    for (const row of rows('region_moves')) expect([row.from, row.to]).toContain('Syd');
  });
});
