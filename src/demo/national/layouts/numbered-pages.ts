// "numbered-pages": one global listing (/annonser?page=N) with a row of numbered page links, ad
// cards linking to /annons/<id> twice (image and heading), a "popular" sidebar repeating a few
// profiles, and profile pages whose facts are a <dl>. The footer carries the site's own number.

import { esc, html, pageCount, pageNumber, type DemoResponse } from '../../html.ts';
import type { NationalProfile, NationalSite } from '../types.ts';
import { ageText, contactParagraph, disclaimer, genderWord, headline, pageSlice, phoneMarkup, photoAlt, photoPath, reviewSection, supportLine } from './shared.ts';
import type { NationalLayout, NationalRequest } from './types.ts';

const PER_PAGE = 20;

function profilePath(p: NationalProfile): string {
  return `/annons/${encodeURIComponent(p.externalId)}`;
}

function frame(site: NationalSite, title: string, main: string, aside = ''): string {
  const sv = site.language === 'sv';
  return `<!doctype html>
<html lang="${site.language}">
<head><meta charset="utf-8"><title>${esc(title)} – ${esc(site.name)}</title></head>
<body>
<header><a class="logo" href="/">${esc(site.name)}</a>
<nav><a href="/annonser">${sv ? 'Alla annonser' : 'All ads'}</a> <a href="/villkor">${sv ? 'Villkor' : 'Terms'}</a> <a href="/logga-in">${sv ? 'Logga in' : 'Log in'}</a></nav>
</header>
<div class="banner">${sv ? 'Annonsera här – första veckan gratis!' : 'Advertise here – first week free!'} <a href="/annonsera">${sv ? 'Läs mer' : 'Read more'}</a></div>
<main>
${main}
</main>
${aside}
<footer><p>${supportLine(site)}</p><p>${esc(disclaimer(site))}</p></footer>
</body>
</html>
`;
}

function card(p: NationalProfile): string {
  const href = esc(profilePath(p));
  return `<div class="ad-card">
<a class="thumb" href="${href}"><img src="${esc(photoPath(p))}" alt="" width="120"></a>
<h3><a class="ad-link" href="${href}">${esc(headline(p))}</a></h3>
<p class="meta">${esc(genderWord(p))} · ${esc(p.locality)}</p>
</div>`;
}

function listing(site: NationalSite, all: readonly NationalProfile[], page: number): DemoResponse | null {
  const pages = pageCount(all.length, PER_PAGE);
  if (page > pages) return null;
  const links: string[] = [];
  for (let n = 1; n <= pages; n++) {
    links.push(n === page ? `<span class="current">${n}</span>` : `<a class="page" href="/annonser?page=${n}">${n}</a>`);
  }
  // A few ads repeated on every page, as "popular" boxes do: duplicate links to one profile.
  const popular = all.slice(0, 3).map((p) => `<li><a href="${esc(profilePath(p))}">${esc(headline(p))}</a></li>`).join('');
  const sv = site.language === 'sv';
  return html(
    frame(
      site,
      sv ? `Annonser sida ${page}` : `Ads page ${page}`,
      `<h1>${sv ? 'Annonser' : 'Ads'}</h1>
<section class="ads">
${pageSlice(all, page, PER_PAGE).map(card).join('\n')}
</section>
<div class="pagination">${links.join(' ')}</div>`,
      `<aside class="popular"><h2>${sv ? 'Populära' : 'Popular'}</h2><ul>${popular}</ul></aside>`,
    ),
  );
}

function profilePage(site: NationalSite, p: NationalProfile): DemoResponse {
  const sv = site.language === 'sv';
  const facts: [string, string][] = [
    [sv ? 'Ålder' : 'Age', esc(ageText(p))],
    [sv ? 'Kön' : 'Gender', esc(genderWord(p))],
    [sv ? 'Ort' : 'Location', esc(p.locality)],
    [sv ? 'Telefon' : 'Phone', phoneMarkup(p)],
    [sv ? 'Annons-ID' : 'Ad ID', esc(p.externalId)],
  ];
  return html(
    frame(
      site,
      headline(p),
      `<article class="annons">
<h1>${esc(headline(p))}</h1>
<img class="ad-photo" src="${esc(photoPath(p))}" alt="${esc(photoAlt(p))}">
<dl class="fakta">
${facts.map(([k, v]) => `<dt>${esc(k)}</dt><dd>${v}</dd>`).join('\n')}
</dl>
<div class="beskrivning"><p>${esc(p.description)}</p></div>
${contactParagraph(p, 'kontakt')}${reviewSection(site, p)}</article>`,
      `<aside class="tips"><a href="/annonser">${sv ? 'Tillbaka till annonserna' : 'Back to the ads'}</a></aside>`,
    ),
  );
}

export const numberedPages: NationalLayout = {
  id: 'numbered-pages',
  adapter: 'nat-numbered-pages',
  startPaths: ['/annonser'],
  robots: 'User-agent: *\nDisallow: /logga-in\nDisallow: /annonsera\n',
  profilePath,
  build(site, profiles) {
    const byId = new Map(profiles.map((p) => [p.externalId, p]));
    return {
      serve(req: NationalRequest) {
        if (req.path === '/') return html(frame(site, site.name, `<h1>${esc(site.name)}</h1><p><a href="/annonser">${site.language === 'sv' ? 'Alla annonser' : 'All ads'}</a></p>`));
        if (req.path === '/annonser') {
          const page = pageNumber(req.query.get('page'));
          return page === null ? null : listing(site, profiles, page);
        }
        const m = /^\/annons\/([^/]+)$/.exec(req.path);
        if (!m) return null;
        const p = byId.get(decodeURIComponent(m[1]!));
        return p ? profilePage(site, p) : null;
      },
    };
  },
};
