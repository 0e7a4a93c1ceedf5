// Case notes: the list (the notes page and the cluster page) and the form that adds one. The note
// text is the outreach worker's own words and is escaped like everything else.

import type { ClusterPhone } from '../queries/clusters-detail.ts';
import type { NoteView } from '../queries/notes.ts';
import { NOTE_STATUSES } from '../queries/notes.ts';
import { csrfField, html, type Raw } from './layout.ts';

export const STATUS_LABELS: Record<string, string> = { contacted: 'Kontaktad', follow_up: 'Följ upp', no_action: 'Ingen åtgärd' };
export const NOTE_MAX = 500;

const statusLabel = (s: string) => STATUS_LABELS[s] ?? s;

function noteRow(n: NoteView, phoneLabels: ReadonlyMap<number, string>): Raw {
  const phone = n.phoneId === null ? '' : (phoneLabels.get(n.phoneId) ?? `nummer-id ${n.phoneId}`);
  return html`<tr class="note-row" data-note-id="${n.id}">
<td>${n.noteDate}</td>
<td>${n.clusterId === null ? '' : html`<a href="/clusters/${n.clusterId}">Kluster ${n.clusterId}</a>`}${phone ? html` <span class="muted">(${phone})</span>` : ''}</td>
<td class="status" data-status="${n.status}">${statusLabel(n.status)}</td>
<td>${n.author}</td><td>${n.region ?? ''}</td>
<td class="note-text">${n.note}</td>
</tr>`;
}

/** The notes as a table; `id` names the table (notes-table on the notes page). */
export function notesTable(notes: readonly NoteView[], opts: { id?: string; phoneLabels?: ReadonlyMap<number, string> } = {}): Raw {
  const labels = opts.phoneLabels ?? new Map<number, string>();
  return html`<table${opts.id ? html` id="${opts.id}"` : ''} class="notes">
<thead><tr><th>Datum</th><th>Kluster</th><th>Status</th><th>Av</th><th>Region</th><th>Anteckning</th></tr></thead>
<tbody>
${notes.map((n) => noteRow(n, labels))}
</tbody></table>
${notes.length ? '' : html`<p class="muted">Inga anteckningar.</p>`}`;
}

/** The latest date a note may carry: tomorrow (UTC), so a worker a time zone ahead is not refused. */
export const latestNoteDate = (now = new Date()) => new Date(now.getTime() + 86_400_000).toISOString().slice(0, 10);

export function noteForm(csrf: string, clusterId: number, phones: readonly ClusterPhone[], now = new Date()): Raw {
  return html`<form id="note-form" method="post" action="/notes">
${csrfField(csrf)}<input type="hidden" name="clusterId" value="${clusterId}">
<p><label>Gäller<br><select name="phoneId"><option value="">Hela klustret</option>${phones.map(
    (p) => html`<option value="${p.id}">${p.label}${p.e164 ? ` (${p.e164})` : ''}</option>`,
  )}</select></label></p>
<p><label>Status<br><select name="status" required>${NOTE_STATUSES.map((s) => html`<option value="${s}">${statusLabel(s)}</option>`)}</select></label></p>
<p><label>Datum<br><input type="date" name="date" required value="${now.toISOString().slice(0, 10)}" max="${latestNoteDate(now)}"></label></p>
<p><label>Anteckning (högst ${NOTE_MAX} tecken; skriv inga namn eller nummer)<br><textarea name="note" maxlength="${NOTE_MAX}" rows="3" cols="60"></textarea></label></p>
<p><button type="submit">Spara anteckning</button></p>
</form>`;
}
