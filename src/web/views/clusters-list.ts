// The cluster list page: the filter form and one page of clusters. No number or profile URL is
// ever given to this view, whoever looks at it.

import type { UserView } from '../auth/users.ts';
import type { WebClusterRow } from '../queries/clusters-list.ts';
import { CLUSTER_VIEWS, INDICATOR_CODES, POLICE_REGIONS } from '../queries/clusters-codes.ts';
import { html, type Raw } from './layout.ts';
import { indicatorList, priorityText, shortList } from './clusters-parts.ts';

/** The filters as the user gave them (strings as typed), for the form and the page links. */
export interface FilterValues {
  run?: number;
  region?: string;
  locality?: string;
  site?: string;
  minSize?: number;
  indicator?: string;
  view: string;
  new?: boolean;
  movedIn?: boolean;
}

export interface ClusterListPage {
  runId: number;
  rows: WebClusterRow[];
  total: number;
  page: number;
  pageSize: number;
  filters: FilterValues;
  user: UserView;
}

function queryOf(f: FilterValues, page: number): string {
  const q = new URLSearchParams();
  if (f.run !== undefined) q.set('run', String(f.run));
  // Kept even when empty: an empty region means "all regions", not the user's own.
  q.set('region', f.region ?? '');
  for (const key of ['locality', 'site', 'indicator'] as const) if (f[key]) q.set(key, f[key]!);
  if (f.minSize !== undefined) q.set('minSize', String(f.minSize));
  q.set('view', f.view);
  if (f.new) q.set('new', '1');
  if (f.movedIn) q.set('movedIn', '1');
  if (page > 1) q.set('page', String(page));
  return q.toString();
}

const option = (value: string, label: string, selected: boolean) => html`<option value="${value}"${selected ? html` selected` : ''}>${label}</option>`;

function filterForm(f: FilterValues, user: UserView): Raw {
  const movedLabel = user.region ? `Flyttat in till ${user.region} sedan förra körningen` : 'Flyttat till en annan region sedan förra körningen';
  return html`<form class="filters" method="get" action="/clusters">
<label>Polisregion<select name="region">${option('', 'Alla regioner', !f.region)}${POLICE_REGIONS.map((r) => option(r, r, f.region === r))}</select></label>
<label>Ort<input name="locality" value="${f.locality ?? ''}" maxlength="60"></label>
<label>Sajt<input name="site" value="${f.site ?? ''}" maxlength="63"></label>
<label>Minst antal profiler<input name="minSize" type="number" min="2" max="100000" value="${f.minSize ?? ''}"></label>
<label>Indikator<select name="indicator">${option('', 'Alla', !f.indicator)}${INDICATOR_CODES.map((c) => option(c, c, f.indicator === c))}</select></label>
<label>Vy<select name="view">${CLUSTER_VIEWS.map((v) => option(v, v === 'phone' ? 'Delade nummer' : 'Nummer och svagare band', f.view === v))}</select></label>
<label>Körning<input name="run" type="number" min="1" value="${f.run ?? ''}" placeholder="senaste"></label>
<label><span><input type="checkbox" name="new" value="1"${f.new ? html` checked` : ''}> Nya i körningen</span></label>
<label><span><input type="checkbox" name="movedIn" value="1"${f.movedIn ? html` checked` : ''}> ${movedLabel}</span></label>
<button type="submit">Filtrera</button>
</form>`;
}

function row(c: WebClusterRow): Raw {
  const f = c.facts;
  return html`<tr class="cluster-row" data-cluster-id="${c.id}">
<td><a href="/clusters/${c.id}?run=${c.runId}">${c.id}</a>${c.firstRunId === c.runId ? html` <span class="muted">ny</span>` : ''}</td>
<td class="n">${c.size}</td><td class="n">${c.phones}</td>
<td>${shortList(f.sites, 4)}</td><td>${f.policeRegions.join(', ')}</td><td>${shortList(f.localities, 3)}</td>
<td>${indicatorList(c.indicators)}</td>
<td class="n">${c.priority.toFixed(1)}</td>
<td class="why">${priorityText(c.priorityParts)}</td>
</tr>`;
}

function pager(p: ClusterListPage): Raw {
  const pages = Math.max(1, Math.ceil(p.total / p.pageSize));
  if (pages <= 1) return html``;
  return html`<nav class="pager">Sida ${p.page} av ${pages}
${p.page > 1 ? html` <a href="/clusters?${queryOf(p.filters, p.page - 1)}" rel="prev">Föregående</a>` : ''}
${p.page < pages ? html` <a href="/clusters?${queryOf(p.filters, p.page + 1)}" rel="next">Nästa</a>` : ''}</nav>`;
}

export function clusterListView(p: ClusterListPage): Raw {
  const from = p.total === 0 ? 0 : (p.page - 1) * p.pageSize + 1;
  const to = (p.page - 1) * p.pageSize + p.rows.length;
  return html`<p class="muted">Grupper av profiler som delar telefonnummer, högst prioritet först. En indikator är en uppmaning att titta närmare, aldrig en slutsats.</p>
${filterForm(p.filters, p.user)}
<p class="total">Körning ${p.runId}: <strong id="clusters-total">${p.total}</strong> kluster${p.total ? ` (visar ${from}–${to})` : ''}.</p>
<table id="clusters-table">
<thead><tr><th>Kluster</th><th>Profiler</th><th>Nummer</th><th>Sajter</th><th>Polisregioner</th><th>Orter</th><th>Indikatorer</th><th>Prioritet</th><th>Varför</th></tr></thead>
<tbody>
${p.rows.map(row)}
</tbody></table>
${p.rows.length ? '' : html`<p>Inga kluster matchar filtren.</p>`}
${pager(p)}`;
}
