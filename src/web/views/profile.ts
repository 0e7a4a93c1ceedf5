// A profile's page: its facts and how they changed from run to run. Locality and site names come
// from the site and are escaped. The address is shown only on the audited reveal.

import type { Role } from '../auth/users.ts';
import type { HistoryRow, ProfileHistory } from '../queries/profile-history.ts';
import { count, day, runName, when } from './format.ts';
import { csrfField, externalLink, html, type Raw } from './layout.ts';

export const REVEAL_ROLES: readonly Role[] = ['outreach', 'admin'];

const place = (f: { locality: string | null; municipality: string | null }) => [f.locality, f.municipality].filter(Boolean).join(', ') || '–';
const yesNo = (b: boolean | undefined) => (b === undefined ? '–' : b ? 'ja' : 'nej');

function facts(p: ProfileHistory): Raw {
  const f = p.latest;
  return html`<table id="profile-facts"><tbody>
<tr><th scope="row">Webbplats</th><td>${p.siteName} <span class="muted">(${p.siteId})</span></td></tr>
<tr><th scope="row">Uppgiven ålder</th><td>${f?.statedAge ?? '–'}</td></tr>
<tr><th scope="row">Kön</th><td>${f?.gender ?? '–'}</td></tr>
<tr><th scope="row">Ort</th><td>${f?.locality ?? '–'}</td></tr>
<tr><th scope="row">Kommun</th><td>${f?.municipality ?? '–'}</td></tr>
<tr><th scope="row">Polisregion</th><td>${f?.policeRegion ?? '–'}</td></tr>
<tr><th scope="row">Först sedd</th><td>${when(p.firstSeenAt)}</td></tr>
<tr><th scope="row">Senast sedd</th><td>${when(p.lastSeenAt)}</td></tr>
<tr><th scope="row">Kluster</th><td>${p.clusterId === null ? '–' : html`<a href="/clusters/${p.clusterId}" id="profile-cluster">Kluster ${p.clusterId}</a>`}</td></tr>
</tbody></table>`;
}

const historyRow = (h: HistoryRow) =>
  html`<tr class="snapshot${h.changed && Object.values(h.changed).some(Boolean) ? ' changed' : ''}"><td>${runName({ id: h.runId, label: h.runLabel })}</td><td>${day(h.observedAt)}</td><td>${h.statedAge ?? '–'}</td><td>${h.gender}</td><td>${place(h)}</td><td class="n">${count(h.phones)}</td><td class="change-age">${yesNo(h.changed?.age)}</td><td class="change-gender">${yesNo(h.changed?.gender)}</td><td class="change-place">${yesNo(h.changed?.place)}</td><td class="change-phones">${yesNo(h.changed?.phones)}</td><td class="change-description">${yesNo(h.changed?.description)}</td></tr>`;

function history(p: ProfileHistory): Raw {
  return html`<h2>Historik</h2>
<table id="profile-history"><thead><tr><th scope="col">Körning</th><th scope="col">Sedd</th><th scope="col">Ålder</th><th scope="col">Kön</th><th scope="col">Plats</th><th scope="col">Antal telefonnummer</th><th scope="col">Ålder ändrad</th><th scope="col">Kön ändrat</th><th scope="col">Plats ändrad</th><th scope="col">Antal nummer ändrat</th><th scope="col">Beskrivning ändrad</th></tr></thead>
<tbody>${p.history.map(historyRow)}</tbody></table>`;
}

function reveal(p: ProfileHistory, role: Role | undefined, csrf: string, url: string | null | undefined): Raw {
  if (url !== undefined) {
    return html`<p id="profile-url">Adress: ${url === null ? html`<span class="muted">ingen sparad adress (rensad)</span>` : externalLink(url)}</p>
<p class="muted">Visningen är registrerad i granskningsloggen.</p>`;
  }
  if (!role || !REVEAL_ROLES.includes(role)) return html``;
  return html`<form id="reveal-url-form" method="post" action="/profiles/${p.id}/reveal">${csrfField(csrf)}<button type="submit">Visa adress</button> <span class="muted">Varje visning registreras i granskningsloggen.</span></form>`;
}

/** `url`: undefined when not revealed, null when revealed but none is stored. */
export function profileView(p: ProfileHistory, role: Role | undefined, csrf: string, url?: string | null): Raw {
  return html`${facts(p)}
${reveal(p, role, csrf, url)}
${history(p)}`;
}
