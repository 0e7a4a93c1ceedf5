// "microdata-cards": a gallery of itemprop-annotated Person cards (/galleri?p=N, a rel="next"
// link in a pager), and profile pages (/kort/<id>) marked up the same way: name, gender, age,
// address locality and telephone each in an itemprop. The footer is an Organization item with
// its own itemprop="telephone", so reading every telephone on the page would take the site's.

import { esc, html, pageCount, pageNumber, type DemoResponse } from '../../html.ts';
import { writePhone } from '../phones.ts';
import type { NationalProfile, NationalSite } from '../types.ts';
import { SITE_SUPPORT_NUMBER, ageText, contactMarkup, disclaimer, genderWord, headline, pageSlice, photoAlt, photoPath, reviewSection, supportEmail } from './shared.ts';
import type { NationalLayout, NationalRequest } from './types.ts';

const PER_PAGE = 21;

function profilePath(p: NationalProfile): string {
  return `/kort/${encodeURIComponent(p.externalId)}`;
}

function frame(site: NationalSite, title: string, main: string): string {
  const sv = site.language === 'sv';
  return `<!doctype html>
<html lang="${site.language}">
<head><meta charset="utf-8"><title>${esc(title)} – ${esc(site.name)}</title></head>
<body>
<div class="nav"><a href="/">${esc(site.name)}</a> <a href="/galleri">${sv ? 'Galleri' : 'Gallery'}</a> <a href="/kontakt">${sv ? 'Kontakt' : 'Contact'}</a></div>
${main}
<div class="org" itemscope itemtype="https://schema.org/Organization"><span itemprop="name">${esc(site.name)}</span> · <a itemprop="telephone" href="tel:${SITE_SUPPORT_NUMBER}">${esc(writePhone(SITE_SUPPORT_NUMBER, 2))}</a> · <a itemprop="email" href="mailto:${esc(supportEmail(site))}">${esc(supportEmail(site))}</a> · ${esc(disclaimer(site))}</div>
</body>
</html>
`;
}

function card(p: NationalProfile): string {
  return `<div class="card" itemscope itemtype="https://schema.org/Person">
<a itemprop="url" href="${esc(profilePath(p))}"><span itemprop="name">${esc(headline(p))}</span></a>
<span itemprop="gender">${esc(genderWord(p))}</span> <span itemprop="homeLocation">${esc(p.locality)}</span>
</div>`;
}

function gallery(site: NationalSite, all: readonly NationalProfile[], page: number): DemoResponse | null {
  const pages = pageCount(all.length, PER_PAGE);
  if (page > pages) return null;
  const sv = site.language === 'sv';
  const next = page < pages ? `<a rel="next" href="/galleri?p=${page + 1}">${sv ? 'Nästa' : 'Next'}</a>` : '';
  return html(
    frame(
      site,
      sv ? 'Galleri' : 'Gallery',
      `<div class="cards">\n${pageSlice(all, page, PER_PAGE).map(card).join('\n')}\n</div>\n<div class="pager">${page > 1 ? `<a rel="prev" href="/galleri?p=${page - 1}">«</a>` : ''} ${page}/${pages} ${next}</div>`,
    ),
  );
}

function profilePage(site: NationalSite, p: NationalProfile): DemoResponse {
  const phones = p.phones
    .map((e164, i) => `<a itemprop="telephone" href="tel:${esc(e164)}">${esc(writePhone(e164, p.style + i * 2))}</a>`)
    .join(' ');
  const reach = contactMarkup(p);
  const age = p.age === null ? '' : `<span itemprop="age">${esc(ageText(p))}</span> · `;
  return html(
    frame(
      site,
      headline(p),
      `<div class="person" itemscope itemtype="https://schema.org/Person">
<meta itemprop="identifier" content="${esc(p.externalId)}">
<h1 itemprop="name">${esc(headline(p))}</h1>
<img itemprop="image" src="${esc(photoPath(p))}" alt="${esc(photoAlt(p))}">
<p class="facts">${age}<span itemprop="gender">${esc(genderWord(p))}</span> · <span itemprop="address" itemscope itemtype="https://schema.org/PostalAddress"><span itemprop="addressLocality">${esc(p.locality)}</span></span></p>
<p itemprop="description">${esc(p.description)}</p>
${reviewSection(site, p, { microdata: true })}<p class="contact">${[phones, reach].filter((s) => s).join(' · ')}</p>
</div>`,
    ),
  );
}

export const microdataCards: NationalLayout = {
  id: 'microdata-cards',
  adapter: 'nat-microdata-cards',
  startPaths: ['/galleri'],
  robots: 'User-agent: *\nDisallow: /kontakt\n',
  profilePath,
  build(site, profiles) {
    const byId = new Map(profiles.map((p) => [p.externalId, p]));
    return {
      serve(req: NationalRequest) {
        if (req.path === '/') return html(frame(site, site.name, '<p><a href="/galleri">Galleri</a></p>'));
        if (req.path === '/galleri') {
          const page = pageNumber(req.query.get('p'));
          return page === null ? null : gallery(site, profiles, page);
        }
        const m = /^\/kort\/([^/]+)$/.exec(req.path);
        const p = m ? byId.get(decodeURIComponent(m[1]!)) : undefined;
        return p ? profilePage(site, p) : null;
      },
    };
  },
};
