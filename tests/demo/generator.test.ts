import { describe, expect, it } from 'vitest';
import { DEMO_SITE_IDS, generateDemoWorld, type DemoWorld } from '../../src/demo/generator.ts';

const SEEDS = [2025, 11, 7, 1, 42];
const worlds = SEEDS.map((seed) => generateDemoWorld({ seed, epoch: 0 }));
const share = (w: DemoWorld, pred: (p: DemoWorld['profiles'][number]) => boolean) => w.profiles.filter(pred).length / w.profiles.length;

describe('generateDemoWorld: determinism', () => {
  it('gives the same world for the same seed and epoch', () => {
    expect(generateDemoWorld({ seed: 11, epoch: 0 })).toEqual(generateDemoWorld({ seed: 11, epoch: 0 }));
    expect(generateDemoWorld({ seed: 11, epoch: 1 })).toEqual(generateDemoWorld({ seed: 11, epoch: 1 }));
  });

  it('gives a different world for a different seed', () => {
    const a = generateDemoWorld({ seed: 11, epoch: 0 });
    const b = generateDemoWorld({ seed: 12, epoch: 0 });
    expect(JSON.stringify(a.profiles)).not.toBe(JSON.stringify(b.profiles));
  });

  it('rejects epochs that are not a small non-negative integer', () => {
    expect(() => generateDemoWorld({ seed: 1, epoch: -1 })).toThrow(RangeError);
    expect(() => generateDemoWorld({ seed: 1, epoch: Number.NaN })).toThrow(RangeError);
    expect(() => generateDemoWorld({ seed: 1, epoch: 1000 })).toThrow(RangeError);
  });
});

describe('generateDemoWorld: distributions', () => {
  it('has a few hundred profiles over three sites', () => {
    for (const w of worlds) {
      expect(w.profiles.length).toBeGreaterThanOrEqual(250);
      expect(w.profiles.length).toBeLessThanOrEqual(350);
      for (const site of DEMO_SITE_IDS) expect(w.profiles.filter((p) => p.siteId === site).length).toBeGreaterThan(50);
    }
  });

  it('is mostly women, some men and trans people', () => {
    for (const w of worlds) {
      expect(share(w, (p) => p.gender === 'woman')).toBeGreaterThan(0.78);
      expect(share(w, (p) => p.gender === 'woman')).toBeLessThan(0.92);
      expect(share(w, (p) => p.gender === 'man')).toBeGreaterThan(0.04);
      expect(share(w, (p) => p.gender === 'man')).toBeLessThan(0.15);
      expect(share(w, (p) => p.gender === 'trans')).toBeGreaterThan(0.015);
      expect(share(w, (p) => p.gender === 'trans')).toBeLessThan(0.11);
    }
  });

  it('has ages mostly 20–40, peaking at 24–29, and a handful without age', () => {
    for (const w of worlds) {
      const stated = w.profiles.filter((p) => p.age !== null);
      const noAge = w.profiles.length - stated.length;
      expect(noAge).toBeGreaterThanOrEqual(1);
      expect(noAge).toBeLessThanOrEqual(20);
      expect(stated.every((p) => p.age! >= 18 && p.age! < 60)).toBe(true);
      expect(stated.filter((p) => p.age! >= 20 && p.age! <= 40).length / stated.length).toBeGreaterThan(0.85);
      expect(stated.filter((p) => p.age! >= 24 && p.age! <= 29).length / stated.length).toBeGreaterThan(0.35);
      const counts = new Map<number, number>();
      for (const p of stated) counts.set(p.age!, (counts.get(p.age!) ?? 0) + 1);
      const mode = [...counts].sort((a, b) => b[1] - a[1])[0]![0];
      expect(mode).toBeGreaterThanOrEqual(23);
      expect(mode).toBeLessThanOrEqual(30);
    }
  });

  it('places most ads in the three big cities, written in varied forms', () => {
    for (const w of worlds) {
      expect(share(w, (p) => ['0180', '1480', '1280'].includes(p.place.kommunCode))).toBeGreaterThan(0.55);
      expect(new Set(w.profiles.map((p) => p.place.kommunCode)).size).toBeGreaterThan(10);
    }
    const forms = new Set(worlds.flatMap((w) => w.profiles.map((p) => p.place.text)));
    for (const f of ['Stockholm', 'Sthlm', 'Göteborg', 'Gbg', 'Malmö', 'Malmö C', 'Möllevången']) expect(forms).toContain(f);
  });

  it('has 10–20 organisations sharing one number over 2–8 profiles, some across sites', () => {
    for (const w of worlds) {
      expect(w.organisations.length).toBeGreaterThanOrEqual(10);
      expect(w.organisations.length).toBeLessThanOrEqual(20);
      let acrossSites = 0;
      for (const org of w.organisations) {
        const members = w.profiles.filter((p) => p.orgId === org.id);
        expect(members.length).toBeGreaterThanOrEqual(2);
        expect(members.length).toBeLessThanOrEqual(8);
        expect(members.every((p) => p.phones.some((ph) => ph.e164 === org.phone.e164))).toBe(true);
        if (new Set(members.map((p) => p.siteId)).size > 1) acrossSites++;
      }
      expect(acrossSites).toBeGreaterThan(0);
      // Apart from organisations, every number belongs to one profile.
      const use = new Map<string, number>();
      for (const p of w.profiles) for (const ph of p.phones) use.set(ph.e164, (use.get(ph.e164) ?? 0) + 1);
      expect([...use.values()].filter((n) => n > 1).length).toBe(w.organisations.length);
    }
  });

  it('has a few profiles without a number and a few with two', () => {
    for (const w of worlds) {
      expect(w.profiles.filter((p) => p.phones.length === 0).length).toBeGreaterThanOrEqual(1);
      expect(w.profiles.filter((p) => p.phones.length === 2).length).toBeGreaterThanOrEqual(1);
      expect(w.profiles.filter((p) => p.phones.length === 0).length).toBeLessThan(w.profiles.length * 0.08);
    }
  });

  it('uses only numbers reserved for fiction, never the sites\' own service lines', () => {
    const fictional = [/^\+467017406(0[5-9]|[1-9]\d)$/, /^\+468465004([0-8]\d|9[0-6])$/, /^\+463139006\d\d$/, /^\+464062804\d\d$/, /^\+442079460\d{3}$/];
    for (const w of worlds) {
      for (const p of w.profiles) for (const ph of p.phones) expect(fictional.some((re) => re.test(ph.e164)), ph.e164).toBe(true);
    }
    const kinds = new Set(worlds.flatMap((w) => w.profiles.flatMap((p) => p.phones.map((ph) => ph.kind))));
    expect([...kinds].sort()).toEqual(['foreign', 'se-fixed', 'se-mobile']);
  });

  it('lists some ads on the per-city site under two cities', () => {
    for (const w of worlds) {
      const two = w.profiles.filter((p) => p.alsoListedIn !== null);
      expect(two.length).toBeGreaterThan(0);
      expect(two.every((p) => p.siteId === 'demo-stad' && p.alsoListedIn !== p.place.citySlug)).toBe(true);
    }
  });
});

describe('generateDemoWorld: epochs', () => {
  const key = (p: DemoWorld['profiles'][number]) => `${p.siteId}/${p.externalId}`;

  for (const seed of SEEDS) {
    it(`epoch 1 of seed ${seed} only removes and adds about a tenth`, () => {
      const e0 = generateDemoWorld({ seed, epoch: 0 });
      const e1 = generateDemoWorld({ seed, epoch: 1 });
      const before = new Map(e0.profiles.map((p) => [key(p), p]));
      const after = new Map(e1.profiles.map((p) => [key(p), p]));
      const removed = [...before.keys()].filter((k) => !after.has(k));
      const added = [...after.keys()].filter((k) => !before.has(k));
      expect(removed.length / e0.profiles.length).toBeGreaterThan(0.05);
      expect(removed.length / e0.profiles.length).toBeLessThan(0.15);
      expect(added.length / e0.profiles.length).toBeGreaterThan(0.05);
      expect(added.length / e0.profiles.length).toBeLessThan(0.15);
      // The rest is exactly as it was.
      for (const [k, p] of after) {
        if (before.has(k)) expect(p).toEqual(before.get(k));
        else expect(p.bornEpoch).toBe(1);
      }
      expect(e1.profiles.map((p) => p.bornEpoch).filter((b) => b === 0).length).toBe(e0.profiles.length - removed.length);
    });
  }

  it('never reuses an id or a number of an ad that existed before', () => {
    const e0 = generateDemoWorld({ seed: 11, epoch: 0 });
    const e2 = generateDemoWorld({ seed: 11, epoch: 2 });
    const ids0 = new Set(e0.profiles.map(key));
    const phones0 = new Set(e0.profiles.filter((p) => !p.orgId).flatMap((p) => p.phones.map((ph) => ph.e164)));
    for (const p of e2.profiles.filter((x) => x.bornEpoch > 0)) {
      expect(ids0.has(key(p))).toBe(false);
      if (!p.orgId) for (const ph of p.phones) expect(phones0.has(ph.e164)).toBe(false);
    }
  });
});
