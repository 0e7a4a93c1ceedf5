// "load-more-json": a modern single-page-style site. The start page (/annonser) embeds the first
// ads as cards and a "load more" button whose data-endpoint names the JSON API
// (/api/ads?offset=24&limit=24); the API answers {items: [{id, url, title, city}], next, total}
// where next is the following offset or null, so a crawler that reads only HTML stops after the
// first 24 ads. Profile pages (/annons/<id>) give their facts as dt/dd pairs, and no number at
// all, not even in the ad text: each number sits behind a "show number" button whose
// data-reveal names an endpoint answering {"phone": "<as the ad writes it>"}. /assets/app.js
// (scripts.ts) does both in a browser: "load more" appends the API's cards, "show number" puts the
// number in place of its button.

import { esc, html, type DemoResponse } from '../../html.ts';
import { writePhone } from '../phones.ts';
import type { NationalProfile, NationalSite } from '../types.ts';
import { ageText, contactMarkup, disclaimer, genderWord, headline, photoAlt, photoPath, reviewSection, supportLine } from './shared.ts';
import type { NationalLayout, NationalRequest } from './types.ts';
import { APP_JS, script } from './scripts.ts';

const PER_PAGE = 24;
/** The API refuses larger pages, as real ones do. */
const MAX_LIMIT = 48;

function profilePath(p: NationalProfile): string {
  return `/annons/${encodeURIComponent(p.externalId)}`;
}

function apiPath(offset: number, limit = PER_PAGE): string {
  return `/api/ads?offset=${offset}&limit=${limit}`;
}

function phonePath(p: NationalProfile, i: number): string {
  const base = `/api/ads/${encodeURIComponent(p.externalId)}/phone`;
  return i === 0 ? base : `${base}?n=${i + 1}`;
}

function json(data: unknown, status = 200): DemoResponse {
  return { status, contentType: 'application/json; charset=utf-8', body: JSON.stringify(data) };
}

function frame(site: NationalSite, title: string, main: string): string {
  const sv = site.language === 'sv';
  return `<!doctype html>
<html lang="${site.language}">
<head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1"><title>${esc(title)} — ${esc(site.name)}</title><script type="module" src="/assets/app.js"></script></head>
<body>
<header class="app-header"><a class="brand" href="/">${esc(site.name)}</a><nav><a href="/annonser">${sv ? 'Annonser' : 'Ads'}</a> <a href="/konto">${sv ? 'Logga in' : 'Log in'}</a></nav></header>
<main id="app">
${main}
</main>
<footer class="app-footer"><p>${supportLine(site)}</p><p>${esc(disclaimer(site))}</p></footer>
</body>
</html>
`;
}

function card(p: NationalProfile): string {
  return `<article class="ad-card" data-id="${esc(p.externalId)}"><a class="ad-card__link" href="${esc(profilePath(p))}"><h2 class="ad-card__title">${esc(headline(p))}</h2></a><span class="ad-card__city">${esc(p.locality)}</span></article>`;
}

function startPage(site: NationalSite, all: readonly NationalProfile[]): DemoResponse {
  const sv = site.language === 'sv';
  const more =
    all.length > PER_PAGE
      ? `<button class="load-more" type="button" data-endpoint="${esc(apiPath(PER_PAGE))}">${sv ? 'Visa fler' : 'Load more'}</button>`
      : '';
  return html(
    frame(
      site,
      sv ? 'Annonser' : 'Ads',
      `<h1>${sv ? 'Senaste annonserna' : 'Latest ads'}</h1>
<div class="ad-grid" id="ads">
${all.slice(0, PER_PAGE).map(card).join('\n')}
</div>
${more}`,
    ),
  );
}

/** Offsets and limits as the API accepts them: plain non-negative integers, no junk. */
function intParam(raw: string | null, fallback: number): number | null {
  if (raw === null) return fallback;
  return /^\d{1,6}$/.test(raw) ? Number(raw) : null;
}

function apiPage(all: readonly NationalProfile[], query: URLSearchParams): DemoResponse | null {
  const offset = intParam(query.get('offset'), 0);
  const limit = intParam(query.get('limit'), PER_PAGE);
  if (offset === null || limit === null || limit < 1 || limit > MAX_LIMIT) return json({ error: 'bad offset or limit' }, 400);
  if (offset >= all.length && offset > 0) return null;
  const items = all.slice(offset, offset + limit).map((p) => ({ id: p.externalId, url: profilePath(p), title: headline(p), city: p.locality }));
  const next = offset + limit < all.length ? offset + limit : null;
  return json({ items, next, total: all.length });
}

/** Every way writePhone may spell a number: the text masks all of them. */
const WRITE_STYLES = 8;

/**
 * The ad text with its numbers hidden, as sites that sell "show number" clicks hide them; without
 * this the number would be in the HTML after all and the reveal would prove nothing.
 */
function maskedDescription(p: NationalProfile): string {
  const mask = p.language === 'sv' ? '[nummer dolt]' : '[number hidden]';
  let text = p.description;
  for (const e164 of p.phones) {
    const forms = new Set(Array.from({ length: WRITE_STYLES }, (_, s) => writePhone(e164, s)));
    // Longest first, so a spelling that contains another is replaced whole.
    for (const form of [...forms].sort((a, b) => b.length - a.length)) text = text.split(form).join(mask);
  }
  return text;
}

function profilePage(site: NationalSite, p: NationalProfile): DemoResponse {
  const sv = site.language === 'sv';
  const facts: [string, string][] = [
    [sv ? 'Ålder' : 'Age', ageText(p)],
    [sv ? 'Kön' : 'Gender', genderWord(p)],
    [sv ? 'Ort' : 'Location', p.locality],
  ];
  const buttons =
    p.phones.length === 0
      ? `<p class="contact__none">${sv ? 'Endast meddelanden' : 'Messages only'}</p>`
      : p.phones
          .map((_, i) => `<button class="reveal-phone" type="button" data-reveal="${esc(phonePath(p, i))}">${sv ? 'Visa nummer' : 'Show number'}${p.phones.length > 1 ? ` ${i + 1}` : ''}</button>`)
          .join(' ');
  const reach = contactMarkup(p);
  return html(
    frame(
      site,
      headline(p),
      `<article class="ad" data-ad-id="${esc(p.externalId)}">
<div class="ad__main">
<h1 class="ad__title">${esc(headline(p))}</h1>
<img class="ad__photo" src="${esc(photoPath(p))}" alt="${esc(photoAlt(p))}" loading="lazy">
<dl class="ad__facts">
${facts.map(([k, v]) => `<div class="ad__fact"><dt>${esc(k)}</dt><dd>${esc(v)}</dd></div>`).join('\n')}
</dl>
<p class="ad__text">${esc(maskedDescription(p))}</p>
<div class="contact">${buttons}${reach ? ` <span class="contact__other">${reach}</span>` : ''}</div>
</div>
${reviewSection(site, p)}<p class="ad__ref">${sv ? 'Annons-ID' : 'Ad ID'}: ${esc(p.externalId)}</p>
</article>`,
    ),
  );
}

export const loadMoreJson: NationalLayout = {
  id: 'load-more-json',
  adapter: 'nat-load-more-json',
  startPaths: ['/annonser'],
  robots: 'User-agent: *\nDisallow: /konto\n',
  profilePath,
  build(site, profiles) {
    const byId = new Map(profiles.map((p) => [p.externalId, p]));
    return {
      serve(req: NationalRequest) {
        const sv = site.language === 'sv';
        if (req.path === '/') return html(frame(site, site.name, `<p><a href="/annonser">${sv ? 'Alla annonser' : 'All ads'}</a></p>`));
        if (req.path === '/annonser') return startPage(site, profiles);
        if (req.path === '/assets/app.js') return script(APP_JS);
        if (req.path === '/api/ads') return apiPage(profiles, req.query);
        const phone = /^\/api\/ads\/([^/]+)\/phone$/.exec(req.path);
        if (phone) {
          const p = byId.get(decodeURIComponent(phone[1]!));
          const n = intParam(req.query.get('n'), 1);
          const e164 = p && n !== null && n >= 1 ? p.phones[n - 1] : undefined;
          // Written as the ad writes it, in the same rotation of styles the other layouts use.
          return p && e164 ? json({ phone: writePhone(e164, p.style + (n! - 1) * 3) }) : null;
        }
        const m = /^\/annons\/([^/]+)$/.exec(req.path);
        const p = m ? byId.get(decodeURIComponent(m[1]!)) : undefined;
        return p ? profilePage(site, p) : null;
      },
    };
  },
};
