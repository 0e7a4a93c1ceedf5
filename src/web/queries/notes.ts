// Outreach workers' case notes: written with the author's region and shown to workers of that
// region (all of them to workers without a region, and to administrators). Reports and exports
// never read this table.

import { Prisma } from '../../generated/prisma/client.ts';
import type { Database } from '../../store/database.ts';
import type { UserView } from '../auth/users.ts';

type Db = Pick<Database, 'prisma'>;

export const NOTE_STATUSES = ['contacted', 'follow_up', 'no_action'] as const;
export type NoteStatus = (typeof NOTE_STATUSES)[number];
export const NOTES_LIMIT = 500;

export interface NoteView {
  id: number;
  clusterId: number | null;
  phoneId: number | null;
  status: string;
  note: string;
  noteDate: string;
  author: string;
  region: string | null;
  createdAt: Date;
}

/** Who sees which notes: outreach workers with a region see that region's; everyone else with access sees all. */
function scope(user: UserView): Prisma.Sql {
  return user.role === 'outreach' && user.region ? Prisma.sql`n.region = ${user.region}` : Prisma.sql`true`;
}

const SELECT_NOTE = Prisma.sql`
  SELECT n.id, n.cluster_id AS "clusterId", n.phone_id AS "phoneId", n.status, n.note, n.note_date AS "noteDate",
         u.name AS author, n.region, n.created_at AS "createdAt"
    FROM case_note n JOIN app_user u ON u.id = n.author_id`;

/** The notes the user may see, newest first. */
export async function visibleNotes(db: Db, user: UserView): Promise<NoteView[]> {
  return db.prisma.$queryRaw<NoteView[]>`
    ${SELECT_NOTE} WHERE ${scope(user)}
     ORDER BY n.note_date DESC, n.created_at DESC, n.id DESC LIMIT ${NOTES_LIMIT}`;
}

/** The notes on a cluster or on any of the given numbers that the user may see, newest first. */
export async function notesOnCluster(db: Db, user: UserView, clusterId: number, phoneIds: readonly number[]): Promise<NoteView[]> {
  const onPhones = phoneIds.length ? Prisma.sql`OR n.phone_id IN (${Prisma.join(phoneIds)})` : Prisma.empty;
  return db.prisma.$queryRaw<NoteView[]>`
    ${SELECT_NOTE} WHERE (n.cluster_id = ${clusterId} ${onPhones}) AND ${scope(user)}
     ORDER BY n.note_date DESC, n.created_at DESC, n.id DESC LIMIT ${NOTES_LIMIT}`;
}

/** Whether the cluster exists and, when a number is given, whether its members ever showed it. */
export async function noteTargetExists(db: Db, clusterId: number, phoneId: number | null): Promise<boolean> {
  const [row] = await db.prisma.$queryRaw<{ ok: boolean }[]>`
    SELECT EXISTS (SELECT 1 FROM cluster WHERE id = ${clusterId})
       AND (${phoneId}::int IS NULL OR EXISTS (
             SELECT 1 FROM cluster_member cm
               JOIN profile_snapshot s ON s.profile_id = cm.profile_id AND s.run_id = cm.run_id
               JOIN snapshot_phone sp ON sp.snapshot_id = s.id
              WHERE cm.cluster_id = ${clusterId} AND sp.phone_id = ${phoneId}::int)) AS ok`;
  return row?.ok === true;
}

export async function addNote(
  db: Db,
  note: { clusterId: number; phoneId: number | null; status: NoteStatus; note: string; noteDate: string; authorId: number; region: string | null },
): Promise<number> {
  const created = await db.prisma.caseNote.create({ data: note, select: { id: true } });
  return created.id;
}
