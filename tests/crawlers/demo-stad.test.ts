import { describe, expect, it } from 'vitest';
import { getAdapter } from '../../crawlers/index.ts';
import { extractListing, extractProfile } from '../../src/extract/index.ts';
import { fixturePage } from './fixture-pages.ts';

const adapter = getAdapter('demo-stad')!;
const profile = (file: string) => {
  const page = fixturePage('demo-stad', file);
  return extractProfile(adapter, page.html, page.url);
};
const listing = (file: string) => {
  const page = fixturePage('demo-stad', file);
  return extractListing(adapter, page.html, page.url);
};

describe('demo-stad adapter', () => {
  it('reads the <dl> facts, id and phones of a profile', () => {
    const p = profile('profile-basic.html');
    expect(p.url).toBe('http://stad.demo.test/annons/selma-sot-och-social-1157');
    expect(p.externalId).toBe('1157');
    expect(p.fields).toMatchObject({
      title: 'Selma – Söt och social',
      age: '24',
      gender: 'Kvinna',
      location: 'Möllevången',
      price: '1 200 kr/h',
      hours: 'Mån–Fre 10–20',
      posted: '2025-02-25',
    });
    expect(p.fields.description).toContain('.');
    expect(p.phones).toEqual([
      { text: '+46701740698', source: 'tel-link' },
      { text: '070-174 06 98', source: 'text' },
    ]);
  });

  it('reads a national tel: link and leaves a missing age null', () => {
    const p = profile('profile-national-tel.html');
    expect(p.fields).toMatchObject({ age: null, gender: 'Man', location: 'Linköping', hours: '09.00–21.00' });
    expect(p.phones).toEqual([
      { text: '0701740660', source: 'tel-link' },
      { text: '070-174 06 60', source: 'text' },
    ]);
  });

  it('reads the ad\'s JSON-LD number but not the site\'s', () => {
    const p = profile('profile-json-ld.html');
    expect(p.fields).toMatchObject({ age: '28 år', location: 'Majorna' });
    expect(p.phones).toEqual([
      { text: '+46701740608', source: 'tel-link' },
      { text: '+46701740608', source: 'json-ld' },
      { text: '070-174 06 08', source: 'text' },
    ]);
  });

  it('reads two numbers', () => {
    expect(profile('profile-two-phones.html').phones).toEqual([
      { text: '+442079460955', source: 'tel-link' },
      { text: '+46846500417', source: 'tel-link' },
      { text: '+44 20 7946 0955', source: 'text' },
      { text: '08-465 004 17', source: 'text' },
    ]);
  });

  it('finds no phone on a profile without one (the footer is not the profile)', () => {
    const p = profile('profile-no-phone.html');
    expect(p.fields).toMatchObject({ age: '32 år', gender: 'Kvinna', location: 'Kista' });
    expect(p.phones).toEqual([]);
  });

  it('never takes the customer-service number', () => {
    for (const file of ['profile-basic.html', 'profile-no-age.html', 'profile-two-cities.html', 'profile-no-phone.html']) {
      expect(profile(file).phones.map((x) => x.text.replace(/\D/g, '')).join(' ')).not.toContain('46500499');
    }
  });

  it('follows the city menu and pagination, and collects the cards', () => {
    const home = listing('home.html');
    expect(home.profileUrls).toHaveLength(8);
    expect(home.listingUrls).toHaveLength(18);
    expect(home.listingUrls[0]).toBe('http://stad.demo.test/stad/stockholm');

    const first = listing('listing-stockholm.html');
    expect(first.profileUrls).toHaveLength(12);
    expect(first.profileUrls.every((u) => /^http:\/\/stad\.demo\.test\/annons\/[a-z0-9-]+-\d+$/.test(u))).toBe(true);
    expect(first.listingUrls[0]).toBe('http://stad.demo.test/stad/stockholm?sida=2');
    expect(first.listingUrls).toContain('http://stad.demo.test/stad/malmo');

    const second = listing('listing-stockholm-2.html');
    expect(second.listingUrls.slice(0, 2)).toEqual(['http://stad.demo.test/stad/stockholm?sida=3', 'http://stad.demo.test/stad/stockholm']);
    expect(second.profileUrls.filter((u) => first.profileUrls.includes(u))).toEqual([]);
  });
});
