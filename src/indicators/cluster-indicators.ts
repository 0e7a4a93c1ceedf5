// Indicators of a cluster (profiles linked by a shared phone; a profile without links is a cluster
// of one), from facts the caller computed and from its members' profile indicators. Pure: plain
// data in, plain data out.

import { capQuotes, count, countryList, uniqueQuotes } from './evidence.ts';
import { byCode, countryCode, indicator, isForeignCountry } from './profile-indicators.ts';
import type { Indicator, IndicatorCode } from './types.ts';

/** Where the cluster's profiles were, in one run. */
export interface RegionObservation {
  /** ISO date (or date-time) of the run. */
  date: string;
  /** Police regions of the cluster's profiles in that run; empty when it was not seen or not placed. */
  regions: readonly string[];
  /** Profiles per police region in that run; without it every region counts once. */
  counts?: Readonly<Record<string, number>>;
}

export interface ClusterIndicatorInput {
  /** Number of profiles in the cluster. */
  size: number;
  /** Site ids of its profiles (repeats allowed). */
  sites: readonly string[];
  /** Distinct phone numbers of the cluster. */
  phoneCount: number;
  /** ISO country of each foreign number of the cluster (repeats count). */
  foreignPhoneCountries: readonly string[];
  /** The cluster's police regions in earlier runs and the current one, oldest first; the last is the current run. */
  regionHistory: readonly RegionObservation[];
  /** How many members share a near-identical description with another member. */
  sameDescriptionGroups: number;
  /** Each member's profile indicators (profileIndicators). */
  memberIndicators: ReadonlyArray<ReadonlyArray<Indicator>>;
}

export interface ClusterIndicatorConfig {
  /** shared-phone is raised from this many profiles on (default 3). */
  sharedPhoneMinSize: number;
  /** moved-region looks at moves whose earlier observation is at most this many days before the current run (default 400). */
  movementWindowDays: number;
}

export const DEFAULT_CLUSTER_INDICATOR_CONFIG: Readonly<ClusterIndicatorConfig> = {
  sharedPhoneMinSize: 3,
  movementWindowDays: 400,
};

/** Member indicators that a cluster raises when any member does, with the count of members. */
export const AGGREGATED_CODES: readonly IndicatorCode[] = ['minor-cue', 'review-distress', 'third-party', 'constant-availability'];

// ---------------------------------------------------------------------------------------------
// Movement.

export interface RegionMove {
  from: { date: string; regions: string[] };
  to: { date: string; regions: string[] };
  /** Regions of `to` that `from` did not have. */
  arrived: string[];
}

const DAY_MS = 86_400_000;

function dayOf(date: string): number {
  const t = Date.parse(/^\d{4}-\d{2}-\d{2}$/u.test(date) ? `${date}T00:00:00Z` : date);
  if (Number.isNaN(t)) throw new RangeError(`regionHistory: "${date}" is not an ISO date`);
  return Math.floor(t / DAY_MS);
}

const shownDate = (date: string): string => date.slice(0, 10);

/** The regions where most of the cluster's profiles were (several on a tie). */
function principalRegions(o: RegionObservation, regions: string[]): string[] {
  const count = (r: string) => o.counts?.[r] ?? 1;
  const top = Math.max(...regions.map(count));
  return regions.filter((r) => count(r) === top).sort();
}

/**
 * Moves of a cluster between police regions within the window. Observations without a region are
 * skipped (not seen, or not placed), so each observation is compared with the last earlier one
 * that had a region. A move is a pair of such consecutive observations whose principal regions
 * (where most of the cluster's profiles were; all of them on a tie) have none in common: the
 * cluster's centre went elsewhere. A member touring another region while most stay home is no
 * move, nor is a cluster seen in one region only; a cluster that moved while leaving a member
 * behind is one. It counts when the earlier observation is at most `windowDays` days before the
 * current run (the last entry of `history`). History is put in date order first (stable for equal
 * dates).
 */
export function regionMoves(history: readonly RegionObservation[], windowDays: number): RegionMove[] {
  if (history.length === 0) return [];
  const dated = history.map((o, i) => ({ o, i, day: dayOf(o.date) })).sort((a, b) => a.day - b.day || a.i - b.i);
  const current = dated[dated.length - 1]!.day;
  const seen = dated
    .map((d) => {
      const regions = [...new Set(d.o.regions.filter((r) => r.trim() !== ''))];
      return { ...d, regions, principal: regions.length ? principalRegions(d.o, regions) : [] };
    })
    .filter((d) => d.regions.length > 0);
  const moves: RegionMove[] = [];
  for (let k = 1; k < seen.length; k++) {
    const a = seen[k - 1]!;
    const b = seen[k]!;
    if (b.principal.some((r) => a.principal.includes(r)) || current - a.day > windowDays) continue;
    moves.push({
      from: { date: shownDate(a.o.date), regions: a.principal },
      to: { date: shownDate(b.o.date), regions: b.principal },
      arrived: b.principal,
    });
  }
  return moves;
}

/** "Stockholm → Syd (2025-03-01 → 2026-03-01)". */
export function describeMove(m: RegionMove): string {
  return `${m.from.regions.join(', ')} → ${m.to.regions.join(', ')} (${m.from.date} → ${m.to.date})`;
}

// ---------------------------------------------------------------------------------------------

/**
 * The indicators of one cluster, in INDICATOR_CODES order:
 * - shared-phone: size ≥ sharedPhoneMinSize and at least one number;
 * - multi-site: profiles on two or more distinct sites;
 * - moved-region: at least one move within the window (regionMoves);
 * - foreign-phone: at least one foreign number (country other than SE);
 * - minor-cue, review-distress, third-party, constant-availability: any member raised it; the
 *   evidence counts the members and lists their quotes (at most five, then "… and N more");
 * - same-description: two or more members share a near-identical description.
 * Evidence is facts and quotes; phone numbers appear only as counts and country codes.
 */
export function clusterIndicators(
  input: ClusterIndicatorInput,
  config: Partial<ClusterIndicatorConfig> = {},
): Indicator[] {
  const { sharedPhoneMinSize, movementWindowDays } = { ...DEFAULT_CLUSTER_INDICATOR_CONFIG, ...config };
  const size = Math.max(input.size, input.memberIndicators.length);
  const out: Indicator[] = [];

  if (size >= sharedPhoneMinSize && size >= 2 && input.phoneCount >= 1) {
    const numbers = input.phoneCount === 1 ? 'one number' : `${input.phoneCount} numbers`;
    out.push(indicator('shared-phone', 'cluster', [`${size} profiles share ${numbers}`]));
  }

  const sites = [...new Set(input.sites.filter((s) => s.trim() !== ''))].sort();
  if (sites.length >= 2) {
    const shown = sites.length <= 5 ? sites.join(', ') : `${sites.slice(0, 5).join(', ')}, …`;
    out.push(indicator('multi-site', 'cluster', [`${sites.length} sites: ${shown}`]));
  }

  const moves = regionMoves(input.regionHistory, movementWindowDays);
  if (moves.length > 0) {
    out.push(indicator('moved-region', 'cluster', capQuotes(moves.map(describeMove))));
  }

  const foreign = input.foreignPhoneCountries.filter(isForeignCountry).map((c) => countryCode(c)!);
  if (foreign.length > 0) {
    const total = Math.max(input.phoneCount, foreign.length);
    out.push(indicator('foreign-phone', 'cluster', [`${foreign.length} of ${total} number${total === 1 ? '' : 's'} foreign: ${countryList(foreign)}`]));
  }

  for (const code of AGGREGATED_CODES) {
    const raised = input.memberIndicators.map((own) => own.filter((i) => i.code === code)).filter((own) => own.length > 0);
    if (raised.length === 0) continue;
    const quotes = uniqueQuotes(raised.flatMap((own) => own.flatMap((i) => i.evidence)));
    out.push(indicator(code, 'cluster', [`${raised.length} of ${count(size, 'profile')}`, ...capQuotes(quotes)]));
  }

  if (input.sameDescriptionGroups >= 2) {
    out.push(indicator('same-description', 'cluster', [`${input.sameDescriptionGroups} of ${size} profiles share a near-identical description`]));
  }

  return out.sort(byCode);
}
