// Health of every site in recent runs: status, volumes, errors, how full each field came out.
// Failed and partial site runs are marked so they stand out; site names and failure reasons come
// from the sites and their answers, so they are escaped like everything else.

import { HEALTH_FIELDS, type HealthField } from '../../health/metrics.ts';
import type { RunAlert, SiteRunRow } from '../queries/site-health.ts';
import { count, percent, runName, when } from './format.ts';
import { html, type Raw } from './layout.ts';

const FIELD_NAMES: Readonly<Record<HealthField, string>> = { age: 'ålder', gender: 'kön', municipality: 'kommun', phone: 'telefon', location: 'platstext' };

const MARKED = new Set(['failed', 'partial', 'interrupted']);

function fillRates(r: SiteRunRow): Raw[] {
  const rates = r.health?.fillRates ?? null;
  return HEALTH_FIELDS.map((f) => html`<td class="n fill-${f}">${rates ? percent(rates[f]) : '–'}</td>`);
}

const row = (r: SiteRunRow) => {
  const marked = MARKED.has(r.status);
  return html`<tr class="site-run${marked ? ` ${r.status} warn` : ''}" data-run="${r.runId}" data-site="${r.siteId}"><td>${r.siteName} <span class="muted">(${r.siteId})</span></td><td>${runName({ id: r.runId, label: r.runLabel })}<br><span class="muted">${when(r.runStartedAt)}</span></td><td class="status">${marked ? html`<strong>${r.status}</strong>` : r.status}${r.failureReason ? html`<br><span class="muted">${r.failureReason}</span>` : ''}${r.health?.blocking.storm ? html`<br><strong>blockering</strong>` : ''}</td><td class="n">${count(r.pages)}</td><td class="n">${count(r.profiles)}</td><td class="n">${count(r.errors)}</td>${fillRates(r)}</tr>`;
};

function alertsView(alerts: RunAlert[]): Raw {
  if (alerts.length === 0) return html`<p id="no-alerts">Inga larm i dessa körningar.</p>`;
  return html`<table id="run-alerts"><thead><tr><th scope="col">Körning</th><th scope="col">Webbplats</th><th scope="col">Typ</th><th scope="col">Allvar</th><th scope="col">Meddelande</th></tr></thead>
<tbody>${alerts.map((a) => html`<tr class="alert ${a.severity === 'critical' ? 'critical' : 'warning'}"><td>#${a.runId}</td><td>${a.siteId ?? '–'}</td><td>${a.kind}</td><td>${a.severity}</td><td>${a.message}</td></tr>`)}</tbody></table>`;
}

export function sitesView(siteRuns: SiteRunRow[], alerts: RunAlert[], runs: number): Raw {
  return html`<form class="filters" method="get" action="/sites"><label>Antal körningar<input name="runs" type="number" min="1" max="50" value="${runs}"></label><button type="submit">Visa</button></form>
${siteRuns.length === 0 ? html`<p id="no-runs">Inga körningar ännu. Kör <code>kartla map</code>.</p>` : ''}
<table id="site-health"><thead><tr><th scope="col">Webbplats</th><th scope="col">Körning</th><th scope="col">Status</th><th scope="col">Sidor</th><th scope="col">Profiler</th><th scope="col">Fel</th>${HEALTH_FIELDS.map((f) => html`<th scope="col">Andel ${FIELD_NAMES[f]}</th>`)}</tr></thead>
<tbody>${siteRuns.map(row)}</tbody></table>
<h2>Larm per körning</h2>
${alertsView(alerts)}`;
}
