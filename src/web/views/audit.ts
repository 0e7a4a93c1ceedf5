// The audit log for administrators. Actors and targets can carry what someone typed at the login
// form, so every cell is escaped; detail is shown as its JSON text.

import type { AuditFilter, AuditRow } from '../queries/audit-page.ts';
import { when } from './format.ts';
import { html, type Raw } from './layout.ts';

/** The page's filter as a query string, for the export link and the paging links. */
export function auditQuery(filter: AuditFilter, page?: number): string {
  const q = new URLSearchParams();
  if (filter.action) q.set('action', filter.action);
  if (filter.actor) q.set('actor', filter.actor);
  if (page && page > 1) q.set('page', String(page));
  const s = q.toString();
  return s ? `?${s}` : '';
}

function filters(filter: AuditFilter, actions: string[]): Raw {
  return html`<form class="filters" method="get" action="/audit">
<label>Händelse<select name="action"><option value="">alla</option>${actions.map((a) => html`<option value="${a}"${a === filter.action ? ' selected' : ''}>${a}</option>`)}</select></label>
<label>Aktör<input name="actor" value="${filter.actor ?? ''}" maxlength="60" pattern="[a-z0-9:._\\-]{1,60}"></label>
<button type="submit">Filtrera</button>
<a id="audit-export" href="/audit.csv${auditQuery(filter)}">Exportera CSV</a>
</form>`;
}

const row = (r: AuditRow) =>
  html`<tr class="audit-row"><td>${when(r.at)}</td><td>${r.actor}</td><td>${r.action}</td><td>${r.target}</td><td>${r.source ?? '–'}</td><td><code>${JSON.stringify(r.detail ?? {})}</code></td></tr>`;

export function auditView(rows: AuditRow[], filter: AuditFilter, actions: string[], page: number, more: boolean): Raw {
  return html`<p class="muted">Loggen kan bara läsas och exporteras, aldrig ändras. Nyaste först, 100 per sida.</p>
${filters(filter, actions)}
<table id="audit-table"><thead><tr><th scope="col">Tid (UTC)</th><th scope="col">Aktör</th><th scope="col">Händelse</th><th scope="col">Mål</th><th scope="col">Källa</th><th scope="col">Detaljer</th></tr></thead>
<tbody>${rows.map(row)}</tbody></table>
${rows.length === 0 ? html`<p id="audit-empty">Inga händelser.</p>` : ''}
<p class="paging">${page > 1 ? html`<a rel="prev" href="/audit${auditQuery(filter, page - 1)}">Nyare</a> ` : ''}Sida ${page}${more ? html` <a rel="next" href="/audit${auditQuery(filter, page + 1)}">Äldre</a>` : ''}</p>`;
}
