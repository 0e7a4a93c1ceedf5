// What changed between two mapping runs: which profiles appeared, disappeared or moved
// municipality, site by site. A profile missing from a site that was not read in full is not
// "gone": its site failed or was cut short, so its fate is unknown and it is reported apart, never
// counted as a disappearance (a failed site must never read as a drop).

import type { Database } from './database.ts';
import type { FinalSiteRunStatus } from './run-store.ts';

type SiteRunStatus = FinalSiteRunStatus | 'running';

type Db = Pick<Database, 'prisma' | 'cipher'>;

export interface ProfileRef {
  siteId: string;
  /** Kartla's stable identity of the profile on its site (adapter id or canonical URL). */
  key: string;
  url: string;
}

export interface ProfileMoveRef extends ProfileRef {
  fromKommun: string;
  toKommun: string;
  fromLocality: string | null;
  toLocality: string | null;
  fromRegion: string | null;
  toRegion: string | null;
}

export interface SiteComparison {
  siteId: string;
  /** The site's status in each run; null when the run did not map the site. */
  fromStatus: SiteRunStatus | null;
  toStatus: SiteRunStatus | null;
  fromProfiles: number;
  toProfiles: number;
  /**
   * both: read in full in both runs, so appearances and disappearances are known;
   * opened / closed: mapped in one run only (a new site, or one no longer mapped);
   * incomplete: failed, partial or interrupted in one of the runs, so changes are unknown.
   */
  basis: 'both' | 'opened' | 'closed' | 'incomplete';
  appeared: number;
  disappeared: number;
  moved: number;
}

export interface RunComparison {
  fromRunId: number;
  toRunId: number;
  sites: SiteComparison[];
  /** In the later run only, on a site read in full in both runs. */
  appeared: ProfileRef[];
  /** In the earlier run only, on a site read in full in both runs. */
  disappeared: ProfileRef[];
  /** On a site mapped only in the later run. */
  onOpenedSites: ProfileRef[];
  /** On a site mapped only in the earlier run. */
  onClosedSites: ProfileRef[];
  /** In one run only, on a site not read in full in one of them: fate unknown. */
  unknown: ProfileRef[];
  /** In both runs with a known municipality in each, and the two differ. */
  moved: ProfileMoveRef[];
  /** In both runs, with the municipality known in only one of them (not counted as moves). */
  locationUnknownInOne: number;
}

interface SnapshotRow {
  site_id: string;
  key: string;
  url: string;
  kommun_code: string | null;
  locality: string | null;
  police_region: string | null;
}

async function snapshots(db: Db, runId: number): Promise<Map<string, SnapshotRow>> {
  const rows = await db.prisma.$queryRaw<SnapshotRow[]>`
    SELECT p.site_id, p.key, s.url_enc AS url, s.kommun_code, s.locality, s.police_region
      FROM profile_snapshot s JOIN profile p ON p.id = s.profile_id
     WHERE s.run_id = ${runId}`;
  // A purged snapshot has no URL any more; it is still counted by its key.
  return new Map(rows.map((r) => [`${r.site_id}\u0000${r.key}`, { ...r, url: db.cipher.open(r.url) ?? '' }]));
}

async function siteStatuses(db: Db, runId: number): Promise<Map<string, SiteRunStatus>> {
  const rows = await db.prisma.$queryRaw<{ site_id: string; status: SiteRunStatus }[]>`
    SELECT site_id, status::text AS status FROM site_run WHERE run_id = ${runId}`;
  return new Map(rows.map((r) => [r.site_id, r.status]));
}

const ref = (r: SnapshotRow): ProfileRef => ({ siteId: r.site_id, key: r.key, url: r.url });
const byRef = (a: ProfileRef, b: ProfileRef) =>
  a.siteId < b.siteId ? -1 : a.siteId > b.siteId ? 1 : a.key < b.key ? -1 : a.key > b.key ? 1 : 0;

function basisOf(from: SiteRunStatus | null, to: SiteRunStatus | null): SiteComparison['basis'] {
  if (from === null) return 'opened';
  if (to === null) return 'closed';
  return from === 'ok' && to === 'ok' ? 'both' : 'incomplete';
}

/** Compares run `fromRunId` (earlier) with run `toRunId` (later), profile by profile. */
export async function compareRuns(db: Db, fromRunId: number, toRunId: number): Promise<RunComparison> {
  const [before, after, fromSites, toSites] = await Promise.all([
    snapshots(db, fromRunId),
    snapshots(db, toRunId),
    siteStatuses(db, fromRunId),
    siteStatuses(db, toRunId),
  ]);
  const result: RunComparison = {
    fromRunId,
    toRunId,
    sites: [],
    appeared: [],
    disappeared: [],
    onOpenedSites: [],
    onClosedSites: [],
    unknown: [],
    moved: [],
    locationUnknownInOne: 0,
  };
  const siteIds = [...new Set([...fromSites.keys(), ...toSites.keys()])].sort();
  const perSite = new Map<string, SiteComparison>(
    siteIds.map((siteId) => {
      const fromStatus = fromSites.get(siteId) ?? null;
      const toStatus = toSites.get(siteId) ?? null;
      const site: SiteComparison = {
        siteId,
        fromStatus,
        toStatus,
        fromProfiles: 0,
        toProfiles: 0,
        basis: basisOf(fromStatus, toStatus),
        appeared: 0,
        disappeared: 0,
        moved: 0,
      };
      return [siteId, site];
    }),
  );

  for (const [id, old] of before) {
    const site = perSite.get(old.site_id)!;
    site.fromProfiles++;
    const now = after.get(id);
    if (!now) {
      if (site.basis === 'both') {
        result.disappeared.push(ref(old));
        site.disappeared++;
      } else (site.basis === 'closed' ? result.onClosedSites : result.unknown).push(ref(old));
      continue;
    }
    if (old.kommun_code && now.kommun_code) {
      if (old.kommun_code !== now.kommun_code) {
        site.moved++;
        result.moved.push({
          ...ref(now),
          fromKommun: old.kommun_code,
          toKommun: now.kommun_code,
          fromLocality: old.locality,
          toLocality: now.locality,
          fromRegion: old.police_region,
          toRegion: now.police_region,
        });
      }
    } else if (old.kommun_code || now.kommun_code) result.locationUnknownInOne++;
  }
  for (const [id, now] of after) {
    const site = perSite.get(now.site_id)!;
    site.toProfiles++;
    if (before.has(id)) continue;
    if (site.basis === 'both') {
      result.appeared.push(ref(now));
      site.appeared++;
    } else (site.basis === 'opened' ? result.onOpenedSites : result.unknown).push(ref(now));
  }

  result.sites = [...perSite.values()];
  for (const list of [result.appeared, result.disappeared, result.onOpenedSites, result.onClosedSites, result.unknown, result.moved]) {
    list.sort(byRef);
  }
  return result;
}

/** Moves between police regions, counted per (from, to) pair, largest first. */
export function regionFlows(moved: readonly ProfileMoveRef[]): { from: string; to: string; profiles: number }[] {
  const counts = new Map<string, number>();
  for (const m of moved) {
    if (!m.fromRegion || !m.toRegion || m.fromRegion === m.toRegion) continue;
    const k = `${m.fromRegion}\u0000${m.toRegion}`;
    counts.set(k, (counts.get(k) ?? 0) + 1);
  }
  return [...counts]
    .map(([k, profiles]) => {
      const [from, to] = k.split('\u0000') as [string, string];
      return { from, to, profiles };
    })
    .sort((a, b) => b.profiles - a.profiles || a.from.localeCompare(b.from) || a.to.localeCompare(b.to));
}
