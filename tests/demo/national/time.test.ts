import { describe, expect, it } from 'vitest';
import { diffWorlds } from '../../../src/demo/national/diff.ts';
import { ORGANISATION_SIZE } from '../../../src/demo/national/calibration.ts';
import { isFictionNumber } from '../../../src/demo/national/phones.ts';
import { generateNationalWorld } from '../../../src/demo/national/world.ts';

// Generated once: consecutive mappings of the same web.
const y2025 = generateNationalWorld({ seed: 11 });
const y2026 = generateNationalWorld({ seed: 11, year: 2026 });
const diff = diffWorlds(y2025, y2026);

describe('national world over time', () => {
  it('keeps the base year as it is when a later year is generated', () => {
    expect(generateNationalWorld({ seed: 11, year: 2025 })).toEqual(y2025);
    expect(y2025.changes).toBeNull();
    expect(y2026.date).toBe('2026-03-01');
    expect(generateNationalWorld({ seed: 11, date: '2026-09-15' }).profiles).toEqual(y2026.profiles);
  });

  it('shows profiles appearing, disappearing and moving, and the surviving ones unchanged otherwise', () => {
    expect(diff.appeared.length).toBeGreaterThan(1000);
    expect(diff.disappeared.length).toBeGreaterThan(1000);
    expect(diff.moved.length).toBeGreaterThan(100);
    const before = new Map(y2025.profiles.map((p) => [p.id, p]));
    const moved = new Set(diff.moved.map((m) => m.profileId));
    for (const p of y2026.profiles) {
      const old = before.get(p.id);
      if (!old) continue;
      expect(p.siteId).toBe(old.siteId);
      expect(p.externalId).toBe(old.externalId);
      expect(p.phones).toEqual(old.phones);
      if (!moved.has(p.id)) expect(p).toEqual(old);
    }
  });

  it('moves whole organisations to another police region', () => {
    expect(diff.organisationsMoved.length).toBeGreaterThanOrEqual(1);
    const before = new Map(y2025.profiles.map((p) => [p.id, p]));
    for (const m of diff.organisationsMoved) {
      expect(m.toRegion).not.toBe(m.fromRegion);
      const stayed = y2026.profiles.filter((p) => p.organisationId === m.organisationId && before.has(p.id));
      for (const p of stayed) {
        expect(p.policeRegion).toBe(m.toRegion);
        expect(before.get(p.id)!.kommunCode).not.toBe(p.kommunCode);
      }
    }
    // At least one moved organisation kept ads, so the move is visible in the profiles themselves.
    expect(diff.organisationsMoved.some((m) => y2026.profiles.some((p) => p.organisationId === m.organisationId && before.has(p.id)))).toBe(true);
  });

  it('closes one site and opens a new one; the others grow or shrink', () => {
    expect(diff.sitesClosed).toHaveLength(1);
    expect(diff.sitesOpened).toHaveLength(1);
    expect(y2026.profiles.some((p) => p.siteId === diff.sitesOpened[0])).toBe(true);
    expect(y2026.profiles.some((p) => p.siteId === diff.sitesClosed[0])).toBe(false);
    expect(diff.sitesResized.some((s) => s.toProfiles > s.fromProfiles)).toBe(true);
    expect(diff.sitesResized.some((s) => s.toProfiles < s.fromProfiles)).toBe(true);
  });

  it('reports exactly the changes that were applied', () => {
    const log = y2026.changes!;
    expect(diff.appeared).toEqual(log.appeared);
    expect(diff.disappeared).toEqual(log.disappeared);
    expect(diff.moved).toEqual(log.moved);
    expect(diff.organisationsMoved).toEqual(log.organisationsMoved);
    expect(diff.sitesOpened).toEqual(log.sitesOpened);
    expect(diff.sitesClosed).toEqual(log.sitesClosed);
  });

  it('keeps the later year within the calibration rules', () => {
    const sizes = new Map<string, number>();
    for (const p of y2026.profiles) if (p.organisationId) sizes.set(p.organisationId, (sizes.get(p.organisationId) ?? 0) + 1);
    expect(sizes.size).toBe(y2026.organisations.length);
    for (const s of sizes.values()) {
      expect(s).toBeGreaterThanOrEqual(ORGANISATION_SIZE.min);
      expect(s).toBeLessThanOrEqual(ORGANISATION_SIZE.max);
    }
    const owner = new Map<string, string>();
    for (const o of y2026.organisations) for (const line of o.phones) owner.set(line, o.id);
    for (const p of y2026.profiles) {
      for (const ph of p.phones) {
        expect(isFictionNumber(ph)).toBe(true);
        if (owner.has(ph)) expect(p.organisationId).toBe(owner.get(ph));
      }
    }
    expect(y2026.profiles.filter((p) => p.minorCue)).toHaveLength(6);
    expect(new Set(y2026.profiles.map((p) => p.id)).size).toBe(y2026.profiles.length);
  });

  it('chains: 2027 follows from 2026', () => {
    const y2027 = generateNationalWorld({ seed: 11, year: 2027 });
    const d = diffWorlds(y2026, y2027);
    expect(d.appeared).toEqual(y2027.changes!.appeared);
    expect(d.moved).toEqual(y2027.changes!.moved);
    expect(d.sitesClosed).toHaveLength(1);
  });
});
