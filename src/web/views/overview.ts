// The overview page: the latest run, volumes over time, what changed per site, drift alerts.
// Volumes and counts only: no number, address or text from a profile.

import type { UserView } from '../auth/users.ts';
import type { OverviewData, SiteChange } from '../queries/overview-data.ts';
import { count, runName, signed, when } from './format.ts';
import { html, raw, type Raw } from './layout.ts';

export const noRunsView = () =>
  html`<p id="no-runs">Inga körningar ännu. Kör <code>kartla map</code> (eller <code>kartla demo</code> för att prova) så visas webbplatsernas volymer här. / No runs yet: run <code>kartla map</code> first.</p>`;

function latestRun(d: OverviewData): Raw {
  const r = d.run;
  return html`<section id="latest-run">
<h2>Senaste körning</h2>
<table id="run-summary"><tbody>
<tr><th scope="row">Körning</th><td>${runName(r)}</td></tr>
<tr><th scope="row">Status</th><td class="run-status">${r.status}</td></tr>
<tr><th scope="row">Startad</th><td>${when(r.startedAt)}</td></tr>
<tr><th scope="row">Klar</th><td>${when(r.finishedAt)}</td></tr>
<tr><th scope="row">Webbplatser ok / delvis / misslyckade</th><td>${count(r.sitesOk)} / ${count(r.sitesPartial)} / ${count(r.sitesFailed)}${r.sitesInterrupted ? html` (${count(r.sitesInterrupted)} avbrutna)` : ''}</td></tr>
<tr><th scope="row">Profiler</th><td class="n">${count(r.profiles)}</td></tr>
</tbody></table>
</section>`;
}

function regionLine(d: OverviewData, user: UserView | null): Raw {
  if (!user?.region) return html``;
  return html`<p id="region-profiles">I din region (${user.region}): <strong>${count(d.regionProfiles.get(user.region) ?? 0)}</strong> profiler i senaste körningen.</p>`;
}

const changeRow = (c: SiteChange) =>
  html`<tr class="site-change${c.status && c.status !== 'ok' ? ' incomplete' : ''}"><td>${c.siteName}</td><td>${c.status ?? 'ej kartlagd'}</td><td class="n">${count(c.now)}</td><td class="n">${count(c.before)}</td><td class="n">${signed(c.change)}</td><td class="n">${count(c.added)}</td><td class="n">${count(c.gone)}</td></tr>`;

function siteChanges(d: OverviewData): Raw {
  if (!d.previous) return html`<h2>Förändring sedan förra körningen</h2><p id="no-previous">Ingen tidigare körning att jämföra med.</p>`;
  return html`<h2>Förändring sedan förra körningen (${runName(d.previous)}, ${when(d.previous.startedAt)})</h2>
<table id="site-changes"><thead><tr><th scope="col">Webbplats</th><th scope="col">Status</th><th scope="col">Profiler nu</th><th scope="col">Före</th><th scope="col">Förändring</th><th scope="col">Nya</th><th scope="col">Borta</th></tr></thead>
<tbody>${d.siteChanges.map(changeRow)}</tbody></table>
<p class="muted">Nya och borta räknas bara för webbplatser som lästes fullständigt i båda körningarna.</p>`;
}

function alerts(d: OverviewData): Raw {
  if (d.alerts.length === 0) return html`<h2>Larm</h2><p id="no-alerts">Inga larm i senaste körningen.</p>`;
  return html`<h2>Larm</h2>
<table id="alerts-table"><thead><tr><th scope="col">Webbplats</th><th scope="col">Typ</th><th scope="col">Allvar</th><th scope="col">Meddelande</th></tr></thead>
<tbody>${d.alerts.map((a) => html`<tr class="alert ${a.severity === 'critical' ? 'critical' : 'warning'}"><td>${a.siteId ?? '–'}</td><td>${a.kind}</td><td>${a.severity}</td><td>${a.message}</td></tr>`)}</tbody></table>`;
}

export function overviewView(d: OverviewData, user: UserView | null): Raw {
  return html`${latestRun(d)}
${regionLine(d, user)}
<h2>Volymer över tid</h2>
<figure id="chart-over-time">${raw(d.chartSvg)}</figure>
${siteChanges(d)}
${alerts(d)}`;
}
