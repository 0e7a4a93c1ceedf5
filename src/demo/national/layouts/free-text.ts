// "free-text": a classifieds board. The listing is newest first, paged by offset (/ads?offset=N)
// behind an "older ads" link only; an ad page states age and number only inside its text, the
// gender as a category badge and the place as the ad's heading line (as such boards print the
// city beside the title). A sidebar advertises the board's own number.

import { esc, html, type DemoResponse } from '../../html.ts';
import type { NationalProfile, NationalSite } from '../types.ts';
import { contactMarkup, disclaimer, genderWord, headline, photoPath, reviewSection, supportLine } from './shared.ts';
import type { NationalLayout, NationalRequest } from './types.ts';

const PER_PAGE = 25;

function profilePath(p: NationalProfile): string {
  return `/ad/${encodeURIComponent(p.externalId)}`;
}

function frame(site: NationalSite, title: string, main: string): string {
  const sv = site.language === 'sv';
  return `<!doctype html>
<html lang="${site.language}">
<head><meta charset="utf-8"><title>${esc(title)} · ${esc(site.name)}</title></head>
<body>
<nav class="menu"><a href="/">${esc(site.name)}</a> <a href="/ads">${sv ? 'Senaste' : 'Latest'}</a> <a href="/post">${sv ? 'Lägg in annons' : 'Post an ad'}</a></nav>
<div class="cols">
<main>
${main}
</main>
<aside class="sidebar"><p>${sv ? 'Frågor om din annons?' : 'Questions about your ad?'} ${supportLine(site)}</p><p><a href="/rules">${sv ? 'Regler' : 'Rules'}</a></p></aside>
</div>
<footer>${esc(disclaimer(site))}</footer>
</body>
</html>
`;
}

function listing(site: NationalSite, all: readonly NationalProfile[], offset: number): DemoResponse | null {
  if (offset >= all.length && offset > 0) return null;
  const shown = all.slice(offset, offset + PER_PAGE);
  const rows = shown
    .map((p) => `<li><span class="cat">${esc(genderWord(p))}</span> <a class="title" href="${esc(profilePath(p))}">${esc(headline(p))}</a> – ${esc(p.locality)}</li>`)
    .join('\n');
  const older = offset + PER_PAGE < all.length ? `<a class="older" href="/ads?offset=${offset + PER_PAGE}">${site.language === 'sv' ? 'Äldre annonser »' : 'Older ads »'}</a>` : '';
  return html(frame(site, 'Ads', `<ol class="board">\n${rows}\n</ol>\n<p class="nav">${older}</p>`));
}

/** A transparent 1×1 GIF: what a lazy-loading page shows until its script swaps in data-src. */
const BLANK = 'data:image/gif;base64,R0lGODlhAQABAIAAAAAAAP///yH5BAEAAAAALAAAAAABAAEAAAIBRAA7';

function profilePage(site: NationalSite, p: NationalProfile): DemoResponse {
  // The board has no contact field: advertisers write theirs at the end of the text.
  const reach = contactMarkup(p);
  return html(
    frame(
      site,
      headline(p),
      `<article class="ad">
<span class="badge">${esc(genderWord(p))}</span>
<h1>${esc(headline(p))}</h1>
<p class="place">${esc(p.locality)}</p>
<img class="lazy" src="${BLANK}" data-src="${esc(photoPath(p))}" alt="">
<div class="body">${esc(p.description)}${reach ? ` ${reach}` : ''}</div>
${reviewSection(site, p)}<p class="adno">#${esc(p.externalId)}</p>
</article>`,
    ),
  );
}

export const freeText: NationalLayout = {
  id: 'free-text',
  adapter: 'nat-free-text',
  startPaths: ['/ads'],
  robots: 'User-agent: *\nDisallow: /post\n',
  profilePath,
  build(site, profiles) {
    const byId = new Map(profiles.map((p) => [p.externalId, p]));
    return {
      serve(req: NationalRequest) {
        if (req.path === '/') return html(frame(site, site.name, '<p><a href="/ads">Ads</a></p>'));
        if (req.path === '/ads') {
          const raw = req.query.get('offset') ?? '0';
          if (!/^\d{1,6}$/.test(raw) || Number(raw) % PER_PAGE !== 0) return null;
          return listing(site, profiles, Number(raw));
        }
        const m = /^\/ad\/([^/]+)$/.exec(req.path);
        const p = m ? byId.get(decodeURIComponent(m[1]!)) : undefined;
        return p ? profilePage(site, p) : null;
      },
    };
  },
};
