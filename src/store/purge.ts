// Retention: the snapshots of runs older than a limit lose what could identify or describe a
// person (encrypted URLs, raw phone and contact candidates, free text, photo hashes, the URLs
// in error records), and numbers, contacts and profile URLs that no kept snapshot shows any
// more lose their encrypted value. What the year-on-year reports count stays: the snapshots
// with their places, ages and genders, the links to numbers and contacts (by row id and keyed
// hash), and the clusters with their facts, so every figure over a purged run is unchanged.

import type { Database } from './database.ts';

type Db = Pick<Database, 'prisma'>;

export interface PurgeReport {
  /** Runs that started before the limit (whether or not anything was left to remove). */
  runs: number;
  snapshots: number;
  phones: number;
  contacts: number;
  profiles: number;
}

/** `30d`, `8w`, `18m` (months of 30 days), `2y` (years of 365 days) → days; null when unreadable. */
export function parseRetention(text: string): number | null {
  const m = /^\s*(\d{1,5})\s*(d|w|m|y)\s*$/i.exec(text);
  if (!m) return null;
  const n = Number(m[1]);
  const days = n * { d: 1, w: 7, m: 30, y: 365 }[m[2]!.toLowerCase() as 'd' | 'w' | 'm' | 'y'];
  return days > 0 ? days : null;
}

export async function purgeOlderThan(db: Db, cutoff: Date): Promise<PurgeReport> {
  return db.prisma.$transaction(
    async (tx) => {
      const runs = await tx.$queryRaw<{ id: number }[]>`
        SELECT id FROM mapping_run WHERE started_at < ${cutoff} AND status <> 'running'`;
      const ids = runs.map((r) => r.id);
      if (ids.length === 0) return { runs: 0, snapshots: 0, phones: 0, contacts: 0, profiles: 0 };
      const snapshots = await tx.$executeRaw`
        UPDATE profile_snapshot SET url_enc = NULL, url = NULL, raw_phones_enc = NULL, raw_phones = NULL,
               raw_contacts_enc = NULL, raw_contacts = NULL, raw_text = NULL, raw_fields = '{}'::jsonb, photo_hash = NULL
         WHERE run_id = ANY(${ids}::int[])
           AND (url_enc IS NOT NULL OR raw_phones_enc IS NOT NULL OR raw_contacts_enc IS NOT NULL OR raw_text IS NOT NULL
                OR photo_hash IS NOT NULL OR raw_fields <> '{}'::jsonb)`;
      await tx.$executeRaw`
        UPDATE site_run SET errors = COALESCE((SELECT jsonb_agg(e - 'sealed' - 'url' - 'reason') FROM jsonb_array_elements(errors) e), '[]'::jsonb)
         WHERE run_id = ANY(${ids}::int[]) AND jsonb_array_length(errors) > 0`;
      // A value is kept while a snapshot of a kept run still shows it.
      const phones = await tx.$executeRaw`
        UPDATE phone ph SET e164_enc = NULL
         WHERE ph.e164_enc IS NOT NULL
           AND NOT EXISTS (SELECT 1 FROM snapshot_phone sp JOIN profile_snapshot s ON s.id = sp.snapshot_id
                            WHERE sp.phone_id = ph.id AND NOT (s.run_id = ANY(${ids}::int[])))`;
      const contacts = await tx.$executeRaw`
        UPDATE contact c SET value_enc = NULL
         WHERE c.value_enc IS NOT NULL
           AND NOT EXISTS (SELECT 1 FROM snapshot_contact sc JOIN profile_snapshot s ON s.id = sc.snapshot_id
                            WHERE sc.contact_id = c.id AND NOT (s.run_id = ANY(${ids}::int[])))`;
      const profiles = await tx.$executeRaw`
        UPDATE profile p SET url_enc = NULL
         WHERE p.url_enc IS NOT NULL
           AND NOT EXISTS (SELECT 1 FROM profile_snapshot s WHERE s.profile_id = p.id AND NOT (s.run_id = ANY(${ids}::int[])))`;
      await tx.$executeRaw`
        UPDATE mapping_run SET options = options || jsonb_build_object('purgedAt', ${new Date().toISOString()}::text)
         WHERE id = ANY(${ids}::int[])`;
      return { runs: ids.length, snapshots, phones, contacts, profiles };
    },
    { timeout: 600_000, maxWait: 30_000 },
  );
}
