// Case notes of outreach workers (and administrators): listed on their own page and on the
// cluster page, added from the cluster page. Analysts neither see nor write them.

import { recordAudit } from '../../store/audit-log.ts';
import type { RouteModule } from '../context.ts';
import { actorOf, allow, clientAddress, sendPage } from '../http.ts';
import { addNote, NOTE_STATUSES, noteTargetExists, visibleNotes, type NoteStatus } from '../queries/notes.ts';
import { html } from '../views/layout.ts';
import { latestNoteDate, NOTE_MAX, notesTable } from '../views/notes.ts';
import { checked, invalid } from './clusters.ts';

const MAX_INT4 = 2_147_483_647;
const EARLIEST_NOTE_DATE = '2000-01-01';

interface NoteBody {
  clusterId: string;
  phoneId?: string;
  status: NoteStatus;
  note?: string;
  date: string;
}

const isCalendarDate = (s: string) => {
  const d = new Date(`${s}T00:00:00Z`);
  return !Number.isNaN(d.getTime()) && d.toISOString().slice(0, 10) === s;
};

export const noteRoutes: RouteModule = (app, { db }) => {
  app.get('/notes', async (req, reply) => {
    if (!allow(req, reply, ['outreach', 'admin'])) return reply;
    const notes = await visibleNotes(db, req.user!);
    const scope = req.user!.role === 'outreach' && req.user!.region ? `region ${req.user!.region}` : 'alla regioner';
    return sendPage(reply, req, 'Ärenden', () => html`<p class="muted">Anteckningar för ${scope}, nyast först. De finns aldrig med i rapporter eller exporter.</p>
${notesTable(notes, { id: 'notes-table' })}`);
  });

  app.post(
    '/notes',
    {
      schema: {
        body: {
          type: 'object',
          required: ['clusterId', 'status', 'date'],
          properties: {
            clusterId: { type: 'string', pattern: '^[1-9][0-9]{0,9}$' },
            phoneId: { type: 'string', pattern: '^([1-9][0-9]{0,9})?$' },
            status: { type: 'string', enum: NOTE_STATUSES },
            // Browsers send a textarea's line breaks as CR LF but count them once: checked again below.
            note: { type: 'string', maxLength: 2 * NOTE_MAX },
            date: { type: 'string', pattern: '^[0-9]{4}-[0-9]{2}-[0-9]{2}$' },
            _csrf: { type: 'string', maxLength: 200 },
          },
        },
      },
      attachValidation: true,
    },
    async (req, reply) => {
      if (!allow(req, reply, ['outreach', 'admin'])) return reply;
      checked(req);
      const user = req.user!;
      const body = req.body as NoteBody;
      const clusterId = Number(body.clusterId);
      const phoneId = body.phoneId ? Number(body.phoneId) : null;
      const note = (body.note ?? '').replace(/\r\n?/g, '\n').trim();
      if (clusterId > MAX_INT4) throw invalid('clusterId');
      if (phoneId !== null && phoneId > MAX_INT4) throw invalid('phoneId');
      if (note.length > NOTE_MAX) throw invalid('note');
      if (!isCalendarDate(body.date) || body.date < EARLIEST_NOTE_DATE || body.date > latestNoteDate()) throw invalid('date');
      if (!(await noteTargetExists(db, clusterId, phoneId))) throw invalid('clusterId');
      const noteId = await addNote(db, { clusterId, phoneId, status: body.status, note, noteDate: body.date, authorId: user.id, region: user.region });
      await recordAudit(db, { actor: actorOf(req), action: 'note', target: `cluster ${clusterId}`, detail: { note: noteId, status: body.status }, source: clientAddress(req) });
      return reply.redirect(`/clusters/${clusterId}#notes`, 303);
    },
  );
};
