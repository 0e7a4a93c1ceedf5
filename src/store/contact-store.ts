// Telegram usernames and e-mail addresses of snapshots: upserted once each, linked per snapshot,
// the same way phones are (run-store.ts), so that clustering can join on them.

import type { Prisma } from '../generated/prisma/client.ts';
import type { NormalisedProfile } from '../model/profile.ts';
import { storableJson } from './storable-json.ts';
import type { IdentifierCipher } from '../secure/identifier-cipher.ts';

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
export async function linkContacts(tx: Prisma.TransactionClient, cipher: IdentifierCipher, plain: ContactLinkRow[]): Promise<void> {
  if (plain.length === 0) return;
  const rows = plain.map((r) => ({ ...r, value: cipher.hash(r.kind, r.value), enc: cipher.encrypt(r.value) }));
  await tx.$executeRaw`
    WITH links AS (
      SELECT * FROM jsonb_to_recordset(${storableJson(rows)}::jsonb)
        AS l(snapshot_id int, kind text, value text, enc text, source text)
    ),
    contacts AS (
      INSERT INTO contact AS c (kind, hash, value_enc)
      SELECT DISTINCT ON (kind, value) kind::"ContactKind", value, enc FROM links ORDER BY kind, value
      ON CONFLICT (kind, hash) DO UPDATE SET value_enc = COALESCE(c.value_enc, EXCLUDED.value_enc)
      RETURNING c.id, c.kind::text AS kind, c.hash
    )
    INSERT INTO snapshot_contact (snapshot_id, contact_id, source)
    SELECT l.snapshot_id, c.id, l.source FROM links l JOIN contacts c ON c.kind = l.kind AND c.hash = l.value
    ON CONFLICT DO NOTHING`;
}
