// "Show number" buttons: which URLs a profile page names, and what an endpoint's answer holds.

import { describe, expect, it } from 'vitest';
import type { SiteAdapter } from '../../crawlers/types.ts';
import { JsonReadError, extractProfile, revealUrls, revealedPhones } from '../../src/extract/index.ts';

const adapter: SiteAdapter = {
  name: 'test-reveal',
  description: 'test',
  render: 'http',
  listing: { profileLinks: 'a' },
  profile: {
    fields: { age: { label: 'Ålder' } },
    phones: { scope: '.ad', reveal: { selector: 'button.reveal', attribute: 'data-reveal' } },
  },
};

const PAGE = 'https://ads.example/annons/17';

describe('reveal URLs of a profile page', () => {
  it('are the buttons\' attributes, absolute, each once, never the page itself', () => {
    const html = `<div class="ad"><p>Ålder: 25</p>
      <button class="reveal" data-reveal="/api/ads/17/phone">Visa nummer</button>
      <button class="reveal" data-reveal="/api/ads/17/phone?n=2">Visa nummer 2</button>
      <button class="reveal" data-reveal="/api/ads/17/phone">again</button>
      <button class="reveal" data-reveal="">empty</button>
      <button class="reveal">none</button>
      <button class="reveal" data-reveal="javascript:void(0)">js</button>
      <button class="reveal" data-reveal="#">self</button></div>`;
    expect(revealUrls(adapter, html, PAGE)).toEqual(['https://ads.example/api/ads/17/phone', 'https://ads.example/api/ads/17/phone?n=2']);
    // The page's own reading is unchanged: the button names no number.
    expect(extractProfile(adapter, html, PAGE).phones).toEqual([]);
  });

  it('are none without a reveal spec', () => {
    const { phones: _, ...profile } = adapter.profile;
    expect(revealUrls({ ...adapter, profile }, '<button class="reveal" data-reveal="/x">x</button>', PAGE)).toEqual([]);
  });
});

describe('what a reveal endpoint answers', () => {
  it('reads the number from JSON as the page text would be read', () => {
    expect(revealedPhones('{"phone": "070-174 06 05"}', 'application/json')).toEqual([{ text: '070-174 06 05', source: 'text' }]);
    expect(revealedPhones('{"data": {"phoneNumber": "+46 70 174 06 07"}}', 'application/json; charset=utf-8')).toEqual([{ text: '+46 70 174 06 07', source: 'text' }]);
  });

  it('reads only the keys named for a phone when there are any, so ids are not numbers', () => {
    const got = revealedPhones('{"id": 7017406051, "createdAt": 1735689600000, "phone": "0701740606"}', 'application/json');
    expect(got.map((p) => p.text)).toEqual(['0701740606']);
  });

  it('reads a text or HTML answer', () => {
    expect(revealedPhones('Ring 070-174 06 08', 'text/plain')).toEqual([{ text: '070-174 06 08', source: 'text' }]);
    expect(revealedPhones('<a href="tel:+46701740609">070-174 06 09</a>', 'text/html').map((p) => p.source)).toContain('tel-link');
  });

  it('finds nothing in an answer without a number', () => {
    expect(revealedPhones('{"phone": null}', 'application/json')).toEqual([]);
    expect(revealedPhones('{"error": "too many requests"}', 'application/json')).toEqual([]);
  });

  it('throws a JsonReadError for JSON that is not', () => {
    expect(() => revealedPhones('{"phone": "070-174', 'application/json')).toThrow(JsonReadError);
    expect(() => revealedPhones('<html>captcha</html>', 'application/json')).toThrow(/looks like HTML/);
  });

  it('stays bounded on a huge or deeply nested answer', () => {
    let deep = '"0701740605"';
    for (let i = 0; i < 5_000; i++) deep = `[${deep}]`;
    expect(revealedPhones(deep, 'application/json')).toEqual([]);
    const wide = JSON.stringify({ phones: Array.from({ length: 100_000 }, () => '0701740605') });
    expect(revealedPhones(wide, 'application/json')).toHaveLength(1);
  });
});
