// Telegram usernames and e-mail addresses of snapshots: upserted once each, linked per snapshot,
// the same way phones are (run-store.ts), so that clustering can join on them.

import type { Prisma } from '../generated/prisma/client.ts';
import type { NormalisedProfile } from '../model/profile.ts';
import { storableJson } from './storable-json.ts';

export interface ContactLinkRow {
  snapshot_id: number;
  kind: string;
  value: string;
  source: string;
}

/** One link per distinct contact of a snapshot; the first source wins. */
export function contactLinkRows(snapshotId: number, contacts: NormalisedProfile['contacts']): ContactLinkRow[] {
  const seen = new Set<string>();
  const rows: ContactLinkRow[] = [];
  for (const c of contacts) {
    const key = `${c.kind}:${c.value}`;
    if (seen.has(key)) continue;
    seen.add(key);
    rows.push({ snapshot_id: snapshotId, kind: c.kind, value: c.value, source: c.source });
  }
  return rows;
}

/** Upserts the contacts of the rows (in one order, so concurrent batches cannot deadlock) and links them. */
export async function linkContacts(tx: Prisma.TransactionClient, rows: ContactLinkRow[]): Promise<void> {
  if (rows.length === 0) return;
  await tx.$executeRaw`
    WITH links AS (
      SELECT * FROM jsonb_to_recordset(${storableJson(rows)}::jsonb)
        AS l(snapshot_id int, kind text, value text, source text)
    ),
    contacts AS (
      INSERT INTO contact AS c (kind, value)
      SELECT DISTINCT kind::"ContactKind", value FROM links ORDER BY 1, 2
      ON CONFLICT (kind, value) DO UPDATE SET value = EXCLUDED.value
      RETURNING c.id, c.kind::text AS kind, c.value
    )
    INSERT INTO snapshot_contact (snapshot_id, contact_id, source)
    SELECT l.snapshot_id, c.id, l.source FROM links l JOIN contacts c ON c.kind = l.kind AND c.value = l.value
    ON CONFLICT DO NOTHING`;
}
