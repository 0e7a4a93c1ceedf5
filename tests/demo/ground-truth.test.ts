import { describe, expect, it } from 'vitest';
import { canonicalUrl } from '../../src/extract/url.ts';
import { generateDemoWorld } from '../../src/demo/generator.ts';
import { groundTruthFor } from '../../src/demo/ground-truth.ts';
import { SITE_SERVICE_NUMBERS } from '../../src/demo/phones.ts';

const BASES = { 'demo-stad': 'http://127.0.0.1:5001', 'demo-annons': 'http://127.0.0.1:5002', 'demo-tabell': 'http://127.0.0.1:5003' };
const world = generateDemoWorld({ seed: 2025, epoch: 0 });
const truth = groundTruthFor(world, BASES);

describe('groundTruthFor', () => {
  it('has one record per profile, each at its own canonical URL on its site', () => {
    expect(truth).toHaveLength(world.profiles.length);
    expect(new Set(truth.map((t) => t.url)).size).toBe(truth.length);
    for (const t of truth) {
      expect(canonicalUrl(t.url)).toBe(t.url);
      expect(t.url.startsWith(`${BASES[t.siteId as keyof typeof BASES]}/`)).toBe(true);
    }
  });

  it('states ids, genders, places and sorted unique E.164 numbers', () => {
    for (const t of truth) {
      expect(t.externalId).toMatch(/^\d+$/);
      expect(['woman', 'man', 'trans']).toContain(t.gender);
      expect(t.locationText).toBeTruthy();
      expect(t.kommunCode).toMatch(/^\d{4}$/);
      expect(t.phones).toEqual([...new Set(t.phones)].sort());
      for (const p of t.phones) expect(p).toMatch(/^\+\d{8,15}$/);
      for (const s of SITE_SERVICE_NUMBERS) expect(t.phones).not.toContain(s);
    }
  });

  it('leaves out sites without a base URL', () => {
    const only = groundTruthFor(world, { 'demo-annons': BASES['demo-annons'] });
    expect(only.length).toBe(world.profiles.filter((p) => p.siteId === 'demo-annons').length);
    expect(new Set(only.map((t) => t.siteId))).toEqual(new Set(['demo-annons']));
  });

  it('is sorted by site and URL', () => {
    const keys = truth.map((t) => `${t.siteId} ${t.url}`);
    expect(keys).toEqual([...keys].sort());
  });
});
