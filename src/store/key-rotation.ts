// `kartla keys rotate`: every encrypted identifier re-encrypted, and every keyed hash recomputed,
// under a new secret. Batches are committed one by one and each value says which key wrote it,
// so a rotation cut short is finished by running it again with the same two keys; nothing is
// ever left readable by neither.

import type { IdentifierCipher } from '../secure/identifier-cipher.ts';
import type { Database } from './database.ts';
import { storableJson } from './storable-json.ts';

type Db = Pick<Database, 'prisma'>;
const BATCH = 1000;

export interface RotationReport {
  phones: number;
  contacts: number;
  profiles: number;
  snapshots: number;
  /** Site runs whose sealed error records were re-encrypted. */
  siteRuns: number;
}

/**
 * Reads a table in id order, BATCH rows at a time (each batch committed on its own), and lets
 * `rewrite` update the rows that need it; returns how many it rewrote.
 */
async function inBatches<R extends { id: number }>(
  read: (afterId: number) => Promise<R[]>,
  rewrite: (rows: R[]) => Promise<number>,
  tick: (n: number) => void,
): Promise<number> {
  let rewritten = 0;
  for (let after = 0; ; ) {
    const rows = await read(after);
    if (rows.length === 0) return rewritten;
    after = rows.at(-1)!.id;
    rewritten += await rewrite(rows);
    tick(rows.length);
  }
}

export async function rotateKeys(db: Db, from: IdentifierCipher, to: IdentifierCipher, onProgress?: (done: number) => void): Promise<RotationReport> {
  // Values already under the new key (an earlier, interrupted rotation) are left as they are.
  const stale = (sealed: string | null): sealed is string => sealed !== null && !to.wrote(sealed);
  const again = (sealed: string | null) => (stale(sealed) ? to.encrypt(from.decrypt(sealed)) : sealed);
  let done = 0;
  const tick = (n: number) => onProgress?.((done += n));
  const q = db.prisma;

  const phones = await inBatches(
    (after) => q.$queryRaw<{ id: number; enc: string }[]>`
      SELECT id, e164_enc AS enc FROM phone WHERE id > ${after} AND e164_enc IS NOT NULL ORDER BY id LIMIT ${BATCH}`,
    async (rows) => {
      const data = rows.filter((r) => stale(r.enc)).map((r) => {
        const e164 = from.decrypt(r.enc);
        return { id: r.id, hash: to.hash('phone', e164), enc: to.encrypt(e164) };
      });
      if (data.length) {
        await q.$executeRaw`UPDATE phone p SET hash = d.hash, e164_enc = d.enc
          FROM jsonb_to_recordset(${storableJson(data)}::jsonb) AS d(id int, hash text, enc text) WHERE p.id = d.id`;
      }
      return data.length;
    },
    tick,
  );
  const contacts = await inBatches(
    (after) => q.$queryRaw<{ id: number; kind: string; enc: string }[]>`
      SELECT id, kind::text AS kind, value_enc AS enc FROM contact WHERE id > ${after} AND value_enc IS NOT NULL ORDER BY id LIMIT ${BATCH}`,
    async (rows) => {
      const data = rows.filter((r) => stale(r.enc)).map((r) => {
        const value = from.decrypt(r.enc);
        return { id: r.id, hash: to.hash(r.kind, value), enc: to.encrypt(value) };
      });
      if (data.length) {
        await q.$executeRaw`UPDATE contact c SET hash = d.hash, value_enc = d.enc
          FROM jsonb_to_recordset(${storableJson(data)}::jsonb) AS d(id int, hash text, enc text) WHERE c.id = d.id`;
      }
      return data.length;
    },
    tick,
  );
  const profiles = await inBatches(
    (after) => q.$queryRaw<{ id: number; key: string; enc: string }[]>`
      SELECT id, key, url_enc AS enc FROM profile WHERE id > ${after} AND url_enc IS NOT NULL ORDER BY id LIMIT ${BATCH}`,
    async (rows) => {
      const data = rows.filter((r) => stale(r.enc)).map((r) => {
        const url = from.decrypt(r.enc);
        // A profile known by its URL is keyed by the URL's hash, which changes with the key.
        return { id: r.id, key: r.key.startsWith('url:') ? `url:${to.hash('url', url)}` : r.key, enc: to.encrypt(url) };
      });
      if (data.length) {
        await q.$executeRaw`UPDATE profile p SET key = d.key, url_enc = d.enc
          FROM jsonb_to_recordset(${storableJson(data)}::jsonb) AS d(id int, key text, enc text) WHERE p.id = d.id`;
      }
      return data.length;
    },
    tick,
  );
  const snapshots = await inBatches(
    (after) => q.$queryRaw<{ id: number; url: string | null; phones: string | null; contacts: string | null }[]>`
      SELECT id, url_enc AS url, raw_phones_enc AS phones, raw_contacts_enc AS contacts FROM profile_snapshot
       WHERE id > ${after} AND (url_enc IS NOT NULL OR raw_phones_enc IS NOT NULL OR raw_contacts_enc IS NOT NULL)
       ORDER BY id LIMIT ${BATCH}`,
    async (rows) => {
      const data = rows.map((r) => ({ id: r.id, url: again(r.url), phones: again(r.phones), contacts: again(r.contacts) }));
      await q.$executeRaw`UPDATE profile_snapshot s SET url_enc = d.url, raw_phones_enc = d.phones, raw_contacts_enc = d.contacts
        FROM jsonb_to_recordset(${storableJson(data)}::jsonb) AS d(id int, url text, phones text, contacts text) WHERE s.id = d.id`;
      return rows.length;
    },
    tick,
  );
  const siteRuns = await inBatches(
    (after) => q.$queryRaw<{ id: number; errors: { kind?: string; sealed?: string }[] }[]>`
      SELECT id, errors FROM site_run WHERE id > ${after} AND jsonb_array_length(errors) > 0 ORDER BY id LIMIT ${BATCH}`,
    async (rows) => {
      const data = rows
        .filter((r) => r.errors.some((e) => stale(e.sealed ?? null)))
        .map((r) => ({ id: r.id, errors: r.errors.map((e) => (stale(e.sealed ?? null) ? { ...e, sealed: again(e.sealed!) } : e)) }));
      if (data.length) {
        await q.$executeRaw`UPDATE site_run r SET errors = d.errors
          FROM jsonb_to_recordset(${storableJson(data)}::jsonb) AS d(id int, errors jsonb) WHERE r.id = d.id`;
      }
      return data.length;
    },
    () => {},
  );
  return { phones, contacts, profiles, snapshots, siteRuns };
}
