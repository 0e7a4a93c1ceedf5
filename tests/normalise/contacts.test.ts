// Unit cases for findContacts: the ways ads write e-mail addresses and Telegram handles, and the
// near misses that must not become ties. Reserved domains and invented names only.
import { describe, expect, it } from 'vitest';
import type { ContactSource } from '../../src/model/profile.ts';
import { findContacts, findContactSpans, telegramFromLink, validEmail, validTelegramUsername } from '../../src/normalise/contacts.ts';

const found = (text: string, source: ContactSource = 'text'): string[] =>
  findContacts([{ text, source }]).map((c) => `${c.kind}:${c.value}`);

/** Texts that name exactly one contact of `kind`, and near misses that name none. */
function hitsAndMisses(kind: string, hits: [string, string][], misses: string[]): void {
  it.each(hits)('%s', (text, value) => {
    expect(found(text)).toEqual([`${kind}:${value}`]);
  });
  it.each(misses)('nothing in %s', (text) => {
    expect(found(text)).toEqual([]);
  });
}

describe('e-mail in text', () => {
  hitsAndMisses('email', [
    ['Mail: Lisa.K@Mail.Example', 'lisa.k@mail.example'],
    ['lisa [at] mail [dot] example', 'lisa@mail.example'],
    ['lisa(at)agency.test', 'lisa@agency.test'],
    ['lisa at mail dot example', 'lisa@mail.example'],
    ['lisa @ mail . example', 'lisa@mail.example'],
    ['lisa snabel-a mail punkt example', 'lisa@mail.example'],
    ['lisa snabela mail.example', 'lisa@mail.example'],
    ['lisa＠mail.example', 'lisa@mail.example'],
    ['li\u200bsa@ma\u200cil.example', 'lisa@mail.example'],
    ['ｌｉｓａ＠ｍａｉｌ．ｅｘａｍｐｌｅ', 'lisa@mail.example'],
    ['Skriv (till: ines_r@post.example.org) idag', 'ines_r@post.example.org'],
    ['lisa@mail.example.Ring mig ikväll', 'lisa@mail.example'],
    ['Maila maj-britt [at] mejl [punkt] test så hör jag av mig', 'maj-britt@mejl.test'],
  ], [
    '@home',
    'kl 10@20',
    'kl 10@20.30',
    '1500@kr',
    '@ 1500 kr',
    '1 tim @ 1500 kr, natt @ 6000 kr',
    'foo@2x.png',
    'header@2x.jpeg',
    'user@localhost',
    'name@domain.c0m',
    'lisa@mail',
    'site.example/@lisa_nord',
    'see me at hotel.example',
    'Jag är at home dot nu',
    'lisa at mail.example',
    'jag @ city.example',
    'lisa@mail-.example',
    'mail. Se till att ringa',
  ]);

  it('reads mailto: links with a query and percent-encoding', () => {
    expect(found('mailto:Lisa.K%40mail.example?subject=Hej%20d%C3%A4r', 'mailto-link')).toEqual(['email:lisa.k@mail.example']);
    expect(found('mailto:a.one@mail.example,b.two@agency.test', 'mailto-link')).toEqual(['email:a.one@mail.example', 'email:b.two@agency.test']);
    expect(found('mailto:info@site?subject=x', 'mailto-link')).toEqual([]);
    expect(found('https://mail.example/lisa@mail.example', 'mailto-link')).toEqual([]);
  });

  it('checks local part and top-level domain', () => {
    expect(validEmail('lisa', 'mail.example')).toBe('lisa@mail.example');
    expect(validEmail('Lisa', 'MAIL.SE')).toBe('lisa@mail.se');
    expect(validEmail('lisa..k', 'mail.example')).toBeNull();
    expect(validEmail('.lisa', 'mail.example')).toBeNull();
    expect(validEmail('lisa', 'mail.png')).toBeNull();
    expect(validEmail('lisa', 'mail.s')).toBeNull();
    expect(validEmail('x'.repeat(65), 'mail.example')).toBeNull();
  });
});

describe('Telegram', () => {
  it.each([
    ['https://t.me/lisa_nord', 'lisa_nord'],
    ['t.me/s/Lisa_Nord', 'lisa_nord'],
    ['https://telegram.me/lisa_nord', 'lisa_nord'],
    ['https://telegram.dog/lisa_nord', 'lisa_nord'],
    ['tg://resolve?domain=lisa_nord&start=x', 'lisa_nord'],
    ['https://t.me/lisa_nord/42', 'lisa_nord'],
  ])('link %s', (href, name) => {
    expect(found(href, 'telegram-link')).toEqual([`telegram:${name}`]);
  });

  it.each([
    'https://t.me/+46701740605',
    'https://t.me/joinchat/AAAAAEk3qPX',
    'https://t.me/+AbCdEfGh123',
    'https://t.me/addstickers/Pack',
    'https://t.me/share/url?url=x',
    'https://t.me/proxy?server=x',
    'https://t.me/socks?server=x',
    'https://t.me/iv?url=x',
    'https://t.me/login/abc',
    'https://t.me/c/123/45',
    'tg://resolve?phone=46701740605',
    'https://example.com/lisa_nord',
    'https://t.me.example/lisa_nord',
  ])('no handle in link %s', (href) => {
    expect(telegramFromLink(href)).toBeNull();
    expect(found(href)).toEqual([]);
  });

  hitsAndMisses('telegram', [
    ['Telegram: @lisa_nord', 'lisa_nord'],
    ['TG @lisa_nord', 'lisa_nord'],
    ['tg: lisanord', 'lisanord'],
    ['telegram - lisanord', 'lisanord'],
    ['Finns på telegram @lisanord', 'lisanord'],
    ['@lisa_nord på Telegram', 'lisa_nord'],
    ['Telegram (@lisa_nord)', 'lisa_nord'],
    ['Skriv på t.me/lisa_nord!', 'lisa_nord'],
  ], [
    '@lisa_nord',
    'Instagram: @lisa_nord',
    'Följ mig @lisa_nord',
    'Telegram: samma som nummer',
    'Telegram eller sms',
    'Telegram: +46 70 174 06 05',
    'Telegram: lisa',
    'Telegram? Nej. Insta @lisa_nord',
    'Signal: @lisa_nord',
    'WhatsApp: @lisa_nord',
  ]);

  it("applies Telegram's username rules", () => {
    expect(validTelegramUsername('lisa_nord')).toBe(true);
    expect(validTelegramUsername('abcde')).toBe(true);
    expect(validTelegramUsername('abcd')).toBe(false);
    expect(validTelegramUsername('a'.repeat(32))).toBe(true);
    expect(validTelegramUsername('a'.repeat(33))).toBe(false);
    expect(validTelegramUsername('1lisa')).toBe(false);
    expect(validTelegramUsername('_lisa')).toBe(false);
    expect(validTelegramUsername('lisa_')).toBe(false);
    expect(validTelegramUsername('lisa__nord')).toBe(false);
    expect(validTelegramUsername('lisa-nord')).toBe(false);
  });
});

describe('findContacts', () => {
  it('gives each contact once, with the source of the first candidate naming it', () => {
    const got = findContacts([
      { text: 'https://t.me/lisa_nord', source: 'telegram-link' },
      { text: 'Telegram: @Lisa_Nord, mail lisa@mail.example', source: 'text' },
      { text: 'mailto:LISA@MAIL.EXAMPLE', source: 'mailto-link' },
    ]);
    expect(got).toEqual([
      { kind: 'telegram', value: 'lisa_nord', source: 'telegram-link' },
      { kind: 'email', value: 'lisa@mail.example', source: 'text' },
    ]);
  });

  it('does not read a WhatsApp link as a contact', () => {
    expect(found('https://wa.me/46701740605')).toEqual([]);
    expect(found('WhatsApp: +46701740605')).toEqual([]);
  });

  it('gives spans that cut the contact and its cue from the text', () => {
    const text = 'Hej! Jag heter Lisa och bor i Malmö. Telegram: @lisa_nord. Mail: lisa [at] mail [dot] example';
    const spans = findContactSpans(text);
    expect(spans.map((s) => text.slice(s.contextStart, s.end))).toEqual(['Telegram: @lisa_nord', 'lisa [at] mail [dot] example']);
    for (const s of spans) expect(found(text.slice(s.contextStart, s.end))).toEqual([`${s.kind}:${s.value}`]);
  });

  it('reads a huge hostile text quickly', () => {
    const junk = ['@'.repeat(200_000), ' at '.repeat(100_000), 'a@'.repeat(100_000), 'telegram: '.repeat(50_000), '[at]'.repeat(100_000)].join(' ');
    const t0 = performance.now();
    expect(() => findContactSpans(junk)).not.toThrow();
    expect(performance.now() - t0).toBeLessThan(3_000);
  });
});
