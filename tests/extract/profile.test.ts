import { describe, expect, it } from 'vitest';
import type { SiteAdapter } from '../../crawlers/types.ts';
import { extractProfile } from '../../src/extract/index.ts';

const adapter: SiteAdapter = {
  name: 'test-profile',
  description: 'test',
  render: 'http',
  listing: { profileLinks: 'a' },
  profile: {
    externalId: [{ label: 'Annons-ID' }, { fromUrl: true, pattern: '/(\\d+)$' }],
    fields: {
      title: { selector: 'h1' },
      age: { label: 'Ålder' },
      gender: [{ label: 'Kön' }, { selector: '.kategori' }],
      location: { label: ['Stad', 'Ort'] },
      hair: { label: 'Hårfärg' },
    },
    phones: { scope: '.profil' },
  },
};

const HTML = `<!doctype html><html><body>
<header><a href="tel:+46846500499">Kundtjänst</a></header>
<div class="profil"><h1>Lina</h1><span class="kategori">Tjejer</span>
<dl><dt>Ålder</dt><dd>26 år</dd><dt>Ort</dt><dd>Sthlm</dd></dl>
<p>Ring <a href="tel:+46701740605">070-174 06 05</a></p></div>
<footer>Kundtjänst 08-465 004 99</footer></body></html>`;

describe('extractProfile', () => {
  it('reads url, id, every field (missing ones null) and phones', () => {
    const p = extractProfile(adapter, HTML, 'http://Demo.test/annons/1042?utm_source=x#top');
    expect(p).toEqual({
      url: 'http://demo.test/annons/1042',
      externalId: '1042',
      fields: { title: 'Lina', age: '26 år', gender: 'Tjejer', location: 'Sthlm', hair: null },
      phones: [
        { text: '+46701740605', source: 'tel-link' },
        { text: '070-174 06 05', source: 'text' },
      ],
      contacts: [],
    });
  });

  it('leaves externalId null when no spec yields', () => {
    const noId: SiteAdapter = { ...adapter, profile: { ...adapter.profile, externalId: { label: 'Annons-ID' } } };
    expect(extractProfile(noId, HTML, 'http://demo.test/annons/x').externalId).toBeNull();
    const none: SiteAdapter = { ...adapter, profile: { fields: {} } };
    expect(extractProfile(none, HTML, 'http://demo.test/annons/x').externalId).toBeNull();
  });

  it('harvests the whole page without chrome when the adapter names no phone scope', () => {
    const noScope: SiteAdapter = { ...adapter, profile: { ...adapter.profile, phones: undefined } };
    const texts = extractProfile(noScope, HTML, 'http://demo.test/annons/1').phones.map((p) => p.text);
    expect(texts).toEqual(['+46701740605', '070-174 06 05']);
  });

  it('passes what the spec found, the document and the URL to refine', () => {
    const refined: SiteAdapter = {
      ...adapter,
      refine(found, $, url) {
        return { ...found, fields: { ...found.fields, hair: $('h1').text().toUpperCase(), path: url.pathname } };
      },
    };
    const p = extractProfile(refined, HTML, 'http://demo.test/annons/7');
    expect(p.fields.hair).toBe('LINA');
    expect(p.fields.path).toBe('/annons/7');
  });

  it('keeps an unparseable page URL as given', () => {
    expect(extractProfile(adapter, HTML, 'not a url').url).toBe('not a url');
  });
});
