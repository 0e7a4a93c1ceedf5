// Re-runs the normalisers over a stored run from the raw values its snapshots kept, without
// crawling again, so that a better normaliser improves old runs. Raw values, the run's status,
// profiles and first/last seen are never touched; only the normalised columns, the phone and contact links
// and normalised_at change. The normalise function is passed in: the store knows no normaliser.

import type { NormalisedFields } from '../normalise/profile.ts';
import type { RawContact, RawPhone } from '../model/profile.ts';
import { contactLinkRows, linkContacts } from './contact-store.ts';
import type { Database } from './database.ts';
import { RunNotFoundError } from './errors.ts';
import { linkPhones, normalisedColumns, phoneLinkRows } from './run-store.ts';
import { storableJson } from './storable-json.ts';

type Db = Pick<Database, 'prisma' | 'cipher'>;

export interface StoredRaw {
  fields: Record<string, string | null>;
  phones: RawPhone[];
  contacts: RawContact[];
  observedAt: Date;
}

export type Renormaliser = (raw: StoredRaw) => NormalisedFields;

export interface RenormaliseReport {
  snapshots: number;
  changed: number;
  /** Snapshots whose value of each field changed. */
  byField: Record<'age' | 'minorCue' | 'gender' | 'location' | 'phones' | 'contacts', number>;
  /** Snapshots stored before raw phone candidates were kept: their phones were left as they were. */
  phonesKept: number;
}

interface Row {
  id: number;
  observed_at: Date;
  raw_fields: Record<string, string | null> | null;
  raw_text: Record<string, string | null> | null;
  raw_phones_enc: string | null;
  raw_contacts_enc: string | null;
  contacts: string[] | null;
  stated_age: number | null;
  minor_cue: boolean;
  gender: string;
  kommun_code: string | null;
  lan_code: string | null;
  locality: string | null;
  phones: string[] | null;
}

export async function renormaliseRun(
  db: Db,
  runId: number,
  normalise: Renormaliser,
  opts: { batchSize?: number; dryRun?: boolean; onProgress?: (done: number) => void } = {},
): Promise<RenormaliseReport> {
  const run = await db.prisma.mappingRun.findUnique({ where: { id: runId }, select: { id: true } });
  if (!run) throw new RunNotFoundError(runId);
  const batchSize = opts.batchSize ?? 500;
  const report: RenormaliseReport = {
    snapshots: 0,
    changed: 0,
    byField: { age: 0, minorCue: 0, gender: 0, location: 0, phones: 0, contacts: 0 },
    phonesKept: 0,
  };
  let afterId = 0;
  for (;;) {
    const rows = await db.prisma.$queryRaw<Row[]>`
      SELECT s.id, s.observed_at, s.raw_fields, s.raw_text, s.raw_phones_enc, s.stated_age, s.minor_cue,
             s.gender::text AS gender, s.kommun_code, s.lan_code, s.locality,
             ARRAY(SELECT ph.hash FROM snapshot_phone sp JOIN phone ph ON ph.id = sp.phone_id
                    WHERE sp.snapshot_id = s.id ORDER BY ph.hash COLLATE "C") AS phones,
             s.raw_contacts_enc,
             ARRAY(SELECT c.kind::text || ':' || c.hash FROM snapshot_contact sc JOIN contact c ON c.id = sc.contact_id
                    WHERE sc.snapshot_id = s.id ORDER BY (c.kind::text || ':' || c.hash) COLLATE "C") AS contacts
        FROM profile_snapshot s
       WHERE s.run_id = ${runId} AND s.id > ${afterId}
       ORDER BY s.id
       LIMIT ${batchSize}`;
    if (rows.length === 0) break;
    afterId = rows.at(-1)!.id;

    const updates: Array<Record<string, unknown>> = [];
    const phoneChanges: { id: number; phones: NormalisedFields['phones'] }[] = [];
    const contactChanges: { id: number; contacts: NormalisedFields['contacts'] }[] = [];
    for (const row of rows) {
      report.snapshots += 1;
      const fields = { ...(row.raw_fields ?? {}), ...(row.raw_text ?? {}) };
      const rawPhones = row.raw_phones_enc === null ? null : (JSON.parse(db.cipher.decrypt(row.raw_phones_enc)) as RawPhone[]);
      const rawContacts = row.raw_contacts_enc === null ? null : (JSON.parse(db.cipher.decrypt(row.raw_contacts_enc)) as RawContact[]);
      const next = normalise({ fields, phones: rawPhones ?? [], contacts: rawContacts ?? [], observedAt: row.observed_at });
      const changed = {
        age: next.age !== row.stated_age,
        minorCue: next.minorCue !== row.minor_cue,
        gender: next.gender !== row.gender,
        location:
          next.location.kommunCode !== row.kommun_code ||
          next.location.lanCode !== row.lan_code ||
          next.location.locality !== row.locality,
        phones: false,
        contacts: false,
      };
      if (rawPhones === null) {
        report.phonesKept += 1;
      } else {
        const before = row.phones ?? [];
        const after = [...new Set(next.phones.map((p) => db.cipher.hash('phone', p.e164)))].sort();
        changed.phones = before.length !== after.length || before.some((e, i) => e !== after[i]);
        if (changed.phones) phoneChanges.push({ id: row.id, phones: next.phones });
      }
      // Snapshots from before contacts were looked for keep what they have (nothing).
      if (rawContacts !== null) {
        const before = row.contacts ?? [];
        const after = [...new Set(next.contacts.map((c) => `${c.kind}:${db.cipher.hash(c.kind, c.value)}`))].sort();
        changed.contacts = before.length !== after.length || before.some((e, i) => e !== after[i]);
        if (changed.contacts) contactChanges.push({ id: row.id, contacts: next.contacts });
      }
      for (const key of Object.keys(changed) as (keyof typeof changed)[]) if (changed[key]) report.byField[key] += 1;
      if (Object.values(changed).some(Boolean)) report.changed += 1;
      // Every snapshot is rewritten (not only changed ones): fields that no report compares
      // (band, evidence, coordinates, places) may have changed too, and normalised_at says when.
      updates.push({ id: row.id, ...normalisedColumns(next) });
    }

    if (!opts.dryRun) {
      await db.prisma.$transaction(async (tx) => {
        await tx.$executeRaw`
          UPDATE profile_snapshot s SET
                 stated_age = u.stated_age, age_band = u.age_band, minor_cue = u.minor_cue,
                 minor_cue_evidence = u.minor_cue_evidence, gender = u.gender::"Gender",
                 locality = u.locality, kommun_code = u.kommun_code, lan_code = u.lan_code,
                 police_region = u.police_region, lat = u.lat, lon = u.lon, places = u.places,
                 location_unresolved = u.location_unresolved, normalised_at = now()
            FROM jsonb_to_recordset(${storableJson(updates)}::jsonb) AS u(
                 id int, stated_age int, age_band text, minor_cue boolean, minor_cue_evidence jsonb, gender text,
                 location_raw text, locality text, kommun_code text, lan_code text, police_region text,
                 lat double precision, lon double precision, places jsonb, location_unresolved boolean)
           WHERE s.id = u.id`;
        if (phoneChanges.length > 0) {
          const ids = phoneChanges.map((c) => c.id);
          await tx.$executeRaw`DELETE FROM snapshot_phone WHERE snapshot_id = ANY(${ids}::int[])`;
          await linkPhones(tx, db.cipher, phoneChanges.flatMap((c) => phoneLinkRows(c.id, c.phones)));
        }
        if (contactChanges.length > 0) {
          const ids = contactChanges.map((c) => c.id);
          await tx.$executeRaw`DELETE FROM snapshot_contact WHERE snapshot_id = ANY(${ids}::int[])`;
          await linkContacts(tx, db.cipher, contactChanges.flatMap((c) => contactLinkRows(c.id, c.contacts)));
        }
      });
    }
    opts.onProgress?.(report.snapshots);
  }
  return report;
}
