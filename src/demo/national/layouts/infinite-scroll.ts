// "infinite-scroll": the feed (/feed) shows a first batch of ads and a "show more" link whose
// no-script href fetches the next batch as an HTML fragment (/feed/more?cursor=<opaque>), each
// fragment ending in the next such link. Cursors are opaque tokens, not page numbers, so a crawler
// can only follow them. Profile pages (/p/<id>/) carry their facts in a column-header table and
// the numbers in data-number attributes of call buttons. In a browser, /static/feed.js
// (scripts.ts) fetches the next fragment when the "show more" link scrolls into view.

import { esc, html, type DemoResponse } from '../../html.ts';
import { writePhone } from '../phones.ts';
import type { NationalProfile, NationalSite } from '../types.ts';
import { ageText, contactParagraph, disclaimer, genderWord, headline, photoAlt, photoPath, reviewSection, supportLine } from './shared.ts';
import type { NationalLayout, NationalRequest } from './types.ts';
import { FEED_JS, script } from './scripts.ts';

const BATCH = 20;

function profilePath(p: NationalProfile): string {
  return `/p/${encodeURIComponent(p.externalId)}/`;
}

/** An opaque token for "after position n": what a real feed's signed cursor would be to us. */
function cursorFor(n: number, siteId: string): string {
  return Buffer.from(`${siteId}:${n}`, 'utf8').toString('base64url');
}

function frame(site: NationalSite, title: string, main: string): string {
  return `<!doctype html>
<html lang="${site.language}">
<head><meta charset="utf-8"><title>${esc(title)} · ${esc(site.name)}</title><script src="/static/feed.js" defer></script></head>
<body>
<header><a href="/">${esc(site.name)}</a> <a href="/feed">Feed</a></header>
<main>
${main}
</main>
<footer><p>${supportLine(site)}</p><p>${esc(disclaimer(site))}</p></footer>
</body>
</html>
`;
}

function batch(site: NationalSite, all: readonly NationalProfile[], from: number): string {
  const items = all
    .slice(from, from + BATCH)
    .map((p) => `<article class="post"><a class="post-link" href="${esc(profilePath(p))}">${esc(headline(p))}</a> <small>${esc(p.locality)}</small></article>`)
    .join('\n');
  const more =
    from + BATCH < all.length
      ? `<a class="load-more" data-cursor="${cursorFor(from + BATCH, site.id)}" href="/feed/more?cursor=${cursorFor(from + BATCH, site.id)}">${site.language === 'sv' ? 'Visa fler' : 'Show more'}</a>`
      : '';
  return `${items}\n${more}`;
}

function profilePage(site: NationalSite, p: NationalProfile): DemoResponse {
  const sv = site.language === 'sv';
  const heads = sv ? ['Ålder', 'Kön', 'Stad'] : ['Age', 'Gender', 'City'];
  const cells = [esc(ageText(p)), esc(genderWord(p)), esc(p.locality)];
  const buttons = p.phones
    .map((e164, i) => `<button class="call" data-number="${esc(writePhone(e164, p.style + i * 3))}">${sv ? 'Ring mig' : 'Call me'}</button>`)
    .join(' ');
  const src = esc(photoPath(p));
  return html(
    frame(
      site,
      headline(p),
      `<section class="ad-view">
<h1>${esc(headline(p))}</h1>
<picture class="cover"><source type="image/jpeg" srcset="${src}"><img src="${src}" alt="${esc(photoAlt(p))}" loading="lazy"></picture>
<table class="specs"><tr>${heads.map((h) => `<th>${h}</th>`).join('')}</tr><tr>${cells.map((c) => `<td>${c}</td>`).join('')}</tr></table>
<div class="ad-text">${esc(p.description)}</div>
${reviewSection(site, p)}<div class="buttons">${buttons}</div>
${contactParagraph(p, 'also')}
</section>`,
    ),
  );
}

export const infiniteScroll: NationalLayout = {
  id: 'infinite-scroll',
  adapter: 'nat-infinite-scroll',
  startPaths: ['/feed'],
  robots: 'User-agent: *\nDisallow: /static/\n',
  profilePath,
  build(site, profiles) {
    const byId = new Map(profiles.map((p) => [p.externalId, p]));
    const cursors = new Map<string, number>();
    for (let n = BATCH; n < profiles.length; n += BATCH) cursors.set(cursorFor(n, site.id), n);
    return {
      serve(req: NationalRequest) {
        if (req.path === '/') return html(frame(site, site.name, '<p><a href="/feed">Feed</a></p>'));
        if (req.path === '/static/feed.js') return script(FEED_JS);
        if (req.path === '/feed') return html(frame(site, 'Feed', `<div class="feed">\n${batch(site, profiles, 0)}\n</div>`));
        if (req.path === '/feed/more') {
          const from = cursors.get(req.query.get('cursor') ?? '');
          return from === undefined ? null : html(`<div class="feed">\n${batch(site, profiles, from)}\n</div>\n`);
        }
        const m = /^\/p\/([^/]+)\/$/.exec(req.path);
        const p = m ? byId.get(decodeURIComponent(m[1]!)) : undefined;
        return p ? profilePage(site, p) : null;
      },
    };
  },
};
