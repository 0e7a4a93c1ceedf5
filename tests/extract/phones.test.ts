import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import type { RawPhone } from '../../src/model/profile.ts';
import { loadHtml } from '../../src/extract/dom.ts';
import { harvestPhones, phonesFromHref, textPhones } from '../../src/extract/index.ts';
import { normalisePhones } from '../../src/normalise/phone.ts';

const page = loadHtml(readFileSync(new URL('../fixtures/html/odd/phones.html', import.meta.url), 'utf8'));
const harvested = harvestPhones(page);
const bySource = (phones: RawPhone[], source: RawPhone['source']) => phones.filter((p) => p.source === source).map((p) => p.text);
const digits = (phones: RawPhone[]) => phones.map((p) => p.text.replace(/\D/g, ''));

describe('phone harvest (default scope)', () => {
  it('reads tel: links', () => {
    expect(bySource(harvested, 'tel-link')).toEqual(['+46701740605']);
  });

  it('reads sms: links, one candidate per recipient, without the message', () => {
    expect(bySource(harvested, 'sms-link')).toEqual(['0701740606', '+46701740607', '+46701740608']);
  });

  it('reads wa.me, api.whatsapp.com and whatsapp:// links as international numbers', () => {
    expect(bySource(harvested, 'whatsapp-link')).toEqual(['+46701740609', '+46701740610', '+46701740611']);
  });

  it('reads t.me/+number and tg://resolve?phone=, not t.me/username', () => {
    expect(bySource(harvested, 'telegram-link')).toEqual(['+46701740612', '+46701740613']);
  });

  it('reads viber:// links with encoded or bare numbers', () => {
    expect(bySource(harvested, 'viber-link')).toEqual(['+46701740614', '+46701740615']);
  });

  it('reads data-* attributes named or shaped like phones, not ids or short numbers', () => {
    expect(bySource(harvested, 'data-attribute')).toEqual(['070 174 06 16', '+46701740617', '0701740618']);
  });

  it("reads JSON-LD telephone of the ad, not the site's organisation, and survives broken JSON", () => {
    expect(bySource(harvested, 'json-ld')).toEqual(['+46701740620']);
  });

  it('reads numbers in visible text, joining digits split over <span>s', () => {
    const text = bySource(harvested, 'text');
    expect(text).toContain('070-174 06 05');
    expect(text).toContain('070-174 06 19');
    // An <article>'s own header belongs to the profile.
    expect(text).toContain('070-174 06 21');
    expect(text).toContain('+44 20 7946 0123');
    expect(text).toContain('0044 20 7946 0124');
    expect(text).toContain('46 70 174 06 26');
  });

  it('splits two numbers written one after the other', () => {
    const text = bySource(harvested, 'text');
    expect(text).toContain('070 174 06 22');
    expect(text).toContain('070 174 06 23');
  });

  it('ignores prices, opening hours, dates and ad ids', () => {
    for (const d of digits(harvested)) {
      expect(d).not.toMatch(/^(1500|2000|15002000|1022|09002100|20250214|14022025|4811234)$/);
    }
  });

  it('ignores hidden text', () => {
    expect(digits(harvested)).not.toContain('0701740624');
    expect(digits(harvested)).not.toContain('0701740625');
  });

  it('keeps the site header, nav and footer (customer service) out', () => {
    const all = digits(harvested).join(' ');
    expect(all).not.toMatch(/46500499|46500498/);
  });

  it('lists each candidate once', () => {
    const keys = harvested.map((p) => `${p.source} ${p.text}`);
    expect(new Set(keys).size).toBe(keys.length);
  });
});

describe('phone harvest with a PhoneSpec', () => {
  it('an explicit scope keeps everything outside it out', () => {
    const scoped = harvestPhones(page, { scope: 'article.profil' });
    expect(digits(scoped).join(' ')).not.toMatch(/46500497/);
    expect(digits(harvested).join(' ')).toMatch(/46500497/); // the <aside> is not chrome by default
    expect(bySource(scoped, 'tel-link')).toEqual(['+46701740605']);
  });

  it('falls back to the default scope when the scope matches nothing', () => {
    expect(harvestPhones(page, { scope: '.saknas' })).toEqual(harvested);
  });

  it('explicit selectors read only those elements: links, attributes and text as a field', () => {
    const $ = loadHtml('<p class="nr">Ring 070-174 06 40</p><p class="btn"><button data-phone="0701740641">Visa</button></p><p>070-174 06 42</p><a class="tel" href="tel:0701740643">Ring</a>');
    expect(harvestPhones($, { selectors: ['.nr', '.btn', 'a.tel'] })).toEqual([
      { text: '0701740641', source: 'data-attribute' },
      { text: '0701740643', source: 'tel-link' },
      { text: 'Ring 070-174 06 40', source: 'field' },
    ]);
  });

  it('finds nothing on a page without numbers', () => {
    expect(harvestPhones(loadHtml('<p>Hej 26 år, 1 500 kr</p>'))).toEqual([]);
  });
});

describe('phonesFromHref', () => {
  it('reads each link kind', () => {
    expect(phonesFromHref('tel:+46%2070%20174%2006%2005')).toEqual([{ text: '+46 70 174 06 05', source: 'tel-link' }]);
    expect(phonesFromHref('TEL:070-174 06 05;ext=1')).toEqual([{ text: '070-174 06 05', source: 'tel-link' }]);
    expect(phonesFromHref('smsto:0701740605')).toEqual([{ text: '0701740605', source: 'sms-link' }]);
    expect(phonesFromHref('https://www.wa.me/46701740605')).toEqual([{ text: '+46701740605', source: 'whatsapp-link' }]);
    expect(phonesFromHref('https://web.whatsapp.com/send?phone=46701740605')).toEqual([{ text: '+46701740605', source: 'whatsapp-link' }]);
    expect(phonesFromHref('viber://contact?number=46701740605')).toEqual([{ text: '+46701740605', source: 'viber-link' }]);
  });

  it('ignores links without a number', () => {
    for (const href of ['tel:', 'tel:abc', 'https://wa.me/', 'https://t.me/joinchat', 'https://demo.test/tel:0701740605', 'mailto:x@demo.test', '#', 'javascript:call()']) {
      expect(phonesFromHref(href)).toEqual([]);
    }
  });
});

describe('textPhones', () => {
  it('finds numbers in every common written form', () => {
    const forms = ['+46 70 174 06 12', '0046701740612', '070-174 06 12', '070 174 06 12', '0701740612', '070.174.06.12', '+46 (0)70-174 06 12', '08-465 004 12', '+44 20 7946 0123'];
    for (const form of forms) expect(textPhones(`Ring ${form}!`).map((p) => p.text)).toEqual([form]);
  });

  it('stops a number before the opening hours written after it', () => {
    expect(textPhones('Ring 070-174 06 12 10-22').map((p) => p.text)).toEqual(['070-174 06 12']);
  });

  it('does not take numbers across lines', () => {
    expect(textPhones('070-174\n06 12')).toEqual([]);
  });
});

describe('digits split across inline elements', () => {
  const text = (html: string) => bySource(harvestPhones(loadHtml(html)), 'text');
  const numbers = (html: string) => normalisePhones(harvestPhones(loadHtml(html))).map((p) => p.e164);

  it('joins one group per <span>', () => {
    expect(text('<p>Ring <span>070</span><span>174</span><span>06</span><span>05</span></p>')).toEqual(['0701740605']);
    expect(text('<p><span>070</span> <span>174</span> <span>06</span> <span>05</span></p>')).toEqual(['070 174 06 05']);
  });

  it('joins a digit set off in <b>, <i> or <em>', () => {
    expect(text('<p>Tel 07<b>0</b>-17<i>4</i> 0<em>6</em> 05</p>')).toEqual(['070-174 06 05']);
  });

  it('leaves out digits hidden inside a number as a trap', () => {
    expect(numbers('<p>070-174<span style="display:none">99</span> 06 05</p>')).toEqual(['+46701740605']);
    expect(numbers('<p>070-174 <span hidden>12</span>06 06</p>')).toEqual(['+46701740606']);
  });

  it('does not join numbers across blocks', () => {
    expect(text('<div>070-174</div><div>06 05</div>')).toEqual([]);
  });
});

describe('obfuscated numbers in visible text', () => {
  const candidates = (html: string) => bySource(harvestPhones(loadHtml(html)), 'text');

  it('cuts out the number as written, obfuscation included', () => {
    expect(candidates('<p>Ring O7O-l74 O6 O5 efter 18</p>')).toEqual(['O7O-l74 O6 O5']);
    expect(candidates('<p>Mitt nr: noll sju noll ett sju fyra noll sex noll sju, 1500 kr</p>')).toEqual([
      'noll sju noll ett sju fyra noll sex noll sju',
    ]);
    expect(candidates('<p>０７０－１７４ ０６ ０８</p>')).toEqual(['０７０－１７４ ０６ ０８']);
  });

  it('keeps the word that makes a number readable', () => {
    expect(candidates('<p>Hej! WhatsApp: 48512345679</p>')).toEqual(['WhatsApp: 48512345679']);
    expect(candidates('<p>Polish number: 512 345 670</p>')).toEqual(['Polish number: 512 345 670']);
  });

  it('gives candidates that read as the same numbers on their own', () => {
    const html = '<p>Ring O7O-l74 O6 O9, noll sju noll ett sju fyra noll sex ett noll eller WhatsApp: 48512345679</p>';
    expect(normalisePhones(harvestPhones(loadHtml(html))).map((p) => p.e164)).toEqual([
      '+46701740609',
      '+46701740610',
      '+48512345679',
    ]);
  });

  it('passes over prices, times, dates and ids in the same text', () => {
    const html = '<p>1 500 kr/h, 2000:-. Öppet 10-22, kl 08.00-17.00. Ny 2025-03-07. Annons-ID 0701740698. 26 år, 123 45 Stockholm.</p>';
    expect(harvestPhones(loadHtml(html))).toEqual([]);
  });
});

describe('obfuscated data-* attributes', () => {
  const attr = (html: string) => bySource(harvestPhones(loadHtml(html)), 'data-attribute');

  it('reads look-alike letters, digit words and full-width digits in phone-named attributes', () => {
    expect(attr('<button data-phone="O7O-l74 O6 11">Visa</button>')).toEqual(['O7O-l74 O6 11']);
    expect(attr('<button data-nummer="noll sju noll ett sju fyra noll sex ett två">Visa</button>')).toEqual([
      'noll sju noll ett sju fyra noll sex ett två',
    ]);
    expect(attr('<span data-tel="０７０１７４０６１３"></span>')).toEqual(['０７０１７４０６１３']);
  });

  it('decodes a base64 value in a phone-named attribute', () => {
    const encoded = Buffer.from('070-174 06 14').toString('base64');
    expect(attr(`<button data-phone="${encoded}">Visa nummer</button>`)).toEqual(['070-174 06 14']);
  });

  it('takes an unnamed attribute only when it holds nothing but a number', () => {
    expect(attr('<span data-x="O7O l74 O6 15"></span>')).toEqual(['O7O l74 O6 15']);
    expect(attr('<span data-x="Annons 0701740616 visad"></span>')).toEqual([]);
    expect(attr('<span data-created="2025-03-07 10:00"></span><span data-id="4811234567"></span>')).toEqual([]);
  });
});

describe('messenger links that carry a number', () => {
  it('reads Telegram tg://msg?to= and telegram.me/+number', () => {
    expect(phonesFromHref('tg://msg?to=+46701740617&text=hej')).toEqual([{ text: '+46701740617', source: 'telegram-link' }]);
    expect(phonesFromHref('https://telegram.me/+46701740618')).toEqual([{ text: '+46701740618', source: 'telegram-link' }]);
  });

  it('does not take Telegram usernames or invite links for numbers', () => {
    expect(phonesFromHref('https://t.me/+AbCdEf123456')).toEqual([]);
    expect(phonesFromHref('https://t.me/lina_070')).toEqual([]);
  });

  it('reads Viber chat, add and viber.click links', () => {
    expect(phonesFromHref('viber://chat/?number=%2B46701740619')).toEqual([{ text: '+46701740619', source: 'viber-link' }]);
    expect(phonesFromHref('viber://add?number=46701740620')).toEqual([{ text: '+46701740620', source: 'viber-link' }]);
    expect(phonesFromHref('https://viber.click/46701740621')).toEqual([{ text: '+46701740621', source: 'viber-link' }]);
  });

  it('reads skype: and Android intent links', () => {
    expect(phonesFromHref('skype:+46701740622?call')).toEqual([{ text: '+46701740622', source: 'tel-link' }]);
    expect(phonesFromHref('intent://send?phone=46701740623#Intent;scheme=whatsapp;package=com.whatsapp;end')).toEqual([
      { text: '+46701740623', source: 'whatsapp-link' },
    ]);
    expect(phonesFromHref('intent://scan/#Intent;scheme=zxing;end')).toEqual([]);
  });
});

describe('phone fields from explicit selectors', () => {
  it('keeps a field with a number in words or look-alikes, which has no digits to count', () => {
    const $ = loadHtml('<p class="nr">noll sju noll ett sju fyra noll sex två fyra</p><p class="nr2">O7O-l74 O6 25</p>');
    expect(harvestPhones($, { selectors: ['.nr', '.nr2'] })).toEqual([
      { text: 'noll sju noll ett sju fyra noll sex två fyra', source: 'field' },
      { text: 'O7O-l74 O6 25', source: 'field' },
    ]);
  });

  it('drops a field without a number, and cuts the numbers out of a long one', () => {
    const long = `${'Trevlig tjej i city. '.repeat(20)}Ring 070-174 06 26. ${'Välkommen! '.repeat(10)}`;
    const $ = loadHtml(`<p class="a">26 år, 1 500 kr</p><p class="b">${long}</p>`);
    expect(harvestPhones($, { selectors: ['.a', '.b'] })).toEqual([{ text: '070-174 06 26', source: 'field' }]);
  });
});
