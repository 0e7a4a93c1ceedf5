// One profile as the dashboard shows it: its newest snapshot's facts and, per run, what changed.
// Nothing identifying is read here (no phone number, no URL, no text): counts, a changed-or-not
// flag for the description, and places. The URL is read apart, only after the reveal is audited.

import { municipality } from '../../normalise/gazetteer.ts';
import type { Database } from '../../store/database.ts';

type Db = Pick<Database, 'prisma' | 'cipher'>;

export interface SnapshotFacts {
  runId: number;
  runLabel: string | null;
  observedAt: Date;
  statedAge: number | null;
  gender: string;
  locality: string | null;
  municipality: string | null;
  policeRegion: string | null;
  phones: number;
  descriptionHash: string | null;
}

export interface HistoryRow extends SnapshotFacts {
  /** Against the snapshot before it; all false for the first one. */
  changed: { age: boolean; gender: boolean; place: boolean; phones: boolean; description: boolean } | null;
}

export interface ProfileHistory {
  id: number;
  siteId: string;
  siteName: string;
  firstSeenAt: Date;
  lastSeenAt: Date;
  clusterId: number | null;
  latest: SnapshotFacts | null;
  /** Oldest first. */
  history: HistoryRow[];
}

export async function profileHistory(db: Db, id: number): Promise<ProfileHistory | null> {
  const profile = await db.prisma.profile.findUnique({ where: { id }, select: { id: true, siteId: true, firstSeenAt: true, lastSeenAt: true, site: { select: { name: true } } } });
  if (!profile) return null;
  const rows = await db.prisma.$queryRaw<
    { run_id: number; label: string | null; observed_at: Date; stated_age: number | null; gender: string; locality: string | null; kommun_code: string | null; police_region: string | null; phones: number; description_hash: string | null }[]
  >`
    SELECT s.run_id, r.label, s.observed_at, s.stated_age, s.gender::text AS gender, s.locality, s.kommun_code, s.police_region,
           (SELECT count(*)::int FROM snapshot_phone sp WHERE sp.snapshot_id = s.id) AS phones, s.description_hash
      FROM profile_snapshot s JOIN mapping_run r ON r.id = s.run_id
     WHERE s.profile_id = ${id}
     ORDER BY r.started_at, r.id`;
  // The cluster of its newest clustered run. The runs are named so that the lookup uses the
  // (run, view, profile) key: cluster_member has no index on the profile alone.
  const member = await db.prisma.clusterMember.findFirst({
    where: { runId: { in: rows.map((r) => r.run_id) }, view: 'phone', profileId: id },
    orderBy: { runId: 'desc' },
    select: { clusterId: true },
  });

  const facts = rows.map(
    (r): SnapshotFacts => ({
      runId: r.run_id,
      runLabel: r.label,
      observedAt: r.observed_at,
      statedAge: r.stated_age,
      gender: r.gender,
      locality: r.locality,
      municipality: r.kommun_code ? (municipality(r.kommun_code)?.name ?? r.kommun_code) : null,
      policeRegion: r.police_region,
      phones: r.phones,
      descriptionHash: r.description_hash,
    }),
  );
  const history = facts.map((f, i): HistoryRow => {
    const p = facts[i - 1];
    if (!p) return { ...f, changed: null };
    return {
      ...f,
      changed: {
        age: f.statedAge !== p.statedAge,
        gender: f.gender !== p.gender,
        place: f.locality !== p.locality || f.municipality !== p.municipality || f.policeRegion !== p.policeRegion,
        phones: f.phones !== p.phones,
        description: f.descriptionHash !== p.descriptionHash,
      },
    };
  });
  return {
    id: profile.id,
    siteId: profile.siteId,
    siteName: profile.site.name,
    firstSeenAt: profile.firstSeenAt,
    lastSeenAt: profile.lastSeenAt,
    clusterId: member?.clusterId ?? null,
    latest: facts.at(-1) ?? null,
    history,
  };
}

/** The profile's newest URL in clear: call only after the reveal has been written to the audit log. */
export async function profileUrl(db: Db, id: number): Promise<string | null> {
  const p = await db.prisma.profile.findUnique({ where: { id }, select: { urlEnc: true, url: true } });
  if (!p) return null;
  return db.cipher.open(p.urlEnc) ?? p.url ?? null;
}
