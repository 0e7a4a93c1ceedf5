import { describe, expect, it } from 'vitest';
import type { ExportRecord } from '../../src/model/export-record.ts';
import { pairScore, phoneClusters } from '../../src/eval/clusters.ts';
import { formatScorecard, scoreRun, type TruthProfile } from '../../src/eval/score.ts';
import { truthFromWorld } from '../../src/eval/truth.ts';
import { generateNationalWorld } from '../../src/demo/national/world.ts';

const A = '+46701740605';
const B = '+46701740606';
const C = '+46846500400';
const D = '+442079460001';

function truthProfile(id: string, over: Partial<TruthProfile> = {}): TruthProfile {
  return {
    site: 'nat-01', url: `https://nat-01.example/p/${id}`, externalId: id, age: 25, ageBand: '24-29', gender: 'woman',
    locality: 'Stockholm', kommunCode: '0180', lanCode: '01', policeRegion: 'Stockholm', phones: [], organisation: null, minorCue: false,
    ...over,
  };
}

/** The record a perfect run would export for `t`. */
function recordOf(t: TruthProfile, over: Partial<ExportRecord> = {}): ExportRecord {
  return {
    site: t.site, url: t.url, externalId: t.externalId, observedAt: '2025-03-01T00:00:00Z', age: t.age, gender: t.gender,
    locality: t.locality, kommunCode: t.kommunCode, lanCode: t.lanCode, policeRegion: t.policeRegion, phones: [...t.phones],
    clusterId: t.organisation, firstSeen: '2025-03-01T00:00:00Z', lastSeen: '2025-03-01T00:00:00Z', ageBand: t.ageBand,
    minorCue: t.minorCue, lat: null, lon: null, contacts: [], combinedClusterId: null, ...over,
  };
}

// Two organisations (x: p1-p3 on line A; y: p4-p5 on line B) and two independents.
const truth: TruthProfile[] = [
  truthProfile('1', { phones: [A], organisation: 'x' }),
  truthProfile('2', { phones: [A], organisation: 'x' }),
  truthProfile('3', { phones: [A], organisation: 'x' }),
  truthProfile('4', { phones: [B], organisation: 'y', site: 'nat-02', url: 'https://nat-02.example/p/4' }),
  truthProfile('5', { phones: [B, D], organisation: 'y', site: 'nat-02', url: 'https://nat-02.example/p/5' }),
  truthProfile('6', { phones: [C], gender: 'man', age: null, ageBand: 'unknown', policeRegion: 'Väst', kommunCode: '1480', lanCode: '14', locality: 'Göteborg' }),
  truthProfile('7', { phones: [], age: 17, ageBand: 'under-18', minorCue: true }),
];

describe('scoreRun', () => {
  it('gives a perfect run full marks', () => {
    const s = scoreRun(truth.map((t) => recordOf(t)), truth);
    expect(s.profiles).toMatchObject({ truth: 7, run: 7, matched: 7, recall: 1, precision: 1, missing: [], unexpected: [] });
    for (const f of Object.values(s.fields)) expect(f).toEqual({ hits: 7, of: 7, rate: 1 });
    expect(s.phones).toEqual({ truePairs: 7, runPairs: 7, truthPairs: 7, precision: 1, recall: 1 });
    // 3 pairs in x, 1 in y.
    expect(s.clustering.predicted).toEqual({ truePairs: 4, predictedPairs: 4, truthPairs: 4, precision: 1, recall: 1, f1: 1 });
    expect(s.clustering.phoneBaseline.f1).toBe(1);
    for (const rows of Object.values(s.counts)) for (const r of rows) expect(r.run).toBe(r.truth);
  });

  it('counts missing and extra profiles, matching URLs canonically', () => {
    const records = [
      ...truth.slice(0, 5).map((t) => recordOf(t, { url: t.url.replace('https://nat-0', 'HTTPS://NAT-0') + '#top' })),
      recordOf(truthProfile('99')),
      recordOf(truth[0]!), // the same profile twice counts against precision
    ];
    const s = scoreRun(records, truth);
    expect(s.profiles.matched).toBe(5);
    expect(s.profiles.recall).toBeCloseTo(5 / 7);
    expect(s.profiles.precision).toBeCloseTo(5 / 7);
    expect(s.profiles.missing).toEqual([truth[5]!.url, truth[6]!.url]);
    expect(s.profiles.unexpected).toEqual(['https://nat-01.example/p/99', truth[0]!.url]);
    expect(s.counts.site.find((r) => r.key === 'nat-01')).toEqual({ key: 'nat-01', run: 5, truth: 5 });
  });

  it('scores each field over matched profiles only', () => {
    const records = truth.map((t, i) =>
      i === 0 ? recordOf(t, { age: 26, kommunCode: '0184', gender: null })
        : i === 1 ? recordOf(t, { policeRegion: 'Syd', lanCode: '12', locality: 'Malmö' })
          : i === 6 ? recordOf(t, { minorCue: false, ageBand: 'unknown', age: null })
            : recordOf(t),
    ).slice(0, 7);
    const s = scoreRun(records.filter((_, i) => i !== 2), truth); // p3 missing: not a field error
    expect(s.fields.age).toEqual({ hits: 4, of: 6, rate: 4 / 6 });
    expect(s.fields.ageBand).toEqual({ hits: 5, of: 6, rate: 5 / 6 });
    expect(s.fields.gender.hits).toBe(5);
    expect(s.fields.kommunCode.hits).toBe(5);
    expect(s.fields.lanCode.hits).toBe(5);
    expect(s.fields.policeRegion.hits).toBe(5);
    expect(s.fields.locality.hits).toBe(5);
    expect(s.fields.minorCue.hits).toBe(5);
    expect(s.counts.gender.find((r) => r.key === 'unknown')).toEqual({ key: 'unknown', run: 1, truth: 0 });
  });

  it('scores phones over (profile, number) pairs', () => {
    const records = truth.map((t, i) =>
      i === 4 ? recordOf(t, { phones: [B] }) // misses D
        : i === 5 ? recordOf(t, { phones: [C, '+46701740699'] }) // one extra
          : i === 6 ? recordOf(t, { phones: [A] }) // wrong: truth has none
            : recordOf(t),
    );
    const s = scoreRun(records, truth);
    // truth pairs 7; run pairs 8; right 6.
    expect(s.phones).toEqual({ truePairs: 6, runPairs: 8, truthPairs: 7, precision: 6 / 8, recall: 6 / 7 });
    expect(s.contacts).toBeNull(); // this truth says nothing of contacts
  });

  it('scores phone sets over matched profiles: equal sets only, no numbers equal to none', () => {
    const records = [
      recordOf(truth[0]!),
      recordOf(truth[1]!, { phones: [] }), // lost its number
      recordOf(truth[3]!, { phones: [B, C] }), // one too many
      recordOf(truth[4]!, { phones: [D, B, B] }), // the same set, written in another order and twice
      recordOf(truth[6]!), // no numbers, as the truth
      recordOf(truthProfile('99', { phones: [A] })), // not matched: not counted
    ];
    const s = scoreRun(records, truth);
    expect(s.phoneSets).toEqual({ hits: 3, of: 5, rate: 0.6 });
    expect(formatScorecard(s)).toMatch(/phone set\s+3\s+5\s+60\.0%/);
    expect(scoreRun([], truth).phoneSets).toEqual({ hits: 0, of: 0, rate: null });
  });

  it('scores contacts over (profile, contact) pairs when the truth knows them', () => {
    const withContacts = truth.map((t, i) => ({ ...t, contacts: i === 0 ? ['telegram:org_x_test'] : i === 1 ? ['telegram:org_x_test', 'email:x@x.example'] : [] }));
    const records = withContacts.map((t, i) =>
      i === 1 ? recordOf(t, { contacts: ['telegram:org_x_test'] }) // misses the address
        : i === 2 ? recordOf(t, { contacts: ['email:support@site.example'] }) // the site's footer address: wrong
          : recordOf(t, { contacts: t.contacts }),
    );
    const s = scoreRun(records, withContacts);
    expect(s.contacts).toEqual({ truePairs: 2, runPairs: 3, truthPairs: 3, precision: 2 / 3, recall: 2 / 3 });
    expect(formatScorecard(s)).toMatch(/\(profile, Telegram\/e-mail\)\s+2\s+3\s+3\s+66\.7%\s+66\.7%/);
  });

  it('scores merged and split clusters pairwise, with a shared-phone baseline', () => {
    // Merged: x and y reported as one cluster: 10 predicted pairs, 4 right.
    const merged = scoreRun(truth.map((t) => recordOf(t, { clusterId: t.organisation ? 'm' : null })), truth);
    expect(merged.clustering.predicted).toMatchObject({ truePairs: 4, predictedPairs: 10, truthPairs: 4, precision: 0.4, recall: 1 });
    expect(merged.clustering.predicted.f1).toBeCloseTo((2 * 0.4) / 1.4);

    // Split: x as {1,2} and {3}: 1 of x's 3 pairs, plus y's pair.
    const split = scoreRun(truth.map((t, i) => recordOf(t, { clusterId: i === 2 ? 'x2' : t.organisation })), truth);
    expect(split.clustering.predicted).toMatchObject({ truePairs: 2, predictedPairs: 2, truthPairs: 4, precision: 1, recall: 0.5 });
    expect(split.clustering.predicted.f1).toBeCloseTo(2 / 3);

    // No clustering: every profile its own cluster; nothing predicted, so precision is undefined.
    const none = scoreRun(truth.map((t) => recordOf(t, { clusterId: null })), truth);
    expect(none.clustering.predicted).toEqual({ truePairs: 0, predictedPairs: 0, truthPairs: 4, precision: null, recall: 0, f1: null });
    // The phone baseline still finds both organisations from the shared lines.
    expect(none.clustering.phoneBaseline.f1).toBe(1);

    // An independent showing an organisation's number: the baseline wrongly joins it to x.
    const leak = scoreRun(truth.map((t, i) => recordOf(t, i === 5 ? { phones: [A] } : {})), truth);
    expect(leak.clustering.phoneBaseline).toMatchObject({ truePairs: 4, predictedPairs: 7, precision: 4 / 7, recall: 1 });
  });

  it('lets the shared-phone baseline ignore collision numbers', () => {
    // Two unrelated independents happen to show the same number C.
    const records = truth.map((t, i) => recordOf(t, i === 6 ? { phones: [C] } : {}));
    expect(scoreRun(records, truth).clustering.phoneBaseline).toMatchObject({ truePairs: 4, predictedPairs: 5 });
    const s = scoreRun(records, truth, { baselineIgnoresPhones: [C] });
    expect(s.clustering.phoneBaseline).toMatchObject({ truePairs: 4, predictedPairs: 4, precision: 1, recall: 1 });
    // Phone precision still counts the number: p7 shows one the truth does not have.
    expect(s.phones.precision).toBeCloseTo(7 / 8);
  });

  it('prints a readable scorecard', () => {
    const text = formatScorecard(scoreRun(truth.slice(1).map((t) => recordOf(t, { clusterId: null })), truth));
    expect(text).toContain('Profiles');
    expect(text).toMatch(/recall\s+precision/);
    expect(text).toContain('85.7%');
    expect(text).toContain('shared-phone baseline');
    expect(text).toContain('By policeRegion');
    expect(text).toContain('Väst');
    expect(text).toMatch(/run clusters \(phones\)\s+-\s+0\.0%\s+-/);
  });
});

describe('pairScore and phoneClusters', () => {
  it('count pairs from cluster sizes', () => {
    expect(pairScore(['a', 'a', 'a', 'b', 'b'], ['x', 'x', 'y', 'y', 'y'])).toMatchObject({ truePairs: 2, predictedPairs: 4, truthPairs: 4 });
    expect(pairScore([null, null], [null, null])).toEqual({ truePairs: 0, predictedPairs: 0, truthPairs: 0, precision: null, recall: null, f1: null });
    expect(() => pairScore(['a'], [])).toThrow();
  });

  it('joins profiles through chains of shared numbers', () => {
    const labels = phoneClusters([[A], [A, B], [B], [C], []]);
    expect(labels[0]).toBe(labels[1]);
    expect(labels[1]).toBe(labels[2]);
    expect(labels[3]).not.toBe(labels[0]);
    expect(labels[4]).toBeNull();
  });
});

describe('truthFromWorld', () => {
  it('turns a national world into scorer truth that a perfect run matches', () => {
    const world = generateNationalWorld({ seed: 5, sites: 10, profiles: 800 });
    const truth = truthFromWorld(world, (site, id) => `https://${site}.example/profil/${id}`);
    expect(truth).toHaveLength(800);
    expect(truth.filter((t) => t.minorCue).every((t) => t.ageBand === 'under-18' || t.age === null || t.age >= 18)).toBe(true);
    const s = scoreRun(truth.map((t) => recordOf(t)), truth);
    expect(s.profiles.recall).toBe(1);
    expect(s.clustering.predicted.f1).toBe(1);
    expect(formatScorecard(s)).toContain('nat-01');
    // With the collision numbers ignored, shared phones recover the organisations without a false pair.
    const b = scoreRun(truth.map((t) => recordOf(t, { clusterId: null })), truth, { baselineIgnoresPhones: world.collisionNumbers }).clustering.phoneBaseline;
    expect(b.precision).toBe(1);
    expect(b.recall!).toBeGreaterThan(0.9);
  });
});
