import { describe, expect, it } from 'vitest';
import { readGenericProfile } from '../../../src/extract/generic/profile.ts';
import { fieldSpecOf } from '../../../src/extract/generic/evidence.ts';
import { extractField } from '../../../src/extract/field.ts';
import { loadHtml } from '../../../src/extract/dom.ts';
import { normalisePhones } from '../../../src/normalise/phone.ts';
import { fixture, page } from './helpers.ts';

function read(name: string, url: string) {
  const r = readGenericProfile(fixture(name), url);
  if (!r) throw new Error(`${name} read as no profile`);
  return { ...r, numbers: normalisePhones(r.page.raw.phones).map((p) => p.e164).sort() };
}

describe('readGenericProfile on fixtures', () => {
  it('reads a WordPress classified: labels in a list, comments and sidebar left out', () => {
    const r = read('wp-classifieds-ad.html', 'https://nattfjarilen.example/annonser/sofia-ny-pa-sodermalm/');
    expect(r.page.raw.fields).toMatchObject({ title: 'Sofia – ny på Södermalm', age: '27 år', gender: 'Kvinna', location: 'Södermalm, Stockholm' });
    expect(r.numbers).toEqual(['+46701740612']);
    expect(r.page.raw.contacts?.map((c) => c.text)).toEqual(['sofia.sodermalm@mejl.example']);
    expect(r.page.raw.externalId).toBe('2211');
    expect(r.page.raw.fieldSources?.age).toEqual({ via: 'label', detail: 'Ålder', confidence: 0.85 });
    expect(r.evidence.excluded).toEqual(expect.arrayContaining(['div.comments-area']));
  });

  it('reads a forum thread\'s first post, not the reply under it', () => {
    const r = read('forum-table-topic.html', 'https://kontaktforum.example/viewtopic.php?t=5521');
    expect(r.page.raw.fields).toMatchObject({ age: '24', gender: 'Tjej', location: 'Göteborg, Majorna' });
    expect(r.numbers).toEqual(['+46313900612']);
    expect(r.page.raw.externalId).toBe('5521');
  });

  it('reads a div soup: a badge for gender, a data-* id, a "show number" endpoint, Telegram, no similar ads', () => {
    const r = read('react-profile.html', 'https://motesplatsen.example/annons/9f3a21-linnea');
    expect(r.page.raw.fields).toMatchObject({ age: '26', gender: 'Kvinna', location: 'Kungsholmen, Stockholm' });
    expect(r.page.raw.fieldSources?.gender?.via).toBe('selector');
    expect(r.page.raw.externalId).toBe('9f3a21');
    expect(r.page.reveals).toEqual(['https://motesplatsen.example/api/v2/listings/9f3a21/phone']);
    expect(r.evidence.reveal).toEqual({ selector: 'button[data-phone-endpoint]', attribute: 'data-phone-endpoint' });
    expect(r.page.raw.contacts?.map((c) => c.text)).toEqual(['https://t.me/linnea_fiktiv']);
    expect(r.numbers).toEqual([]);
  });

  it('reads an English directory\'s JSON-LD, not its organisation or reviews', () => {
    const r = read('english-jsonld-profile.html', 'https://northern-lights.example/escort/ava-stockholm');
    expect(r.page.raw.fields).toMatchObject({ age: '29', gender: 'Female', location: 'Stockholm' });
    expect(r.page.raw.fieldSources?.location).toEqual({ via: 'json-ld', detail: 'Person.homeLocation.address.addressLocality', confidence: 0.95 });
    expect(r.evidence.fields.age?.jsonLdPath).toBe('Person.additionalProperty[name=Age].value');
    expect(r.numbers).toEqual(['+46701740633']);
    expect(r.page.raw.externalId).toBe('NL-4471');
    expect(r.page.photo).toBe('https://northern-lights.example/media/ava.jpg');
  });

  it('takes the ad\'s age and number, never a reviewer\'s or the footer\'s (a profile with two ages)', () => {
    const r = read('review-footer-profile.html', 'https://kvallsguiden.example/annons/ronja-23-1187');
    expect(r.page.raw.fields).toMatchObject({ age: '23', gender: 'Tjej', location: 'Jönköping' });
    expect(r.numbers).toEqual(['+46701740644']);
    expect(r.page.raw.contacts ?? []).toEqual([]);
  });

  it('gives evidence that a declarative FieldSpec reads back the same value', () => {
    const html = fixture('review-footer-profile.html');
    const r = read('review-footer-profile.html', 'https://kvallsguiden.example/annons/ronja-23-1187');
    for (const key of ['age', 'gender', 'location', 'title']) {
      const spec = fieldSpecOf(r.evidence.fields[key]!);
      expect(spec, key).not.toBeNull();
      expect(extractField(loadHtml(html), spec!, 'https://kvallsguiden.example/annons/ronja-23-1187'), key).toBe(r.page.raw.fields[key]);
    }
    expect(fieldSpecOf(r.evidence.externalId!)).toEqual({ fromUrl: true, pattern: '-(\\d+)(?:[?#]|$)' });
  });
});

describe('readGenericProfile on sparse ads', () => {
  it('reads "Name, 24" in the heading, the place in a breadcrumb, and passes over a logo h1', () => {
    const html = page(`<div class="top"><h1><a href="/">Sajten</a></h1></div>
      <ol class="breadcrumb"><li><a href="/">Hem</a></li><li><a href="/escort">Escort</a></li><li><a href="/escort/vaxjo">Växjö</a></li></ol>
      <main><h1>Alva, 24</h1><p>Söt och social tjej som gärna träffas på hotell. Sms:a 070-174 06 21, inga dolda nummer.</p></main>
      <div class="site-footer">Kundtjänst 08-465 004 21</div>`);
    const r = readGenericProfile(html, 'https://ads.example/escort/vaxjo/alva-2121');
    expect(r?.page.raw.fields).toMatchObject({ title: 'Alva, 24', age: '24', location: 'Växjö' });
    expect(r?.page.raw.fieldSources?.location?.detail).toMatch(/breadcrumb/);
    expect(normalisePhones(r!.page.raw.phones).map((p) => p.e164)).toEqual(['+46701740621']);
  });
});

describe('readGenericProfile on pages that are not profiles', () => {
  it('returns null for listings reached as profile links', () => {
    expect(readGenericProfile(fixture('city-listing.html'), 'https://stadsguiden.example/escort/goteborg')).toBeNull();
    expect(readGenericProfile(fixture('forum-table-listing.html'), 'https://kontaktforum.example/viewforum.php?f=4')).toBeNull();
    expect(readGenericProfile(fixture('wp-classifieds-listing.html'), 'https://nattfjarilen.example/annonser/')).toBeNull();
    expect(readGenericProfile(fixture('english-jsonld-listing.html'), 'https://northern-lights.example/escorts')).toBeNull();
  });

  it('returns null for a listing that looks like a profile: a heading, a text, cards with ages and places', () => {
    const cards = ['Anna', 'Bea', 'Cleo', 'Dora', 'Eva'].map((n, i) => `<div class="card"><a href="/annons/${n.toLowerCase()}-${100 + i}">${n}</a><p>Ålder: ${22 + i}</p><p>Ort: Malmö</p><p>Tel: 070-174 06 ${10 + i}</p></div>`).join('');
    const html = page(`<main><h1>Escort i Malmö</h1><p>Här hittar du annonser från Malmö och hela Skåne, uppdaterade varje dag av våra annonsörer.</p>${cards}</main>`);
    expect(readGenericProfile(html, 'https://ads.example/stad/malmo')).toBeNull();
  });

  it('returns null, without throwing, for empty, binary and absurdly nested pages and a site page', () => {
    expect(readGenericProfile('', 'https://ads.example/annons/1')).toBeNull();
    const garbage = Buffer.from(Array.from({ length: 20_000 }, (_, i) => (i * 7919) % 256)).toString('latin1');
    expect(readGenericProfile(garbage, 'https://ads.example/annons/1')).toBeNull();
    expect(readGenericProfile('<div>'.repeat(50_000) + 'Ålder: 25' + '</div>'.repeat(50_000), 'https://ads.example/annons/1')).toBeNull();
    expect(readGenericProfile(page('<h1>Villkor</h1><p>Genom att använda sajten godkänner du våra villkor för annonsering.</p>'), 'https://ads.example/villkor')).toBeNull();
    expect(readGenericProfile(page('<h1>x</h1>'), 'not a url')).toBeNull();
  });

  it('reads a deeply but plausibly nested ad', () => {
    const inner = '<h1>Mira</h1><dl><dt>Ålder</dt><dd>30</dd><dt>Stad</dt><dd>Lund</dd></dl><p>Ring 070-174 06 20.</p>';
    const html = page('<div>'.repeat(300) + inner + '</div>'.repeat(300));
    const r = readGenericProfile(html, 'https://ads.example/annons/mira-20');
    expect(r?.page.raw.fields).toMatchObject({ age: '30', location: 'Lund' });
  });
});
