// Demo site C, "tabell": an older PHP-style site. The listing is a table (search.php?p=N) whose
// links carry the id (profile.php?id=123), some with tracking parameters or a fragment; profile
// pages have a table of facts with mixed English/Swedish labels (Age, Gender / Kön, Location),
// the number in a data-phone attribute of a "show number" button and/or a WhatsApp link, and
// places often written as districts ("Hisingen, Göteborg", "Möllevången"). No semantic markup:
// the footer with the support number is a plain <div>, so only the adapter's scope keeps it out.

import { siteProfiles, type DemoProfile, type DemoWorld } from '../generator.ts';
import { esc, html, pageCount, pageNumber, type DemoResponse } from '../html.ts';
import { SITE_SERVICE_NUMBERS, formatPhone, standardForm } from '../phones.ts';
import type { DemoSiteRenderer, SiteContext } from './types.ts';

const NAME = 'Kartla demo – tabell';
const PER_PAGE = 25;
const SERVICE = SITE_SERVICE_NUMBERS[2];

function profilePath(p: DemoProfile): string {
  return `/profile.php?id=${p.externalId}`;
}

function layout(title: string, content: string): string {
  return `<!DOCTYPE HTML PUBLIC "-//W3C//DTD HTML 4.01 Transitional//EN">
<html>
<head>
<meta http-equiv="Content-Type" content="text/html; charset=utf-8">
<title>${esc(title)} :: ${esc(NAME)}</title>
</head>
<body>
<table class="layout" width="100%"><tr><td class="top"><a href="index.php">${esc(NAME)}</a> | <a href="search.php">Sök / Search</a> | <a href="login.php">Login</a></td></tr></table>
<div id="content">
${content}
</div>
<div id="footer">
<p>Support: <button class="call" data-phone="${esc(standardForm(SERVICE))}">Ring oss</button> <a href="https://wa.me/${SERVICE.slice(1)}">WhatsApp support</a> · ${esc(standardForm(SERVICE))}</p>
<p>All profiles are fictional / Alla profiler är påhittade.</p>
</div>
</body>
</html>
`;
}

function listing(world: DemoWorld, rawPage: string | null): DemoResponse | null {
  const page = pageNumber(rawPage);
  if (page === null) return null;
  const all = siteProfiles(world, 'demo-tabell');
  const pages = pageCount(all.length, PER_PAGE);
  if (page > pages) return null;
  const rows = all
    .slice((page - 1) * PER_PAGE, page * PER_PAGE)
    .map((p) => {
      // Relative links, some carrying campaign parameters or a fragment, as such sites do.
      const tracked = p.style % 4 === 0 ? '&amp;utm_source=lista&amp;utm_medium=tabell' : '';
      return `<tr><td><a href="profile.php?id=${esc(p.externalId)}${tracked}">${esc(p.name)}</a></td><td>${p.age ?? '-'}</td><td>${esc(p.place.text)}</td><td>${esc(p.posted)}</td><td><a href="profile.php?id=${esc(p.externalId)}#bilder">Visa</a></td></tr>`;
    })
    .join('\n');
  const pager: string[] = [];
  for (let n = 1; n <= pages; n++) pager.push(n === page ? `<b>${n}</b>` : `<a href="search.php?p=${n}">${n}</a>`);
  if (page < pages) pager.push(`<a class="next" href="search.php?p=${page + 1}">&raquo;</a>`);
  return html(
    layout(
      'Search',
      `<h2>Profiler / Profiles</h2>
<table class="results" border="1" cellpadding="3">
<tr><th>Namn</th><th>Ålder</th><th>Stad</th><th>Datum</th><th></th></tr>
${rows}
</table>
<div class="pager">Sida: ${pager.join(' ')}</div>`,
    ),
  );
}

function genderText(p: DemoProfile): string {
  const forms = { woman: ['Female', 'Kvinna'], man: ['Male', 'Man'], trans: ['Trans', 'TS'] }[p.gender];
  return forms[p.style % 2]!;
}

function phoneCell(p: DemoProfile): string {
  if (p.phones.length === 0) return 'Ej angivet';
  const [first, second] = p.phones;
  const button = (e164: string) =>
    `<button class="show-phone" data-phone="${esc(formatPhone(e164, [4, 1, 0][p.style % 3]!))}">Visa nummer</button>`;
  const whatsapp = (e164: string) => `<a class="wa" href="https://wa.me/${e164.slice(1)}?text=Hej">WhatsApp</a>`;
  if (second) return `${button(first!.e164)} ${whatsapp(second.e164)}`;
  switch (p.style % 3) {
    case 0:
      return button(first!.e164);
    case 1:
      return whatsapp(first!.e164);
    default:
      return `${button(first!.e164)} ${whatsapp(first!.e164)}`;
  }
}

function profilePage(world: DemoWorld, id: string | null): DemoResponse | null {
  const p = siteProfiles(world, 'demo-tabell').find((x) => x.externalId === id);
  if (!p) return null;
  const ageLabel = p.style % 2 === 0 ? 'Age' : 'Ålder (Age)';
  const rows: [string, string][] = [
    [ageLabel, p.age === null ? '-' : String(p.age)],
    ['Gender / Kön', esc(genderText(p))],
    ['Location', esc(p.place.text)],
    ['Telefon', phoneCell(p)],
    ['Price', `${p.pricePerHour}:-`],
    ['Hours', esc(p.hours)],
    ['Profile ID', esc(p.externalId)],
  ];
  const content = `<div class="profile-box">
<h2>${esc(p.title)}</h2>
<table class="facts">
${rows.map(([k, v]) => `<tr><th>${esc(k)}</th><td>${v}</td></tr>`).join('\n')}
</table>
<div class="about">
${p.description.map((s) => `<p>${esc(s)}</p>`).join('\n')}
</div>
<p class="updated">Updated ${esc(p.posted)}</p>
</div>`;
  return html(layout(p.title, content));
}

export const tabellSite: DemoSiteRenderer = {
  id: 'demo-tabell',
  name: NAME,
  adapter: 'demo-tabell',
  startPaths: ['/search.php'],
  robots: 'User-agent: *\nDisallow: /login.php\nDisallow: /admin/\n',
  profilePath,
  render(req, ctx: SiteContext) {
    if (req.path === '/' || req.path === '/index.php') {
      return html(layout('Start', '<h2>Välkommen / Welcome</h2>\n<p><a href="search.php">Alla profiler</a></p>'));
    }
    if (req.path === '/search.php') return listing(ctx.world, req.query.get('p'));
    if (req.path === '/profile.php') return profilePage(ctx.world, req.query.get('id'));
    return null;
  },
};
