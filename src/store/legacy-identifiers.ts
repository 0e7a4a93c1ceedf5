// Databases written before identifiers were encrypted hold phone numbers, contacts and URLs in
// clear. On open (after migrations) those values are encrypted and hashed in place and the clear
// columns emptied, in batches, so an upgrade loses nothing and leaves nothing readable.

import type { Database } from './database.ts';
import { storableJson } from './storable-json.ts';

type Db = Pick<Database, 'prisma' | 'cipher'>;
const BATCH = 2000;

export async function sealLegacyIdentifiers(db: Db): Promise<number> {
  const { cipher } = db;
  let sealed = 0;
  for (;;) {
    const rows = await db.prisma.$queryRaw<{ id: number; e164: string }[]>`SELECT id, e164 FROM phone WHERE e164 IS NOT NULL LIMIT ${BATCH}`;
    if (rows.length === 0) break;
    const data = rows.map((r) => ({ id: r.id, hash: cipher.hash('phone', r.e164), enc: cipher.encrypt(r.e164) }));
    await db.prisma.$executeRaw`
      UPDATE phone p SET hash = d.hash, e164_enc = d.enc, e164 = NULL
        FROM jsonb_to_recordset(${storableJson(data)}::jsonb) AS d(id int, hash text, enc text) WHERE p.id = d.id`;
    sealed += rows.length;
  }
  for (;;) {
    const rows = await db.prisma.$queryRaw<{ id: number; kind: string; value: string }[]>`
      SELECT id, kind::text AS kind, value FROM contact WHERE value IS NOT NULL LIMIT ${BATCH}`;
    if (rows.length === 0) break;
    const data = rows.map((r) => ({ id: r.id, hash: cipher.hash(r.kind, r.value), enc: cipher.encrypt(r.value) }));
    await db.prisma.$executeRaw`
      UPDATE contact c SET hash = d.hash, value_enc = d.enc, value = NULL
        FROM jsonb_to_recordset(${storableJson(data)}::jsonb) AS d(id int, hash text, enc text) WHERE c.id = d.id`;
    sealed += rows.length;
  }
  for (;;) {
    const rows = await db.prisma.$queryRaw<{ id: number; key: string; url: string }[]>`
      SELECT id, key, url FROM profile WHERE url IS NOT NULL LIMIT ${BATCH}`;
    if (rows.length === 0) break;
    const data = rows.map((r) => ({ id: r.id, key: r.key.startsWith('url:') ? profileUrlKey(db, r.key.slice(4)) : r.key, enc: cipher.encrypt(r.url) }));
    await db.prisma.$executeRaw`
      UPDATE profile p SET key = d.key, url_enc = d.enc, url = NULL
        FROM jsonb_to_recordset(${storableJson(data)}::jsonb) AS d(id int, key text, enc text) WHERE p.id = d.id`;
    sealed += rows.length;
  }
  for (;;) {
    const rows = await db.prisma.$queryRaw<{ id: number; url: string | null; raw_phones: unknown; raw_contacts: unknown }[]>`
      SELECT id, url, raw_phones, raw_contacts FROM profile_snapshot
       WHERE url IS NOT NULL OR raw_phones IS NOT NULL OR raw_contacts IS NOT NULL LIMIT ${BATCH}`;
    if (rows.length === 0) break;
    const data = rows.map((r) => ({
      id: r.id,
      url: cipher.seal(r.url),
      phones: r.raw_phones == null ? null : cipher.encrypt(JSON.stringify(r.raw_phones)),
      contacts: r.raw_contacts == null ? null : cipher.encrypt(JSON.stringify(r.raw_contacts)),
    }));
    await db.prisma.$executeRaw`
      UPDATE profile_snapshot s SET url_enc = COALESCE(d.url, s.url_enc), raw_phones_enc = COALESCE(d.phones, s.raw_phones_enc),
             raw_contacts_enc = COALESCE(d.contacts, s.raw_contacts_enc), url = NULL, raw_phones = NULL, raw_contacts = NULL
        FROM jsonb_to_recordset(${storableJson(data)}::jsonb) AS d(id int, url text, phones text, contacts text) WHERE s.id = d.id`;
    sealed += rows.length;
  }
  for (;;) {
    const rows = await db.prisma.$queryRaw<{ id: number; errors: { url?: string; reason?: string; kind?: string }[] }[]>`
      SELECT id, errors FROM site_run WHERE EXISTS (SELECT 1 FROM jsonb_array_elements(errors) e WHERE e ? 'url') LIMIT ${BATCH}`;
    if (rows.length === 0) break;
    const data = rows.map((r) => ({
      id: r.id,
      errors: r.errors.map((e) => (e.url === undefined ? e : { kind: e.kind ?? null, sealed: cipher.encrypt(JSON.stringify({ url: e.url, reason: e.reason ?? '' })) })),
    }));
    await db.prisma.$executeRaw`
      UPDATE site_run r SET errors = d.errors
        FROM jsonb_to_recordset(${storableJson(data)}::jsonb) AS d(id int, errors jsonb) WHERE r.id = d.id`;
    sealed += rows.length;
  }
  return sealed;
}

/** The key of a profile known only by its URL: the URL's keyed hash, never the URL. */
export function profileUrlKey(db: Pick<Database, 'cipher'>, url: string): string {
  return `url:${db.cipher.hash('url', url)}`;
}
