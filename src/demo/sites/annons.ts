// Demo site B, "fritext": one global listing (/annonser?page=N, 20 per page, a rel=next "Nästa"
// link) and profile pages where age, place and number are only in the free text of the ad
// ("Hej! Jag heter Lina, 26 år, finns i Sthlm … Ring/sms 070-174 06 12"), written in the many
// ways advertisers write numbers, sometimes split over <span>s. The gender is a category badge.
// A sidebar and the footer advertise the site's own number, which is not a profile's.

import { siteProfiles, type DemoProfile, type DemoWorld } from '../generator.ts';
import { esc, html, kronor, pageCount, pageNumber, type DemoResponse } from '../html.ts';
import { SITE_SERVICE_NUMBERS, formatPhone, standardForm } from '../phones.ts';
import type { DemoSiteRenderer, SiteContext } from './types.ts';

const NAME = 'Kartla demo – fritext';
const PER_PAGE = 20;
const SERVICE = SITE_SERVICE_NUMBERS[1];

function profilePath(p: DemoProfile): string {
  return `/a/${p.externalId}/${p.slug}`;
}

function category(p: DemoProfile): string {
  return p.gender === 'woman' ? 'Tjejer' : p.gender === 'man' ? 'Killar' : 'Trans';
}

function layout(title: string, content: string): string {
  return `<!doctype html>
<html lang="sv">
<head>
<meta charset="utf-8">
<title>${esc(title)} – ${esc(NAME)}</title>
</head>
<body>
<div id="sidhuvud" role="banner"><a href="/">${esc(NAME)}</a> · <a href="/annonser">Alla annonser</a> · <a href="/konto/logga-in">Logga in</a></div>
<div class="wrap">
<div class="innehall">
${content}
</div>
<aside class="reklam"><p>Vill du annonsera? Ring ${esc(standardForm(SERVICE))} eller skicka sms, vi svarar dygnet runt.</p></aside>
</div>
<div class="fot" role="contentinfo">Kundservice ${esc(standardForm(SERVICE))} · <a href="sms:${SERVICE}">sms</a> · Alla annonser är påhittade.</div>
</body>
</html>
`;
}

function listing(world: DemoWorld, base: string, rawPage: string | null): DemoResponse | null {
  const page = pageNumber(rawPage);
  if (page === null) return null;
  const all = siteProfiles(world, 'demo-annons');
  const pages = pageCount(all.length, PER_PAGE);
  if (page > pages) return null;
  const rows = all
    .slice((page - 1) * PER_PAGE, page * PER_PAGE)
    .map(
      (p) =>
        // Absolute links, as this site's templates write them.
        `<li class="annons-rad"><a class="rubrik" href="${esc(base + profilePath(p))}">${esc(p.title)}</a> <span class="kategori">${esc(category(p))}</span> <time datetime="${esc(p.posted)}">${esc(p.posted)}</time></li>`,
    )
    .join('\n');
  const nav: string[] = [];
  if (page > 1) nav.push(`<a rel="prev" href="/annonser?page=${page - 1}">Föregående</a>`);
  nav.push(`<span>Sida ${page} av ${pages}</span>`);
  if (page < pages) nav.push(`<a rel="next" href="/annonser?page=${page + 1}">Nästa</a>`);
  return html(
    layout('Alla annonser', `<h1>Alla annonser</h1>\n<ol class="annonslista">\n${rows}\n</ol>\n<div class="bladdra">${nav.join(' ')}</div>`),
  );
}

const NOUN = { woman: 'tjej', man: 'kille', trans: 'transtjej' } as const;

function intro(p: DemoProfile): string {
  const place = esc(p.place.text);
  const name = esc(p.name);
  if (p.age === null) {
    return p.style % 2 === 0 ? `Hej! Jag heter ${name} och finns i ${place}.` : `${name} här. Jag bor i ${place}.`;
  }
  switch (p.style % 4) {
    case 0:
      return `Hej! Jag heter ${name}, ${p.age} år, finns i ${place}.`;
    case 1:
      return `${name} här, ${p.age} år gammal. Jag bor i ${place}.`;
    case 2:
      return `Ny i stan! ${p.age}-årig ${NOUN[p.gender]} som träffas i ${place}.`;
    default:
      return `Hej, jag är ${name}, ${p.age} år. Du hittar mig i ${place}.`;
  }
}

/** A number as this advertiser writes it; some split it over two <span>s. */
function writtenNumber(e164: string, style: number): string {
  const written = formatPhone(e164, Math.floor(style / 7));
  if (style % 3 !== 0) return esc(written);
  const cut = Math.ceil(written.length / 2);
  return `<span class="nr">${esc(written.slice(0, cut))}</span><span class="nr">${esc(written.slice(cut))}</span>`;
}

function contact(p: DemoProfile): string {
  if (p.phones.length === 0) return 'Kontakta mig via sajtens meddelandefunktion.';
  const numbers = p.phones.map((ph, i) => writtenNumber(ph.e164, p.style + i * 5));
  const lead = ['Ring/sms', 'Nås på', 'Tel:', 'Ring eller sms:a'][p.style % 4]!;
  return `${lead} ${numbers.join(' eller ')}`;
}

function profilePage(world: DemoWorld, path: string): DemoResponse | null {
  const p = siteProfiles(world, 'demo-annons').find((x) => profilePath(x) === path);
  if (!p) return null;
  const sms =
    p.phones.length > 0 && p.style % 5 === 0 ? `\n<p><a class="sms" href="sms:${esc(p.phones[0]!.e164)}">Skicka sms</a></p>` : '';
  const content = `<article class="annons">
<h1 class="rubrik">${esc(p.title)}</h1>
<p class="meta"><span class="badge kategori">${esc(category(p))}</span> Annons #${esc(p.externalId)} · upplagd ${esc(p.posted)}</p>
<div class="annonstext">
<p>${intro(p)}</p>
<p>${p.description.map(esc).join(' ')}</p>
<p>Pris: ${kronor(p.pricePerHour)} kr/h, ${kronor(p.pricePerHour * 2 - 500)} kr/2 h. Tider: ${esc(p.hours)}.</p>
<p class="kontakt">${contact(p)}</p>
</div>${sms}
</article>`;
  return html(layout(p.title, content));
}

export const annonsSite: DemoSiteRenderer = {
  id: 'demo-annons',
  name: NAME,
  adapter: 'demo-annons',
  startPaths: ['/annonser'],
  robots: 'User-agent: *\nDisallow: /konto/\n',
  profilePath,
  render(req, ctx: SiteContext) {
    if (req.path === '/') {
      return html(layout('Start', '<h1>Välkommen</h1>\n<p><a href="/annonser">Se alla annonser</a></p>'));
    }
    if (req.path === '/annonser') return listing(ctx.world, ctx.base, req.query.get('page'));
    if (req.path.startsWith('/a/')) return profilePage(ctx.world, req.path);
    return null;
  },
};
