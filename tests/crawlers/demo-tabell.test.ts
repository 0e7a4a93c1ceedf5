import { describe, expect, it } from 'vitest';
import { getAdapter } from '../../crawlers/index.ts';
import { extractListing, extractProfile } from '../../src/extract/index.ts';
import { fixturePage } from './fixture-pages.ts';

const adapter = getAdapter('demo-tabell')!;
const profile = (file: string) => {
  const page = fixturePage('demo-tabell', file);
  return extractProfile(adapter, page.html, page.url);
};

describe('demo-tabell adapter', () => {
  it('reads the facts table with bilingual labels and the data-phone button', () => {
    const p = profile('profile-data-phone.html');
    expect(p.url).toBe('http://tabell.demo.test/profile.php?id=173');
    expect(p.externalId).toBe('173');
    expect(p.fields).toMatchObject({
      title: 'Hanna',
      age: '21',
      gender: 'Kvinna',
      location: 'Örebro',
      price: '1200:-',
      hours: '12-24',
      posted: '2025-03-01',
    });
    expect(p.phones).toEqual([{ text: '0846500486', source: 'data-attribute' }]);
  });

  it('reads a wa.me link', () => {
    const p = profile('profile-whatsapp.html');
    expect(p.fields).toMatchObject({ age: '25', gender: 'Female', location: 'Helsingborg' });
    expect(p.phones).toEqual([{ text: '+46406280482', source: 'whatsapp-link' }]);
  });

  it('reads button and link together, and two different numbers', () => {
    expect(profile('profile-both.html').phones).toEqual([
      { text: '+44 20 7946 0211', source: 'data-attribute' },
      { text: '+442079460211', source: 'whatsapp-link' },
    ]);
    expect(profile('profile-two-phones.html').phones).toEqual([
      { text: '0313900657', source: 'data-attribute' },
      { text: '+46313900616', source: 'whatsapp-link' },
    ]);
  });

  it('keeps a district with its city as written', () => {
    expect(profile('profile-district.html').fields.location).toBe('Södermalm, Stockholm');
  });

  it('reads a "-" age as no age', () => {
    expect(profile('profile-no-age.html').fields).toMatchObject({ age: null, gender: 'Female', location: 'Göteborg' });
  });

  it('never takes the support button and WhatsApp link in the footer', () => {
    expect(profile('profile-no-phone.html').phones).toEqual([]);
  });

  it('reads the table listing: links with tracking parameters and fragments become one URL each', () => {
    const page = fixturePage('demo-tabell', 'listing-1.html');
    expect(page.html).toContain('utm_source=lista');
    const links = extractListing(adapter, page.html, page.url);
    expect(links.profileUrls).toHaveLength(25);
    expect(links.profileUrls.every((u) => /^http:\/\/tabell\.demo\.test\/profile\.php\?id=\d+$/.test(u))).toBe(true);
    expect(links.listingUrls).toEqual([
      'http://tabell.demo.test/search.php?p=2',
      'http://tabell.demo.test/search.php?p=3',
      'http://tabell.demo.test/search.php?p=4',
    ]);
  });
});
