import { describe, expect, it } from 'vitest';
import { getAdapter } from '../../crawlers/index.ts';
import { extractListing, extractProfile } from '../../src/extract/index.ts';
import { fixturePage } from './fixture-pages.ts';

const adapter = getAdapter('demo-annons')!;
const profile = (file: string) => {
  const page = fixturePage('demo-annons', file);
  return extractProfile(adapter, page.html, page.url);
};

describe('demo-annons adapter', () => {
  it('reads age and place from the free text, the badge as category, the id from the URL', () => {
    const p = profile('profile-plain.html');
    expect(p.externalId).toBe('481021');
    expect(p.fields).toMatchObject({
      title: 'Anja – Söt och social',
      category: 'Tjejer',
      age: '27 år',
      location: 'Stockholm',
      posted: '2025-03-01',
    });
    expect(p.fields.description).toMatch(/^Hej, jag är Anja, 27 år\. Du hittar mig i Stockholm\./);
    expect(p.phones).toEqual([{ text: '+46 70 174 06 53', source: 'text' }]);
  });

  it('joins a number split over <span>s and reads the sms: link', () => {
    const p = profile('profile-split.html');
    expect(p.fields).toMatchObject({ category: 'Killar', age: '32 år', location: 'Linköping' });
    expect(p.phones).toEqual([
      { text: '+442079460356', source: 'sms-link' },
      { text: '+44 20 7946 0356', source: 'text' },
    ]);
    expect(profile('profile-sms-link.html').phones).toEqual([
      { text: '+46846500408', source: 'sms-link' },
      { text: '08.465.004.08', source: 'text' },
    ]);
  });

  it('reads "24-årig" as the age text', () => {
    expect(profile('profile-foreign.html').fields).toMatchObject({ age: '23-årig', location: 'Stockholm' });
  });

  it('reads two numbers in one sentence', () => {
    expect(profile('profile-two-phones.html').phones).toEqual([
      { text: '0846500419', source: 'text' },
      { text: '0846500424', source: 'text' },
    ]);
  });

  it('leaves age null when the text states none', () => {
    const p = profile('profile-no-age.html');
    expect(p.fields).toMatchObject({ age: null, location: 'Göteborg', category: 'Killar' });
    expect(p.phones).toEqual([{ text: '0313900639', source: 'text' }]);
  });

  it('never takes the number in the sidebar and footer', () => {
    expect(profile('profile-no-phone.html').phones).toEqual([]);
  });

  it('follows rel=next and reads absolute profile links', () => {
    const first = fixturePage('demo-annons', 'listing-1.html');
    const links = extractListing(adapter, first.html, first.url);
    expect(links.profileUrls).toHaveLength(20);
    expect(links.profileUrls[0]).toBe('http://annons.demo.test/a/481021/anja-sot-och-social');
    expect(links.listingUrls).toEqual(['http://annons.demo.test/annonser?page=2']);
    const second = fixturePage('demo-annons', 'listing-2.html');
    expect(extractListing(adapter, second.html, second.url).listingUrls).toEqual(['http://annons.demo.test/annonser?page=3']);
  });
});
