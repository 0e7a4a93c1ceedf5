// "rel-next": the listing (/lista, /lista/2, ...) says where the next page is only through
// <link rel="next"> in the head: no visible pager, only a "to the top" link. Profile pages live at
// /profil/<slug>-<id> and give their facts as label/value span pairs in a list, with the numbers
// behind tel: links or plain text; a related-ads box links to other profiles.

import { esc, html, pageCount, type DemoResponse } from '../../html.ts';
import type { NationalProfile, NationalSite } from '../types.ts';
import { ageText, contactMarkup, disclaimer, genderWord, headline, pageSlice, phoneMarkup, photoPath, reviewSection, slug, supportLine } from './shared.ts';
import type { NationalLayout, NationalRequest } from './types.ts';

const PER_PAGE = 24;

function profilePath(p: NationalProfile): string {
  return `/profil/${slug(p.locality) || 'ort'}-${encodeURIComponent(p.externalId)}`;
}

function listPath(page: number): string {
  return page === 1 ? '/lista' : `/lista/${page}`;
}

function frame(site: NationalSite, title: string, main: string, head = ''): string {
  const sv = site.language === 'sv';
  return `<!doctype html>
<html lang="${site.language}">
<head><meta charset="utf-8"><title>${esc(title)} | ${esc(site.name)}</title>
${head}</head>
<body>
<div class="topbar" role="banner"><a href="/">${esc(site.name)}</a> · <a href="/lista">${sv ? 'Annonser' : 'Listings'}</a> · <a href="/om">${sv ? 'Om oss' : 'About'}</a></div>
<div id="wrap">
${main}
</div>
<div class="site-footer" role="contentinfo"><p>${supportLine(site)}</p><p>${esc(disclaimer(site))}</p></div>
</body>
</html>
`;
}

function listing(site: NationalSite, all: readonly NationalProfile[], page: number): DemoResponse | null {
  const pages = pageCount(all.length, PER_PAGE);
  if (page > pages) return null;
  const head = [
    page > 1 ? `<link rel="prev" href="${listPath(page - 1)}">` : '',
    page < pages ? `<link rel="next" href="${listPath(page + 1)}">` : '',
    `<link rel="canonical" href="${listPath(page)}">`,
  ].join('\n');
  const items = pageSlice(all, page, PER_PAGE)
    .map((p) => `<li class="item"><a class="item-link" href="${esc(profilePath(p))}">${esc(headline(p))}</a> <span class="where">${esc(p.locality)}</span> <a class="more" href="${esc(profilePath(p))}#kontakt">»</a></li>`)
    .join('\n');
  return html(frame(site, site.language === 'sv' ? 'Annonser' : 'Listings', `<ul class="items">\n${items}\n</ul>\n<p><a href="#top">${site.language === 'sv' ? 'Till toppen' : 'To the top'}</a></p>`, head));
}

function profilePage(site: NationalSite, p: NationalProfile, related: readonly NationalProfile[], base: string): DemoResponse {
  const sv = site.language === 'sv';
  const reach = contactMarkup(p);
  // Share previews read og:image; the page itself shows the same picture.
  const head = `<meta property="og:title" content="${esc(headline(p))}">\n<meta property="og:image" content="${esc(base + photoPath(p))}">\n`;
  const facts: [string, string][] = [
    [sv ? 'Ålder' : 'Age', esc(ageText(p))],
    [sv ? 'Kön' : 'Gender', esc(genderWord(p))],
    [sv ? 'Plats' : 'Location', esc(p.locality)],
    [sv ? 'Kontakt' : 'Contact', reach ? `${phoneMarkup(p)} · ${reach}` : phoneMarkup(p)],
  ];
  const rel = related.map((r) => `<li><a href="${esc(profilePath(r))}">${esc(headline(r))}</a></li>`).join('');
  return html(
    frame(
      site,
      headline(p),
      `<div class="profile" id="kontakt">
<h1>${esc(headline(p))}</h1>
<img class="profile-img" src="${esc(photoPath(p))}" alt="">
<ul class="facts">
${facts.map(([k, v]) => `<li><span class="k">${esc(k)}</span> <span class="v">${v}</span></li>`).join('\n')}
</ul>
<div class="text">${esc(p.description)}</div>
${reviewSection(site, p)}<p class="ref">Ref ${esc(p.externalId)}</p>
</div>
<div class="related"><h2>${sv ? 'Liknande annonser' : 'Similar ads'}</h2><ul>${rel}</ul></div>`,
      head,
    ),
  );
}

export const relNext: NationalLayout = {
  id: 'rel-next',
  adapter: 'nat-rel-next',
  startPaths: ['/lista'],
  robots: 'User-agent: *\nDisallow: /konto/\n',
  profilePath,
  build(site, profiles) {
    const byPath = new Map(profiles.map((p, i) => [profilePath(p), i]));
    return {
      serve(req: NationalRequest, base = '') {
        if (req.path === '/') return html(frame(site, site.name, `<p><a href="/lista">${site.language === 'sv' ? 'Alla annonser' : 'All listings'}</a></p>`));
        const m = /^\/lista(?:\/(\d{1,5}))?$/.exec(req.path);
        if (m) {
          const page = m[1] === undefined ? 1 : Number(m[1]);
          return page >= 2 || m[1] === undefined ? listing(site, profiles, page) : null;
        }
        const i = byPath.get(req.path);
        if (i === undefined) return null;
        const related = [profiles[(i + 1) % profiles.length]!, profiles[(i + 7) % profiles.length]!];
        return profilePage(site, profiles[i]!, related, base);
      },
    };
  },
};
