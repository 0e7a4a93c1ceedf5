// "city-next": one listing per city (/stad/<slug>, then /stad/<slug>/sida-N) behind a city menu on
// every page, each page with only a "next" link; an ad whose style says so also shows in a second
// city, so a crawler meets it twice under different listings. Profile pages (/annons/<id>.html)
// give the facts as "<b>Label:</b> value" lines, and the page header repeats the site's number.

import { esc, html, pageCount, type DemoResponse } from '../../html.ts';
import type { NationalProfile, NationalSite } from '../types.ts';
import { ageText, contactMarkup, disclaimer, genderWord, headline, pageSlice, phoneMarkup, photoAlt, photoPath, reviewSection, slug, supportLine } from './shared.ts';
import type { NationalLayout, NationalRequest } from './types.ts';

const PER_PAGE = 15;

function profilePath(p: NationalProfile): string {
  return `/annons/${encodeURIComponent(p.externalId)}.html`;
}

function cityPath(citySlug: string, page: number): string {
  return page === 1 ? `/stad/${citySlug}` : `/stad/${citySlug}/sida-${page}`;
}

interface City {
  slug: string;
  name: string;
  profiles: NationalProfile[];
}

function frame(site: NationalSite, cities: readonly City[], title: string, main: string): string {
  const sv = site.language === 'sv';
  const menu = cities.map((c) => `<li><a href="${esc(cityPath(c.slug, 1))}">${esc(c.name)}</a></li>`).join('');
  return `<!doctype html>
<html lang="${site.language}">
<head><meta charset="utf-8"><title>${esc(title)} – ${esc(site.name)}</title></head>
<body>
<header class="head"><a class="logo" href="/">${esc(site.name)}</a> <span class="hotline">${supportLine(site)}</span></header>
<nav class="cities" aria-label="${sv ? 'Städer' : 'Cities'}"><ul>${menu}</ul></nav>
<main>
${main}
</main>
<footer><p>${esc(disclaimer(site))}</p></footer>
</body>
</html>
`;
}

function cityPage(site: NationalSite, cities: readonly City[], city: City, page: number): DemoResponse | null {
  const pages = pageCount(city.profiles.length, PER_PAGE);
  if (page > pages) return null;
  const sv = site.language === 'sv';
  const cards = pageSlice(city.profiles, page, PER_PAGE)
    .map((p) => `<div class="annons-kort"><a class="rubrik" href="${esc(profilePath(p))}">${esc(headline(p))}</a><span class="info">${esc(ageText(p))} · ${esc(p.locality)}</span></div>`)
    .join('\n');
  const next = page < pages ? `<a class="nasta" href="${esc(cityPath(city.slug, page + 1))}">${sv ? 'Nästa →' : 'Next →'}</a>` : '';
  return html(frame(site, cities, city.name, `<h1>${esc(city.name)}</h1>\n${cards}\n<p class="bladdra">${next}</p>`));
}

function profilePage(site: NationalSite, cities: readonly City[], p: NationalProfile): DemoResponse {
  const sv = site.language === 'sv';
  const lines: [string, string][] = [
    [sv ? 'Ålder' : 'Age', esc(ageText(p))],
    [sv ? 'Kön' : 'Gender', esc(genderWord(p))],
    [sv ? 'Ort' : 'City', esc(p.locality)],
    [sv ? 'Telefon' : 'Phone', phoneMarkup(p)],
  ];
  const reach = contactMarkup(p);
  if (reach) lines.push([sv ? 'Kontakt' : 'Contact', reach]);
  return html(
    frame(
      site,
      cities,
      headline(p),
      `<div class="annons" id="annons-${esc(p.externalId)}">
<h1>${esc(headline(p))}</h1>
<figure class="bild"><img src="${esc(photoPath(p))}" alt="${esc(photoAlt(p))}"></figure>
${lines.map(([k, v]) => `<p class="rad"><b>${esc(k)}:</b> ${v}</p>`).join('\n')}
<div class="text">${esc(p.description)}</div>
${reviewSection(site, p)}</div>`,
    ),
  );
}

export const cityNext: NationalLayout = {
  id: 'city-next',
  adapter: 'nat-city-next',
  startPaths: ['/'],
  robots: 'User-agent: *\nDisallow: /mina-sidor/\n',
  profilePath,
  build(site, profiles) {
    const bySlug = new Map<string, City>();
    for (const p of profiles) {
      const s = slug(p.locality) || 'ovrigt';
      let city = bySlug.get(s);
      if (!city) bySlug.set(s, (city = { slug: s, name: p.locality, profiles: [] }));
      city.profiles.push(p);
    }
    const cities = [...bySlug.values()].sort((a, b) => a.slug.localeCompare(b.slug));
    // Some ads pay to show in a second city too: the next city in the menu.
    for (const [i, city] of cities.entries()) {
      const other = cities[(i + 1) % cities.length]!;
      if (other === city) continue;
      for (const p of city.profiles) if (p.style % 5 === 0 && !other.profiles.includes(p)) other.profiles.push(p);
    }
    const byPath = new Map(profiles.map((p) => [profilePath(p), p]));
    return {
      serve(req: NationalRequest) {
        if (req.path === '/') return html(frame(site, cities, site.name, `<h1>${site.language === 'sv' ? 'Välj stad' : 'Choose a city'}</h1>`));
        const m = /^\/stad\/([a-z0-9-]+)(?:\/sida-(\d{1,4}))?$/.exec(req.path);
        if (m) {
          const city = bySlug.get(m[1]!);
          const page = m[2] === undefined ? 1 : Number(m[2]);
          return city && page >= 1 && (m[2] === undefined || page >= 2) ? cityPage(site, cities, city, page) : null;
        }
        const p = byPath.get(req.path);
        return p ? profilePage(site, cities, p) : null;
      },
    };
  },
};
