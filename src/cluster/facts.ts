// What a cluster is in one run, counted from its members' snapshots: the figures outreach workers
// and analysts read first (how many profiles and numbers, on which sites, where, who, since when).

export interface MemberSnapshot {
  profileId: number;
  siteId: string;
  locality: string | null;
  kommunCode: string | null;
  policeRegion: string | null;
  gender: string;
  ageBand: string;
  firstSeenAt: Date;
  lastSeenAt: Date;
  /** The numbers the profile showed in this run: phone id and ISO country (null when unknown). */
  phones: { id: number; country: string | null }[];
}

export interface ClusterFacts {
  profiles: number;
  /** Distinct numbers shown by members in this run. */
  phones: number;
  sites: string[];
  localities: string[];
  kommunCodes: string[];
  policeRegions: string[];
  /** Profiles per police region (profiles without a region are not counted). */
  regionCounts: Record<string, number>;
  genders: Record<string, number>;
  ageBands: Record<string, number>;
  /** Distinct numbers outside Sweden, and their share of all distinct numbers (null without numbers). */
  foreignPhones: number;
  foreignShare: number | null;
  /** Distinct numbers per country (ISO code; "??" when unknown). */
  countries: Record<string, number>;
  firstSeenAt: string;
  lastSeenAt: string;
}

const distinctSorted = (values: (string | null)[]) => [...new Set(values.filter((v): v is string => v !== null))].sort();

function tally(values: string[]): Record<string, number> {
  const out: Record<string, number> = {};
  for (const v of [...values].sort()) out[v] = (out[v] ?? 0) + 1;
  return out;
}

export function clusterFacts(members: readonly MemberSnapshot[]): ClusterFacts {
  if (members.length === 0) throw new Error('clusterFacts: a cluster has at least one member');
  const phones = new Map<number, string | null>();
  for (const m of members) for (const p of m.phones) phones.set(p.id, p.country);
  const countries = [...phones.values()].map((c) => c ?? '??');
  const foreign = countries.filter((c) => c !== 'SE').length;
  return {
    profiles: members.length,
    phones: phones.size,
    sites: distinctSorted(members.map((m) => m.siteId)),
    localities: distinctSorted(members.map((m) => m.locality)),
    kommunCodes: distinctSorted(members.map((m) => m.kommunCode)),
    policeRegions: distinctSorted(members.map((m) => m.policeRegion)),
    regionCounts: tally(members.flatMap((m) => (m.policeRegion ? [m.policeRegion] : []))),
    genders: tally(members.map((m) => m.gender)),
    ageBands: tally(members.map((m) => m.ageBand)),
    foreignPhones: foreign,
    foreignShare: phones.size ? foreign / phones.size : null,
    countries: tally(countries),
    // reduce, not Math.min(...): spreading a very large cluster would overflow the argument list.
    firstSeenAt: new Date(members.reduce((t, m) => Math.min(t, m.firstSeenAt.getTime()), Infinity)).toISOString(),
    lastSeenAt: new Date(members.reduce((t, m) => Math.max(t, m.lastSeenAt.getTime()), -Infinity)).toISOString(),
  };
}
