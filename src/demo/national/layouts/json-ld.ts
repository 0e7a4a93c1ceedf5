// "json-ld": a modern site whose profile facts live in a schema.org Person block (gender,
// address, telephone, age as an additionalProperty) while the visible page shows only a heading,
// the ad text and contact buttons. A WebSite block carries the site's own number, which is not
// a profile's. Listings are paged with ?sida=N behind a visible rel="next" link and also carry an
// ItemList block naming the same ads.

import { esc, html, pageCount, pageNumber, type DemoResponse } from '../../html.ts';
import type { NationalProfile, NationalSite } from '../types.ts';
import { SITE_SUPPORT_NUMBER, contactParagraph, disclaimer, headline, pageSlice, photoAlt, photoPath, reviewSection, slug, supportEmail } from './shared.ts';
import type { NationalLayout, NationalRequest } from './types.ts';

const PER_PAGE = 18;

function profilePath(p: NationalProfile): string {
  return `/escort/${slug(p.locality) || 'sverige'}/${encodeURIComponent(p.externalId)}`;
}

/** JSON inside <script>: "</" and "<!--" must not appear, so "<" is escaped as \u003c. */
function jsonScript(data: unknown): string {
  return `<script type="application/ld+json">${JSON.stringify(data).replace(/</g, '\\u003c')}</script>`;
}

const SCHEMA_GENDER: Record<NationalProfile['gender'], readonly string[]> = {
  woman: ['Female', 'https://schema.org/Female', 'Kvinna'],
  man: ['Male', 'https://schema.org/Male', 'Man'],
  trans: ['Trans', 'Transgender', 'Trans'],
};

function frame(site: NationalSite, title: string, main: string, head: string): string {
  const sv = site.language === 'sv';
  const siteBlock = jsonScript({
    '@context': 'https://schema.org',
    '@type': 'WebSite',
    name: site.name,
    publisher: { '@type': 'Organization', name: site.name, telephone: SITE_SUPPORT_NUMBER, email: supportEmail(site) },
  });
  return `<!doctype html>
<html lang="${site.language}">
<head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1"><title>${esc(title)} | ${esc(site.name)}</title>
${siteBlock}
${head}
</head>
<body>
<header class="site-header"><a href="/">${esc(site.name)}</a><nav><a href="/escort">${sv ? 'Annonser' : 'Ads'}</a> <a href="/blogg">Blogg</a></nav></header>
<main>
${main}
</main>
<footer class="site-footer"><p>${esc(disclaimer(site))}</p><p><a href="mailto:${esc(supportEmail(site))}">${esc(supportEmail(site))}</a></p><p><a href="/integritet">${sv ? 'Integritet' : 'Privacy'}</a></p></footer>
</body>
</html>
`;
}

function listing(site: NationalSite, base: string, all: readonly NationalProfile[], page: number): DemoResponse | null {
  const pages = pageCount(all.length, PER_PAGE);
  if (page > pages) return null;
  const shown = pageSlice(all, page, PER_PAGE);
  const list = jsonScript({
    '@context': 'https://schema.org',
    '@type': 'ItemList',
    itemListElement: shown.map((p, i) => ({ '@type': 'ListItem', position: (page - 1) * PER_PAGE + i + 1, url: base + profilePath(p) })),
  });
  const tiles = shown
    .map((p) => `<a class="tile" href="${esc(profilePath(p))}"><img src="${esc(photoPath(p))}" alt=""><span>${esc(headline(p))}</span></a>`)
    .join('\n');
  const next = page < pages ? `<a rel="next" class="btn" href="/escort?sida=${page + 1}">${site.language === 'sv' ? 'Nästa sida' : 'Next page'}</a>` : '';
  const prev = page > 1 ? `<a rel="prev" class="btn" href="/escort?sida=${page - 1}">${site.language === 'sv' ? 'Föregående' : 'Previous'}</a>` : '';
  return html(frame(site, 'Escort', `<div class="grid">\n${tiles}\n</div>\n<div class="paging">${prev} ${next}</div>`, list));
}

function profilePage(site: NationalSite, p: NationalProfile, base: string): DemoResponse {
  const person: Record<string, unknown> = {
    '@context': 'https://schema.org',
    '@type': 'Person',
    identifier: p.externalId,
    description: p.description,
    gender: SCHEMA_GENDER[p.gender][p.style % 3],
    address: { '@type': 'PostalAddress', addressLocality: p.locality, addressCountry: 'SE' },
    image: base + photoPath(p),
  };
  if (p.phones.length === 1) person.telephone = p.phones[0];
  else if (p.phones.length > 1) person.telephone = [...p.phones];
  if (p.age !== null) person.additionalProperty = [{ '@type': 'PropertyValue', name: 'age', value: p.age }];
  const contact = p.phones.length > 0 ? `<a class="btn call" href="tel:${esc(p.phones[0]!)}">${site.language === 'sv' ? 'Ring' : 'Call'}</a>` : '';
  return html(
    frame(
      site,
      headline(p),
      `<article class="profile-card" data-id="${esc(p.externalId)}">
<h1>${esc(headline(p))}</h1>
<img class="hero" src="${esc(photoPath(p))}" alt="${esc(photoAlt(p))}">
<p class="lead">${esc(p.description)}</p>
${contactParagraph(p, 'reach')}${reviewSection(site, p)}<div class="actions">${contact} <a class="btn" href="/escort">${site.language === 'sv' ? 'Fler annonser' : 'More ads'}</a></div>
</article>`,
      jsonScript(person),
    ),
  );
}

export const jsonLd: NationalLayout = {
  id: 'json-ld',
  adapter: 'nat-json-ld',
  startPaths: ['/escort'],
  robots: 'User-agent: *\nDisallow: /konto\n',
  profilePath,
  build(site, profiles) {
    const byPath = new Map(profiles.map((p) => [profilePath(p), p]));
    return {
      serve(req: NationalRequest, base?: string) {
        if (req.path === '/') return html(frame(site, site.name, `<p><a href="/escort">Escort</a></p>`, ''));
        if (req.path === '/escort') {
          const page = pageNumber(req.query.get('sida'));
          return page === null ? null : listing(site, base ?? '', profiles, page);
        }
        const p = byPath.get(req.path);
        return p ? profilePage(site, p, base ?? '') : null;
      },
    };
  },
};
