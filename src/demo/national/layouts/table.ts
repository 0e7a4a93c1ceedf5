// "table": an old PHP-style site. The listing is one table row per ad (search.php?p=N) whose
// links carry tracking parameters or a fragment; the pager has numbered links and a "»". Profile
// pages have a th/td facts table with bilingual labels and the number in a "show number" button's
// data-phone. No semantic markup at all: the footer is a plain div, so only scope keeps it out.

import { esc, html, pageCount, pageNumber, type DemoResponse } from '../../html.ts';
import { writePhone } from '../phones.ts';
import type { NationalProfile, NationalSite } from '../types.ts';
import { ageText, contactMarkup, disclaimer, genderWord, headline, photoPath, reviewSection, supportLine } from './shared.ts';
import type { NationalLayout, NationalRequest } from './types.ts';

const PER_PAGE = 30;

function profilePath(p: NationalProfile): string {
  return `/profile.php?id=${encodeURIComponent(p.externalId)}`;
}

function frame(site: NationalSite, title: string, content: string): string {
  return `<!DOCTYPE HTML PUBLIC "-//W3C//DTD HTML 4.01 Transitional//EN">
<html>
<head><meta http-equiv="Content-Type" content="text/html; charset=utf-8"><title>${esc(title)} :: ${esc(site.name)}</title></head>
<body>
<table class="layout" width="100%"><tr><td class="top"><a href="index.php">${esc(site.name)}</a> | <a href="search.php">Sök / Search</a> | <a href="login.php">Login</a> | <a href="faq.php">FAQ</a></td></tr></table>
<div id="content">
${content}
</div>
<div id="footer"><p>${supportLine(site)}</p><p>${esc(disclaimer(site))}</p></div>
</body>
</html>
`;
}

function listing(site: NationalSite, all: readonly NationalProfile[], page: number): DemoResponse | null {
  const pages = pageCount(all.length, PER_PAGE);
  if (page > pages) return null;
  const rows = all
    .slice((page - 1) * PER_PAGE, page * PER_PAGE)
    .map((p) => {
      const tracked = p.style % 4 === 0 ? '&amp;utm_source=lista&amp;utm_medium=tabell' : '';
      const id = esc(encodeURIComponent(p.externalId));
      return `<tr><td><a href="profile.php?id=${id}${tracked}">${esc(headline(p))}</a></td><td>${p.age ?? '-'}</td><td>${esc(p.locality)}</td><td><a href="profile.php?id=${id}#bilder">Visa</a></td></tr>`;
    })
    .join('\n');
  const pager: string[] = [];
  for (let n = 1; n <= pages; n++) pager.push(n === page ? `<b>${n}</b>` : `<a href="search.php?p=${n}">${n}</a>`);
  if (page < pages) pager.push(`<a class="next" href="search.php?p=${page + 1}">&raquo;</a>`);
  return html(
    frame(
      site,
      'Search',
      `<h2>Profiler / Profiles</h2>
<table class="results" border="1" cellpadding="3">
<tr><th>Rubrik</th><th>Ålder</th><th>Stad</th><th></th></tr>
${rows}
</table>
<div class="pager">Sida: ${pager.join(' ')}</div>`,
    ),
  );
}

function phoneCell(p: NationalProfile): string {
  if (p.phones.length === 0) return 'Ej angivet';
  return p.phones
    .map((e164, i) =>
      (p.style + i) % 3 === 2
        ? `<a class="wa" href="https://wa.me/${esc(e164.slice(1))}?text=Hej">WhatsApp</a>`
        : `<button class="show-phone" data-phone="${esc(writePhone(e164, p.style + i))}">Visa nummer</button>`,
    )
    .join(' ');
}

function profilePage(site: NationalSite, p: NationalProfile): DemoResponse {
  const rows: [string, string][] = [
    [p.style % 2 === 0 ? 'Age' : 'Ålder (Age)', esc(ageText(p))],
    ['Gender / Kön', esc(genderWord(p))],
    ['Location', esc(p.locality)],
    ['Telefon', phoneCell(p)],
    ['Profile ID', esc(p.externalId)],
  ];
  const reach = contactMarkup(p);
  if (reach) rows.splice(4, 0, ['Kontakt / Contact', reach]);
  return html(
    frame(
      site,
      headline(p),
      `<div class="profile-box">
<h2>${esc(headline(p))}</h2>
<div id="bilder"><img src="${esc(photoPath(p).slice(1))}" border="0" width="240"></div>
<table class="facts">
${rows.map(([k, v]) => `<tr><th>${esc(k)}</th><td>${v}</td></tr>`).join('\n')}
</table>
<div class="about"><p>${esc(p.description)}</p></div>
${reviewSection(site, p)}</div>`,
    ),
  );
}

export const table: NationalLayout = {
  id: 'table',
  adapter: 'nat-table',
  startPaths: ['/search.php'],
  robots: 'User-agent: *\nDisallow: /login.php\nDisallow: /admin/\n',
  profilePath,
  build(site, profiles) {
    const byId = new Map(profiles.map((p) => [p.externalId, p]));
    return {
      serve(req: NationalRequest) {
        if (req.path === '/' || req.path === '/index.php') return html(frame(site, 'Start', '<h2>Välkommen / Welcome</h2><p><a href="search.php">Alla profiler</a></p>'));
        if (req.path === '/search.php') {
          const page = pageNumber(req.query.get('p'));
          return page === null ? null : listing(site, profiles, page);
        }
        if (req.path === '/profile.php') {
          const p = byId.get(req.query.get('id') ?? '');
          return p ? profilePage(site, p) : null;
        }
        return null;
      },
    };
  },
};
