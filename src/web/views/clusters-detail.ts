// One cluster's page: facts, indicators with their evidence, members (never their URLs), places
// over time, merges and splits, and its numbers: masked, or in clear on the page the reveal route
// renders after writing the audit log. Case notes for the roles that keep them.

import type { UserView } from '../auth/users.ts';
import type { ClusterDetailView, ClusterPhone } from '../queries/clusters-detail.ts';
import type { NoteView } from '../queries/notes.ts';
import { csrfField, html, type Raw } from './layout.ts';
import { day, indicatorList, nameOf, priorityText, shortList } from './clusters-parts.ts';
import { noteForm, notesTable } from './notes.ts';

export interface ClusterPageData {
  detail: ClusterDetailView;
  phones: ClusterPhone[];
  revealed: boolean;
  user: UserView;
  /** The user may reveal this cluster's numbers (role, and region for outreach workers). */
  mayReveal: boolean;
  /** Null for roles that keep no notes (analysts). */
  notes: NoteView[] | null;
}

// Largest first: the region or mix most of the cluster is in is what a reader looks for.
const mix = (m: Record<string, number>) => Object.entries(m).sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1)).map(([k, n]) => `${k} ${n}`).join(', ');

const TIE_NAMES: Record<string, string> = { phone: 'samma telefonnummer', telegram: 'samma Telegram-användare', email: 'samma e-postadress', text: 'nästan samma beskrivning', photo: 'nästan samma foto' };

function factsSection(d: ClusterDetailView): Raw {
  const c = d.current;
  const f = c.facts;
  const change = c.firstRunId === c.runId ? 'ny i denna körning' : `finns sedan körning ${c.firstRunId}`;
  return html`<style>dl.facts { display: grid; grid-template-columns: max-content 1fr; gap: .15rem 1rem; } dl.facts dd { margin: 0; }</style>
<section id="facts"><dl class="facts">
<dt>Körning</dt><dd>${c.runId} (${change}; vy ${c.view})</dd>
<dt>Profiler</dt><dd>${c.size}</dd><dt>Nummer</dt><dd>${c.phones}</dd>
<dt>Sajter</dt><dd>${f.sites.join(', ')}</dd>
<dt>Orter</dt><dd>${f.localities.join(', ') || 'inte angivet'}</dd>
<dt>Polisregioner</dt><dd>${mix(f.regionCounts) || 'okänd'}</dd>
<dt>Kön</dt><dd>${mix(f.genders)}</dd><dt>Angiven ålder</dt><dd>${mix(f.ageBands)}</dd>
<dt>Nummer per land</dt><dd>${mix(f.countries) || 'inga'}${f.foreignPhones ? ` (${f.foreignPhones} utländska)` : ''}</dd>
<dt>Sedd</dt><dd>${day(f.firstSeenAt)} – ${day(f.lastSeenAt)}</dd>
<dt>Band mellan profilerna</dt><dd>${d.ties.map((t, i) => `${i ? ', ' : ''}${TIE_NAMES[t.kind] ?? t.kind} (${t.links})`).join('') || 'inga'}</dd>
</dl></section>`;
}

function indicatorSection(d: ClusterDetailView): Raw {
  const c = d.current;
  return html`<section id="indicators"><h2>Indikatorer och prioritet</h2>
<p class="muted">En indikator är en uppmaning att titta närmare, aldrig en slutsats.</p>
<p>Prioritet <strong class="priority">${c.priority.toFixed(1)}</strong>: <span class="why">${priorityText(c.priorityParts) || 'inga indikatorer'}</span></p>
<ul class="indicators">${c.indicators.map(
    (i) => html`<li class="indicator-item" data-code="${i.code}"><strong>${nameOf(i.code)}</strong> <code>${i.code}</code>${i.explanation ? html`: ${i.explanation.sv}` : ''}
${i.evidence?.length ? html`<ul class="evidence">${i.evidence.map((e) => html`<li>${e}</li>`)}</ul>` : ''}</li>`,
  )}</ul></section>`;
}

function membersSection(d: ClusterDetailView): Raw {
  const more = d.current.size > d.members.length;
  return html`<section id="members"><h2>Profiler (${d.current.size})</h2>
${more ? html`<p class="muted">Visar ${d.members.length} av ${d.current.size} profiler.</p>` : ''}
<table id="members-table"><thead><tr><th>Sajt</th><th>Ort</th><th>Polisregion</th><th>Ålder</th><th>Kön</th><th>Först sedd</th><th>Senast sedd</th><th>Profil</th></tr></thead>
<tbody>
${d.members.map(
  (m) => html`<tr class="member-row" data-profile-id="${m.profileId}"><td>${m.siteId}</td><td>${m.locality ?? ''}</td><td>${m.policeRegion ?? ''}</td><td class="n">${m.age ?? ''}</td><td>${m.gender}</td>
<td>${day(m.firstSeenAt)}</td><td>${day(m.lastSeenAt)}</td><td><a href="/profiles/${m.profileId}">Profil ${m.profileId}</a></td></tr>`,
)}
</tbody></table></section>`;
}

function timelineSection(d: ClusterDetailView): Raw {
  return html`<section id="timeline"><h2>Platser över tid</h2>
<table id="timeline-table"><thead><tr><th>Körning</th><th>Datum</th><th>Profiler</th><th>Polisregioner</th><th>Orter</th><th>Sajter</th></tr></thead>
<tbody>
${d.timeline.map(
  (t) => html`<tr class="timeline-row" data-run-id="${t.runId}"${t.runId === d.current.runId ? html` aria-current="true"` : ''}>
<td><a href="/clusters/${d.current.id}?run=${t.runId}">${t.runId}</a>${t.label ? html` <span class="muted">${t.label}</span>` : ''}</td><td>${day(t.startedAt)}</td><td class="n">${t.size}</td>
<td>${mix(t.facts.regionCounts) || 'okänd'}</td><td>${shortList(t.facts.localities, 5)}</td><td>${shortList(t.facts.sites, 4)}</td></tr>`,
)}
</tbody></table></section>`;
}

function eventsSection(d: ClusterDetailView): Raw {
  const text = (e: { kind: string; related: number[] }) =>
    e.kind === 'merge' ? html`slog ihop med ${links(e.related)}` : e.kind === 'split' ? html`delades; ut kom ${links(e.related)}` : e.kind === 'new' ? html`ny` : html`${e.kind} ${links(e.related)}`;
  const links = (ids: number[]) => html`${ids.map((id, i) => html`${i ? ', ' : ''}<a href="/clusters/${id}">${id}</a>`)}`;
  return html`<section id="events"><h2>Sammanslagningar och delningar</h2>
${d.events.length ? html`<ul class="events">${d.events.map((e) => html`<li class="event" data-kind="${e.kind}">Körning ${e.runId}: ${text(e)}</li>`)}</ul>` : html`<p class="muted">Inga.</p>`}
</section>`;
}

function phonesSection(p: ClusterPageData, csrf: string): Raw {
  const c = p.detail.current;
  const item = (ph: ClusterPhone) =>
    p.revealed
      ? html`<li class="phone revealed" data-phone-id="${ph.id}"><span class="e164">${ph.e164 ?? ''}</span> ${ph.label}, ${ph.country ?? '??'}, ${ph.profiles} profiler</li>`
      : html`<li class="phone masked">${ph.label}: ${ph.country ?? '??'}, ${ph.profiles} profiler</li>`;
  const canAct = p.user.role === 'outreach' || p.user.role === 'admin';
  const form =
    canAct && !p.revealed
      ? html`<form id="reveal-form" method="post" action="/clusters/${c.id}/reveal">
${csrfField(csrf)}<input type="hidden" name="run" value="${c.runId}">
${p.mayReveal ? html`<button type="submit">Visa nummer</button> <span class="muted">Visningen skrivs i granskningsloggen.</span>` : html`<button type="submit" disabled>Visa nummer</button> <span class="muted">Klustret har ingen profil i din region.</span>`}
</form>`
      : '';
  return html`<section id="phones"><h2>Nummer (${p.phones.length})</h2>
${p.revealed ? html`<p class="warn">Numren visas i klartext. Visningen är loggad. Skriv inte av dem i anteckningar.</p>` : ''}
<ul class="phones">${p.phones.map(item)}</ul>
${form}</section>`;
}

function notesSection(p: ClusterPageData, csrf: string): Raw {
  if (!p.notes) return html``;
  const labels = new Map(p.phones.map((ph) => [ph.id, ph.label]));
  return html`<section id="notes"><h2>Ärendeanteckningar</h2>
${notesTable(p.notes, { phoneLabels: labels })}
${noteForm(csrf, p.detail.current.id, p.revealed ? p.phones : p.phones.map(({ e164: _e164, ...masked }) => masked))}
</section>`;
}

export function clusterPageView(p: ClusterPageData, csrf: string): Raw {
  const c = p.detail.current;
  return html`<p><a href="/clusters?run=${c.runId}">← Alla kluster i körning ${c.runId}</a></p>
<p>Indikatorer: ${indicatorList(c.indicators)}</p>
${factsSection(p.detail)}
${indicatorSection(p.detail)}
${phonesSection(p, csrf)}
${notesSection(p, csrf)}
${membersSection(p.detail)}
${timelineSection(p.detail)}
${eventsSection(p.detail)}`;
}
