// One year later: the same web after a year of churn. Ads disappear and appear, some independents
// move town, some organisations move every ad to another police region ("rolling exploitation"),
// organisations stop and start, sites grow and shrink, one closes and one opens. Everything that
// is changed is logged, and the log is the ground truth diffWorlds must reproduce.

import type { Rng } from '../random.ts';
import type { Builder } from './builder.ts';
import { ORGANISATION_SIZE, YEARLY } from './calibration.ts';
import { plantMinorCues } from './minor-cues.ts';
import { LAYOUTS, type NationalProfile, type WorldChanges } from './types.ts';

function normal(rng: Rng): number {
  const u = 1 - rng.float();
  return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * rng.float());
}

function closeSites(b: Builder, rng: Rng, changes: WorldChanges): void {
  // The three largest sites and the review sites are established: small and mid-sized sites close.
  const byWeight = [...b.sites].sort((x, y) => y.weight - x.weight);
  const candidates = byWeight.slice(3).filter((s) => !s.reviews);
  for (const site of rng.shuffle(candidates).slice(0, YEARLY.sitesClosed)) {
    b.sites.splice(b.sites.indexOf(site), 1);
    changes.sitesClosed.push(site.id);
    for (const org of b.organisations) {
      org.siteIds = org.siteIds.filter((id) => id !== site.id);
      if (org.siteIds.length === 0) org.siteIds.push(b.pickSite(rng).id);
    }
  }
}

function openSites(b: Builder, rng: Rng, year: number, changes: WorldChanges): void {
  const weights = b.sites.map((s) => s.weight).sort((x, y) => x - y);
  const median = weights[Math.floor(weights.length / 2)] ?? 0.05;
  for (let i = 0; i < YEARLY.sitesOpened; i++) {
    const site = b.addSite(rng, median, year, rng.pick(LAYOUTS), false);
    changes.sitesOpened.push(site.id);
    // A new site draws some organisations: they add it to where they advertise.
    for (const org of b.organisations) if (rng.chance(0.1) && !org.siteIds.includes(site.id)) org.siteIds.push(site.id);
  }
}

/** Applies one year's churn to the builder; returns what it changed. */
export function applyYear(b: Builder, rng: Rng, year: number): WorldChanges {
  const changes: WorldChanges = { appeared: [], disappeared: [], moved: [], organisationsMoved: [], sitesOpened: [], sitesClosed: [] };
  const before = b.profiles.length;
  b.pool.openYear();

  for (const s of b.sites) s.weight *= Math.exp(YEARLY.siteSizeSigma * normal(rng));
  closeSites(b, rng, changes);
  openSites(b, rng, year, changes);
  const live = new Set(b.sites.map((s) => s.id));

  const kept: NationalProfile[] = [];
  const drop = (p: NationalProfile) => changes.disappeared.push(p.id);
  const move = (p: NationalProfile, to: ReturnType<Builder['pickPlace']>) => {
    const from = p.kommunCode;
    b.relocate(rng, p, to);
    changes.moved.push({ profileId: p.id, fromKommun: from, toKommun: p.kommunCode });
  };

  // Organisations: some stop (their ads go, their lines are freed), a share move region.
  const members = new Map<string, NationalProfile[]>();
  for (const p of b.profiles) if (p.organisationId) members.set(p.organisationId, [...(members.get(p.organisationId) ?? []), p]);
  const surviving = b.organisations.filter(() => rng.chance(YEARLY.organisationSurvival));
  const movers = new Set(surviving.filter(() => rng.chance(YEARLY.organisationMoveShare)));
  // Issue #4: "rolling exploitation" must show in every year's truth.
  if (movers.size === 0 && surviving.length > 0) movers.add(surviving[0]!);
  const survivingSet = new Set(surviving);
  for (const org of b.organisations) if (!survivingSet.has(org)) for (const line of org.phones) b.pool.release(line);
  for (const org of movers) {
    // Weighted like any ad, so organisations move mostly towards the big cities too.
    let target = b.pickPlace(rng);
    for (let i = 0; i < 20 && target.policeRegion === org.policeRegion; i++) target = b.pickPlace(rng);
    if (target.policeRegion === org.policeRegion) target = b.places.find((p) => p.policeRegion !== org.policeRegion)!;
    changes.organisationsMoved.push({ organisationId: org.id, fromRegion: org.policeRegion, toRegion: target.policeRegion });
    org.homeLocality = target.locality;
    org.homeKommunCode = target.kommunCode;
    org.policeRegion = target.policeRegion;
  }
  const orgById = new Map(b.organisations.map((o) => [o.id, o]));

  for (const p of b.profiles) {
    if (!live.has(p.siteId)) {
      drop(p);
      continue;
    }
    if (p.organisationId) {
      const org = orgById.get(p.organisationId)!;
      if (!survivingSet.has(org) || !rng.chance(YEARLY.memberSurvival)) {
        drop(p);
        continue;
      }
      // Members are re-placed only when the whole organisation moved, and then all of them,
      // inside the new region, so every member's kommun and region change.
      if (movers.has(org)) {
        // A touring member may already be in the new region: it still moves, to another kommun there.
        const to = b.memberPlace(rng, org, true);
        move(p, to.kommunCode === p.kommunCode ? b.pickPlace(rng, org.policeRegion, p.kommunCode) : to);
      }
      kept.push(p);
      continue;
    }
    if (!rng.chance(YEARLY.independentSurvival)) {
      drop(p);
      continue;
    }
    if (rng.chance(YEARLY.independentMoveShare)) move(p, b.pickPlace(rng, undefined, p.kommunCode));
    kept.push(p);
  }
  b.profiles = kept;
  b.organisations = surviving;
  for (const org of surviving) org.siteIds = org.siteIds.filter((id) => live.has(id));

  // Surviving organisations drift in size but stay within 3-40.
  const total = Math.round(before * YEARLY.growth);
  const size = new Map<string, number>();
  for (const p of b.profiles) if (p.organisationId) size.set(p.organisationId, (size.get(p.organisationId) ?? 0) + 1);
  const fresh: NationalProfile[] = [];
  for (const org of surviving) {
    const old = members.get(org.id)?.length ?? 0;
    const target = Math.min(ORGANISATION_SIZE.max, Math.max(ORGANISATION_SIZE.min, Math.round(old * Math.exp(0.25 * normal(rng)))));
    for (let n = size.get(org.id) ?? 0; n < target; n++) {
      fresh.push(b.addMember(rng, org, year));
    }
  }
  let orgProfiles = b.profiles.filter((p) => p.organisationId).length;
  const orgTarget = b.organisationTarget(total);
  while (orgProfiles + ORGANISATION_SIZE.min <= orgTarget) {
    const added = b.addOrganisation(rng, Math.min(b.organisationSize(rng), orgTarget - orgProfiles), year);
    fresh.push(...added);
    orgProfiles += added.length;
  }
  while (b.profiles.length < total) fresh.push(b.addIndependent(rng, year));
  plantMinorCues(b, rng, fresh);
  for (const p of fresh) b.writeReviews(p);
  // Continuing ads keep their photos and contacts; only the new ones get theirs.
  b.ties.assign(fresh, b.profiles, b.organisations);

  b.updateVisitors();
  changes.appeared = fresh.map((p) => p.id);
  for (const list of [changes.appeared, changes.disappeared]) list.sort();
  changes.moved.sort((x, y) => (x.profileId < y.profileId ? -1 : 1));
  changes.organisationsMoved.sort((x, y) => (x.organisationId < y.organisationId ? -1 : 1));
  return changes;
}
