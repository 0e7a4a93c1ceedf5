// "english": an English-language directory aimed at visitors. Listings are grouped by region
// page (/escorts?page=N) with "Page N of M" and a next button only; cards link to the profile by
// photo, name line and a "view profile" button (three links to one ad). Profile pages
// (/escorts/<city>/<id>) show stats as label/value div pairs with English labels, a "rates"
// table that must not be read as facts, contact buttons (tel:, WhatsApp) and a site hotline in a
// "call us" banner above the profile.

import { esc, html, pageCount, pageNumber, type DemoResponse } from '../../html.ts';
import { writePhone } from '../phones.ts';
import type { NationalProfile, NationalSite } from '../types.ts';
import { SITE_SUPPORT_NUMBER, contactMarkup, disclaimer, genderWord, headline, pageSlice, photoAlt, photoPath, reviewSection, slug, supportEmail } from './shared.ts';
import type { NationalLayout, NationalRequest } from './types.ts';

const PER_PAGE = 16;

function profilePath(p: NationalProfile): string {
  return `/escorts/${slug(p.locality) || 'sweden'}/${encodeURIComponent(p.externalId)}`;
}

function frame(site: NationalSite, title: string, main: string): string {
  return `<!doctype html>
<html lang="en">
<head><meta charset="utf-8"><title>${esc(title)} | ${esc(site.name)}</title></head>
<body>
<div class="topnav"><a href="/">${esc(site.name)}</a> <a href="/escorts">Escorts</a> <a href="/agencies">Agencies</a> <a href="/join">Join</a></div>
<div class="callus">Questions? Call us on <a href="tel:${SITE_SUPPORT_NUMBER}">${esc(writePhone(SITE_SUPPORT_NUMBER, 1))}</a></div>
<div class="page">
${main}
</div>
<div class="bottom">${esc(disclaimer(site))} Bookings and complaints: <a href="mailto:${esc(supportEmail(site))}">${esc(supportEmail(site))}</a></div>
</body>
</html>
`;
}

function ageWords(p: NationalProfile): string {
  if (p.age === null) return 'Ask me';
  return [`${p.age}`, `${p.age} years`, `${p.age} y/o`][(p.style >>> 2) % 3]!;
}

function listing(site: NationalSite, all: readonly NationalProfile[], page: number): DemoResponse | null {
  const pages = pageCount(all.length, PER_PAGE);
  if (page > pages) return null;
  const cards = pageSlice(all, page, PER_PAGE)
    .map((p) => {
      const href = esc(profilePath(p));
      return `<div class="escort-card">
<a href="${href}"><img src="${esc(photoPath(p))}" alt=""></a>
<a class="name" href="${href}">${esc(headline(p))}</a>
<div class="sub">${esc(p.locality)} · ${esc(genderWord(p))}</div>
<a class="button view" href="${href}">View profile</a>
</div>`;
    })
    .join('\n');
  const next = page < pages ? `<a class="button next-page" href="/escorts?page=${page + 1}">Next page</a>` : '';
  return html(frame(site, 'Escorts in Sweden', `<h1>Escorts in Sweden</h1>\n<div class="cards">\n${cards}\n</div>\n<div class="pageinfo">Page ${page} of ${pages} ${next}</div>`));
}

function profilePage(site: NationalSite, p: NationalProfile): DemoResponse {
  const stats: [string, string][] = [
    ['Age', esc(ageWords(p))],
    ['Gender', esc(genderWord(p))],
    ['City', esc(p.locality)],
    ['Languages', p.language === 'sv' ? 'Swedish, English' : 'English'],
  ];
  const contact = p.phones
    .map((e164, i) =>
      (p.style + i) % 2 === 0
        ? `<a class="button call" href="tel:${esc(e164)}">${esc(writePhone(e164, p.style + i))}</a>`
        : `<a class="button wa" href="https://wa.me/${esc(e164.slice(1))}">WhatsApp</a>`,
    )
    .join(' ');
  const reach = contactMarkup(p);
  const buttons = [contact, reach].filter((s) => s).join(' ');
  return html(
    frame(
      site,
      headline(p),
      `<div class="escort-profile">
<h1>${esc(headline(p))}</h1>
<div class="gallery"><img class="main-photo" src="${esc(photoPath(p))}" alt="${esc(photoAlt(p))}"></div>
<div class="stats">
${stats.map(([k, v]) => `<div class="stat"><div class="stat-name">${esc(k)}</div><div class="stat-value">${v}</div></div>`).join('\n')}
</div>
<table class="rates"><tr><th>Duration</th><th>Incall</th><th>Outcall</th></tr><tr><td>1 hour</td><td>2000 SEK</td><td>2500 SEK</td></tr></table>
<div class="about">${esc(p.description)}</div>
${reviewSection(site, p)}<div class="contact">${buttons || 'Contact me through the site messages.'}</div>
<p class="profile-no">Profile no. ${esc(p.externalId)}</p>
</div>`,
    ),
  );
}

export const english: NationalLayout = {
  id: 'english',
  adapter: 'nat-english',
  startPaths: ['/escorts'],
  robots: 'User-agent: *\nDisallow: /join\nDisallow: /account/\n',
  profilePath,
  build(site, profiles) {
    const byPath = new Map(profiles.map((p) => [profilePath(p), p]));
    return {
      serve(req: NationalRequest) {
        if (req.path === '/') return html(frame(site, site.name, '<p><a href="/escorts">Browse escorts</a></p>'));
        if (req.path === '/escorts') {
          const page = pageNumber(req.query.get('page'));
          return page === null ? null : listing(site, profiles, page);
        }
        const p = byPath.get(req.path);
        return p ? profilePage(site, p) : null;
      },
    };
  },
};
