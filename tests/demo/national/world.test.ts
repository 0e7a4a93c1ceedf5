import { describe, expect, it } from 'vitest';
import { parsePhoneNumberFromString } from 'libphonenumber-js/max';
import { GENDER_SHARES, LARGE_SITE_VISITORS_MIN, LARGEST_SITE_VISITORS, MINOR_CUES, ORGANISATION_SIZE, SITE_COUNT } from '../../../src/demo/national/calibration.ts';
import { FOREIGN_FICTION_NUMBERS, SWEDISH_FICTION_NUMBERS, isFictionNumber } from '../../../src/demo/national/phones.ts';
import { LAYOUTS } from '../../../src/demo/national/types.ts';
import { generateNationalWorld } from '../../../src/demo/national/world.ts';
import { ageBand, analyseAge } from '../../../src/normalise/age.ts';

// Generated once: the calibration checks all read the same 13,000-profile world.
const world = generateNationalWorld({ seed: 2025 });
const n = world.profiles.length;

function shares<T>(items: readonly T[], key: (t: T) => string): Map<string, number> {
  const m = new Map<string, number>();
  for (const t of items) m.set(key(t), (m.get(key(t)) ?? 0) + 1);
  return new Map([...m].map(([k, v]) => [k, v / items.length]));
}

describe('national world: determinism', () => {
  it('is the same for the same seed and differs for another', () => {
    const small = (seed: number) => generateNationalWorld({ seed, profiles: 1500, sites: 12 });
    expect(small(7)).toEqual(small(7));
    expect(small(8).profiles.map((p) => p.phones)).not.toEqual(small(7).profiles.map((p) => p.phones));
  });

  it('generates 13,000 profiles quickly', () => {
    const t = performance.now();
    generateNationalWorld({ seed: 3 });
    expect(performance.now() - t).toBeLessThan(3000);
  });

  it('refuses a year before the base year and a malformed date', () => {
    expect(() => generateNationalWorld({ seed: 1, year: 2024 })).toThrow(RangeError);
    expect(() => generateNationalWorld({ seed: 1, date: '2026-3-1' })).toThrow(RangeError);
  });
});

describe('national world: calibration to the 2025 mapping', () => {
  it('has 13,000 profiles with unique ids and unique (site, external id)', () => {
    expect(n).toBe(13_000);
    expect(new Set(world.profiles.map((p) => p.id)).size).toBe(n);
    expect(new Set(world.profiles.map((p) => `${p.siteId}/${p.externalId}`)).size).toBe(n);
  });

  it('has 85 % women, 9 % men and 6 % trans people (±1.5 points)', () => {
    const g = shares(world.profiles, (p) => p.gender);
    for (const [gender, share] of Object.entries(GENDER_SHARES)) expect(Math.abs((g.get(gender) ?? 0) - share)).toBeLessThan(0.015);
    expect([...g.keys()].sort()).toEqual(['man', 'trans', 'woman']);
  });

  it('has 24-29 as the most common stated-age band', () => {
    const bands = [...shares(world.profiles, (p) => ageBand(p.age))].sort((a, b) => b[1] - a[1]);
    expect(bands[0]![0]).toBe('24-29');
  });

  it('places ads in about 200 localities in all seven police regions, most in the three metro regions', () => {
    expect(new Set(world.profiles.map((p) => p.locality)).size).toBeGreaterThanOrEqual(180);
    expect(new Set(world.profiles.map((p) => p.locality)).size).toBeLessThanOrEqual(220);
    const regions = [...shares(world.profiles, (p) => p.policeRegion)].sort((a, b) => b[1] - a[1]);
    expect(regions).toHaveLength(7);
    expect(regions.slice(0, 3).map(([r]) => r).sort()).toEqual(['Stockholm', 'Syd', 'Väst']);
    // A place's codes agree with each other: same kommun, same län and region every time.
    const byKommun = new Map<string, string>();
    for (const p of world.profiles) {
      expect(p.kommunCode.slice(0, 2)).toBe(p.lanCode);
      const key = `${p.lanCode}/${p.policeRegion}`;
      expect(byKommun.get(p.kommunCode) ?? key).toBe(key);
      byKommun.set(p.kommunCode, key);
    }
  });

  it('has 46 sites with long-tailed sizes and visitor numbers like the largest sites', () => {
    expect(world.sites).toHaveLength(SITE_COUNT);
    const sizes = [...shares(world.profiles, (p) => p.siteId).values()].sort((a, b) => b - a);
    expect(sizes).toHaveLength(SITE_COUNT);
    expect(sizes[0]!).toBeGreaterThan(0.15);
    expect(sizes.slice(0, 5).reduce((s, x) => s + x, 0)).toBeGreaterThan(0.45);
    expect(sizes.at(-1)!).toBeLessThan(0.01);
    const visitors = world.sites.map((s) => s.monthlyVisitors).sort((a, b) => b - a);
    expect(visitors[0]!).toBeLessThanOrEqual(LARGEST_SITE_VISITORS);
    expect(visitors.filter((v) => v >= LARGE_SITE_VISITORS_MIN).length).toBeGreaterThanOrEqual(2);
    expect(visitors.at(-1)!).toBeLessThan(10_000);
  });

  it('uses every layout, both languages, and gives three sites a review section', () => {
    expect(new Set(world.sites.map((s) => s.layout))).toEqual(new Set(LAYOUTS));
    expect(new Set(world.sites.map((s) => s.language))).toEqual(new Set(['sv', 'en']));
    expect(world.sites.filter((s) => s.reviews)).toHaveLength(3);
    expect(new Set(world.sites.map((s) => s.name)).size).toBe(SITE_COUNT);
  });

  it('has organisations of 3-40 profiles behind exclusive shared lines, some over several sites and localities', () => {
    const members = new Map<string, typeof world.profiles>();
    for (const p of world.profiles) if (p.organisationId) members.set(p.organisationId, [...(members.get(p.organisationId) ?? []), p]);
    expect(members.size).toBe(world.organisations.length);
    const lineOwner = new Map<string, string>();
    for (const org of world.organisations) {
      const ms = members.get(org.id)!;
      expect(ms.length).toBeGreaterThanOrEqual(ORGANISATION_SIZE.min);
      expect(ms.length).toBeLessThanOrEqual(ORGANISATION_SIZE.max);
      for (const m of ms) for (const ph of m.phones) expect(org.phones).toContain(ph);
      for (const line of org.phones) lineOwner.set(line, org.id);
    }
    // No profile outside an organisation shows one of its lines.
    for (const p of world.profiles) for (const ph of p.phones) if (lineOwner.has(ph)) expect(p.organisationId).toBe(lineOwner.get(ph));
    const spans = [...members.values()];
    expect(spans.filter((ms) => new Set(ms.map((m) => m.siteId)).size >= 2).length).toBeGreaterThan(20);
    expect(spans.filter((ms) => new Set(ms.map((m) => m.locality)).size >= 3).length).toBeGreaterThan(20);
    expect(spans.filter((ms) => new Set(ms.map((m) => m.siteId)).size >= 2 && new Set(ms.map((m) => m.policeRegion)).size >= 2).length).toBeGreaterThan(5);
    expect(Math.max(...spans.map((ms) => ms.length))).toBeGreaterThanOrEqual(30);
  });

  it('has about 10 % foreign numbers (±2 points), some ads without a phone and some with two', () => {
    const phoned = world.profiles.filter((p) => p.phones.length > 0);
    const foreign = phoned.filter((p) => p.phones.some((ph) => !ph.startsWith('+46'))).length / phoned.length;
    expect(Math.abs(foreign - 0.1)).toBeLessThan(0.02);
    const none = (n - phoned.length) / n;
    const two = world.profiles.filter((p) => p.phones.length === 2).length / n;
    expect(none).toBeGreaterThan(0.01);
    expect(none).toBeLessThan(0.06);
    expect(two).toBeGreaterThan(0.01);
    expect(two).toBeLessThan(0.08);
    for (const p of world.profiles) expect(new Set(p.phones).size).toBe(p.phones.length);
  });

  it('flags a handful of minors cues, each one found by the age normaliser and no other', () => {
    const cues = world.profiles.filter((p) => p.minorCue);
    expect(cues).toHaveLength(MINOR_CUES.statedAge + MINOR_CUES.phrase);
    expect(cues.filter((p) => p.age !== null && p.age < 18)).toHaveLength(MINOR_CUES.statedAge);
    expect(world.profiles.filter((p) => !p.minorCue && p.age !== null && p.age < 18)).toHaveLength(0);
    const observedAt = new Date(world.date);
    for (const p of cues) {
      expect(p.minorCueEvidence).not.toBeNull();
      const info = analyseAge(null, { observedAt, context: [p.description] });
      expect(info.minorCue, p.description).toBe(true);
    }
    // Ordinary ads must not trip the cue list (a sample keeps the test quick).
    for (const p of world.profiles.filter((x) => !x.minorCue).slice(0, 1500)) {
      expect(analyseAge(null, { observedAt, context: [p.description] }).minorCue, p.description).toBe(false);
    }
  });

  it('writes each profile’s age, place and every phone into its description', () => {
    for (const p of world.profiles) {
      expect(p.description).toContain(p.locality);
      if (p.age !== null) expect(p.description).toContain(String(p.age));
      const digits = p.description.replace(/\D/g, '');
      for (const ph of p.phones) expect(digits).toContain(ph.slice(3));
    }
  });
});

describe('national world: telephone numbers', () => {
  it('uses numbers the project phone normaliser keeps', async () => {
    const { findPhonesInText } = await import('../../../src/normalise/phone.ts');
    for (const p of world.profiles.slice(0, 2000)) {
      const found = findPhonesInText(p.description).map((f) => f.e164).sort();
      expect(found, p.description).toEqual([...p.phones].sort());
    }
  });

  it('uses only fiction-range numbers, each valid for libphonenumber', () => {
    for (const e164 of [...SWEDISH_FICTION_NUMBERS, ...FOREIGN_FICTION_NUMBERS]) {
      const parsed = parsePhoneNumberFromString(e164);
      expect(parsed?.isValid(), e164).toBe(true);
      expect(parsed?.number).toBe(e164);
    }
    expect(SWEDISH_FICTION_NUMBERS).toHaveLength(495);
    for (const p of world.profiles) for (const ph of p.phones) expect(isFictionNumber(ph), ph).toBe(true);
  });

  it('keeps collisions to independents, in fixed pairs of shared numbers that never chain', async () => {
    const { phoneClusters } = await import('../../../src/eval/clusters.ts');
    const collision = new Set(world.collisionNumbers);
    expect(collision.size).toBe(120);
    for (const o of world.organisations) for (const line of o.phones) expect(collision.has(line)).toBe(false);
    for (const p of world.profiles) {
      if (p.organisationId === null) for (const ph of p.phones) if (ph.startsWith('+46')) expect(collision.has(ph)).toBe(true);
    }
    // Without the collision list a shared-phone clustering over-merges, but in bounded groups.
    const sizes = new Map<string, number>();
    for (const label of phoneClusters(world.profiles.map((p) => p.phones))) if (label) sizes.set(label, (sizes.get(label) ?? 0) + 1);
    expect(Math.max(...sizes.values())).toBeLessThan(500);
  });

  it('parses every written form back to the same number', async () => {
    const { writePhone } = await import('../../../src/demo/national/phones.ts');
    const sample = [...SWEDISH_FICTION_NUMBERS.filter((_, i) => i % 20 === 0), ...FOREIGN_FICTION_NUMBERS.filter((_, i) => i % 997 === 0)];
    for (const e164 of sample) {
      for (let style = 0; style < 8; style++) {
        const written = writePhone(e164, style);
        expect(parsePhoneNumberFromString(written, 'SE')?.number, written).toBe(e164);
      }
    }
  });
});
