// The export contract (README, "Export format"): one record per profile observed in a run.
// Later tooling relies on these keys; add keys, never rename or drop one.

import type { AgeBand, Gender } from './profile.ts';

export interface ExportRecord {
  site: string;
  /** The profile's URL; null unless the export was asked to reveal identifiers. */
  url: string | null;
  externalId: string | null;
  /** ISO 8601 time the profile page was read in this run. */
  observedAt: string;
  age: number | null;
  gender: Gender | null;
  locality: string | null;
  kommunCode: string | null;
  lanCode: string | null;
  policeRegion: string | null;
  /**
   * E.164 numbers with reveal, else `hash:<keyed hash>` (stable within one installation, so equal
   * numbers compare equal); sorted; empty when the profile showed none.
   */
  phones: string[];
  /** The profile's cluster of profiles sharing phones (same id across runs while it continues); null when it shares none. */
  clusterId: string | null;
  /** ISO 8601: first and last time this profile was observed in any run in the database. */
  firstSeen: string;
  lastSeen: string;
  /** Stated-age band: under-18, 18-23, 24-29, 30-35, 36-44, 45+ or unknown. */
  ageBand: AgeBand;
  /** A prompt for a human: a stated age under 18 or a youth phrase in the profile. */
  minorCue: boolean;
  /** WGS 84 coordinates of the place (locality, else municipality seat); null when unresolved. */
  lat: number | null;
  lon: number | null;
  /** Telegram users and e-mail addresses as `telegram:<user>` / `email:<address>` (with reveal; else `<kind>:hash:<keyed hash>`), sorted. */
  contacts: string[];
  /** The profile's cluster in the combined view (phones plus the weaker ties); null when it is in none. */
  combinedClusterId: string | null;
}

export const EXPORT_KEYS: readonly (keyof ExportRecord)[] = [
  'site',
  'url',
  'externalId',
  'observedAt',
  'age',
  'gender',
  'locality',
  'kommunCode',
  'lanCode',
  'policeRegion',
  'phones',
  'clusterId',
  'firstSeen',
  'lastSeen',
  'ageBand',
  'minorCue',
  'lat',
  'lon',
  'contacts',
  'combinedClusterId',
] as const;
