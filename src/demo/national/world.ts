// The national synthetic web (issue #4): 46 made-up sites and ~13,000 made-up profiles calibrated
// to the 2025 national mapping (calibration.ts), generated from a seed so every machine sees the
// same web. A later year is the base year's web after that many years of churn (churn.ts), so
// consecutive mappings can be compared with a known truth of what changed.

import { Rng, subSeed } from '../random.ts';
import { Builder } from './builder.ts';
import { BASE_YEAR, MAPPING_DAY, PROFILE_COUNT, SITE_COUNT } from './calibration.ts';
import { applyYear } from './churn.ts';
import { plantMinorCues } from './minor-cues.ts';
import type { NationalWorld, WorldChanges } from './types.ts';

export interface NationalWorldOptions {
  seed: number;
  sites?: number;
  profiles?: number;
  year?: number;
  /** YYYY-MM-DD; its year wins over `year`. */
  date?: string;
}

/** A year further than this is almost certainly a mistake (and would take a while). */
const MAX_YEARS = 30;

function buildBase(b: Builder, sites: number, profiles: number): void {
  b.buildSites(b.rng, sites, BASE_YEAR);
  let orgProfiles = 0;
  const orgTarget = b.organisationTarget(profiles);
  while (orgProfiles + 3 <= orgTarget) {
    orgProfiles += b.addOrganisation(b.rng, Math.min(b.organisationSize(b.rng), orgTarget - orgProfiles), BASE_YEAR).length;
  }
  while (b.profiles.length < profiles) b.addIndependent(b.rng, BASE_YEAR);
  plantMinorCues(b, b.rng, b.profiles);
  for (const p of b.profiles) b.writeReviews(p);
  b.ties.assign(b.profiles, b.profiles, b.organisations);
}

/** The web as mapped in `year` (or on `date`). Same options, same world. */
export function generateNationalWorld(opts: NationalWorldOptions): NationalWorld {
  const seed = Math.trunc(opts.seed) >>> 0;
  const sites = Math.trunc(opts.sites ?? SITE_COUNT);
  const profiles = Math.trunc(opts.profiles ?? PROFILE_COUNT);
  if (opts.date !== undefined && !/^\d{4}-\d{2}-\d{2}$/.test(opts.date)) throw new RangeError(`date must be YYYY-MM-DD, got ${opts.date}`);
  const year = opts.date ? Number(opts.date.slice(0, 4)) : Math.trunc(opts.year ?? BASE_YEAR);
  if (!(year >= BASE_YEAR && year <= BASE_YEAR + MAX_YEARS)) throw new RangeError(`year must be ${BASE_YEAR}-${BASE_YEAR + MAX_YEARS}, got ${year}`);
  if (!(sites >= 4 && profiles >= sites)) throw new RangeError(`need at least 4 sites and as many profiles as sites (got ${sites} sites, ${profiles} profiles)`);

  const b = new Builder(seed, new Rng(seed));
  buildBase(b, sites, profiles);
  let changes: WorldChanges | null = null;
  for (let y = BASE_YEAR + 1; y <= year; y++) changes = applyYear(b, new Rng(subSeed(seed, y)), y);

  return {
    seed,
    year,
    date: opts.date ?? `${year}-${MAPPING_DAY}`,
    sites: b.sites.map((s) => ({ ...s })),
    profiles: b.profiles.map((p) => ({
      ...p,
      phones: [...p.phones],
      reviews: p.reviews.map((r) => ({ ...r })),
      photo: p.photo && { ...p.photo },
      contacts: p.contacts.map((c) => ({ ...c })),
    })),
    organisations: b.organisations.map((o) => ({
      ...o,
      phones: [...o.phones],
      siteIds: [...o.siteIds],
      contacts: o.contacts.map((c) => ({ ...c })),
      photoSeeds: [...o.photoSeeds],
    })),
    collisionNumbers: [...b.pool.shared].sort(),
    changes,
  };
}
