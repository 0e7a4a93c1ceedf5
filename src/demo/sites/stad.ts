// Demo site A, "per stad": listings per city (/stad/<slug>, paginated with ?sida=N) behind a city
// menu on every page, profile cards, and profile pages with the facts in a <dl> (Ålder, Kön,
// Stad, Telefon) and the number also as a tel: link. An ad may be listed under two cities.
// The footer carries the site's own customer-service number, which is not a profile's.

import { siteProfiles, type DemoProfile, type DemoWorld } from '../generator.ts';
import { esc, html, kronor, pageCount, pageNumber, type DemoResponse } from '../html.ts';
import { DEMO_CITIES, cityBySlug } from '../places.ts';
import { SITE_SERVICE_NUMBERS, standardForm } from '../phones.ts';
import type { DemoSiteRenderer, SiteContext } from './types.ts';

const NAME = 'Kartla demo – per stad';
const PER_PAGE = 12;
const SERVICE = SITE_SERVICE_NUMBERS[0];

function profilePath(p: DemoProfile): string {
  return `/annons/${p.slug}-${p.externalId}`;
}

function layout(title: string, main: string, head = ''): string {
  const cities = DEMO_CITIES.map((c) => `<li><a href="/stad/${esc(c.slug)}">${esc(c.name)}</a></li>`).join('');
  return `<!doctype html>
<html lang="sv">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${esc(title)} | ${esc(NAME)}</title>
<script type="application/ld+json">{"@context":"https://schema.org","@type":"WebSite","name":"${esc(NAME)}","publisher":{"@type":"Organization","name":"${esc(NAME)}","telephone":"${SERVICE}"}}</script>
${head}
</head>
<body>
<header class="topp">
<a class="logo" href="/">${esc(NAME)}</a>
<nav class="stader" aria-label="Städer"><ul>${cities}</ul></nav>
</header>
<main>
${main}
</main>
<footer class="sidfot">
<p>Kundtjänst: <a href="tel:${SERVICE}">${esc(standardForm(SERVICE))}</a> (vardagar 9–17)</p>
<p>Alla annonser på den här sajten är påhittade och genererade för test.</p>
</footer>
</body>
</html>
`;
}

function card(p: DemoProfile): string {
  const age = p.age === null ? '' : `<span class="alder">${p.age} år</span> · `;
  return `<article class="kort">
<a class="kort-lank" href="${esc(profilePath(p))}"><h3>${esc(p.title)}</h3></a>
<p class="kort-info">${age}<span class="ort">${esc(p.place.text)}</span></p>
<p class="kort-datum">${esc(p.posted)}</p>
</article>`;
}

function home(world: DemoWorld): DemoResponse {
  const latest = siteProfiles(world, 'demo-stad').slice(0, 8);
  return html(
    layout(
      'Annonser i hela Sverige',
      `<h1>Välj stad</h1>
<p>Välj en stad i menyn för att se annonserna där.</p>
<section class="senaste"><h2>Senaste annonserna</h2>
${latest.map(card).join('\n')}
</section>`,
    ),
  );
}

function cityListing(world: DemoWorld, slug: string, rawPage: string | null): DemoResponse | null {
  const city = cityBySlug(slug);
  const page = pageNumber(rawPage);
  if (!city || page === null) return null;
  const listed = siteProfiles(world, 'demo-stad').filter((p) => p.place.citySlug === slug || p.alsoListedIn === slug);
  const pages = pageCount(listed.length, PER_PAGE);
  if (page > pages) return null;
  const shown = listed.slice((page - 1) * PER_PAGE, page * PER_PAGE);
  const href = (n: number) => (n === 1 ? `/stad/${slug}` : `/stad/${slug}?sida=${n}`);
  const links: string[] = [];
  if (page > 1) links.push(`<a class="foregaende" rel="prev" href="${href(page - 1)}">« Föregående</a>`);
  for (let n = 1; n <= pages; n++) links.push(n === page ? `<strong>${n}</strong>` : `<a href="${href(n)}">${n}</a>`);
  if (page < pages) links.push(`<a class="nasta" rel="next" href="${href(page + 1)}">Nästa »</a>`);
  const body =
    listed.length === 0
      ? '<p class="tomt">Inga annonser just nu.</p>'
      : `<section class="kort-lista">
${shown.map(card).join('\n')}
</section>
<nav class="sidor" aria-label="Sidor">${links.join(' ')}</nav>`;
  return html(layout(`Annonser i ${city.name}`, `<h1>Annonser i ${esc(city.name)}</h1>\n<p>${listed.length} annonser</p>\n${body}`));
}

function genderWord(p: DemoProfile): string {
  if (p.gender === 'woman') return 'Kvinna';
  if (p.gender === 'man') return 'Man';
  return p.style % 2 === 0 ? 'Transperson' : 'Trans';
}

function phoneLinks(p: DemoProfile): string {
  return p.phones
    .map((ph) => {
      // Some templates link the national form, most the international one.
      const target = p.style % 3 === 0 && ph.e164.startsWith('+46') ? `0${ph.e164.slice(3)}` : ph.e164;
      return `<a class="tel" href="tel:${esc(target)}">${esc(standardForm(ph.e164))}</a>`;
    })
    .join('<br>');
}

function profilePage(world: DemoWorld, path: string): DemoResponse | null {
  const p = siteProfiles(world, 'demo-stad').find((x) => profilePath(x) === path);
  if (!p) return null;
  const facts: [string, string][] = [];
  if (p.age !== null) facts.push(['Ålder', esc(p.style % 2 === 0 ? `${p.age} år` : String(p.age))]);
  facts.push(['Kön', esc(genderWord(p))]);
  facts.push(['Stad', esc(p.place.text)]);
  if (p.phones.length > 0) facts.push(['Telefon', phoneLinks(p)]);
  facts.push(['Pris', `${kronor(p.pricePerHour)} kr/h`]);
  facts.push(['Tider', esc(p.hours)]);
  const dl = facts.map(([k, v]) => `<dt>${esc(k)}</dt><dd>${v}</dd>`).join('\n');
  const ld =
    p.style % 4 === 0 && p.phones.length > 0
      ? `<script type="application/ld+json">${JSON.stringify({ '@context': 'https://schema.org', '@type': 'Person', name: p.name, telephone: p.phones[0]!.e164 }).replace(/</g, '\\u003c')}</script>`
      : '';
  const related = siteProfiles(world, 'demo-stad')
    .filter((x) => x !== p && x.place.citySlug === p.place.citySlug)
    .slice(0, 3);
  const city = cityBySlug(p.place.citySlug)!;
  const main = `<article class="profil" data-annons="${esc(p.externalId)}">
<header><h1>${esc(p.title)}</h1>
<p class="publicerad">Publicerad ${esc(p.posted)} · Annons-ID ${esc(p.externalId)}</p></header>
<dl class="fakta">
${dl}
</dl>
<div class="beskrivning">
${p.description.map((s) => `<p>${esc(s)}</p>`).join('\n')}
</div>
<section class="priser"><h2>Priser</h2>
<table><tr><td>30 min</td><td>${Math.round(p.pricePerHour * 0.7 / 100) * 100}:-</td></tr><tr><td>1 timme</td><td>${kronor(p.pricePerHour)} kr</td></tr></table>
</section>
</article>
<aside class="relaterade"><h2>Fler i ${esc(city.name)}</h2>
${related.map(card).join('\n')}
</aside>`;
  return html(layout(p.title, main, ld));
}

export const stadSite: DemoSiteRenderer = {
  id: 'demo-stad',
  name: NAME,
  adapter: 'demo-stad',
  startPaths: ['/'],
  robots: 'User-agent: *\nDisallow: /konto/\n',
  profilePath,
  render(req, ctx: SiteContext) {
    if (req.path === '/') return home(ctx.world);
    const city = /^\/stad\/([a-z0-9-]+)$/.exec(req.path);
    if (city) return cityListing(ctx.world, city[1]!, req.query.get('sida'));
    if (req.path.startsWith('/annons/')) return profilePage(ctx.world, req.path);
    return null;
  },
};
