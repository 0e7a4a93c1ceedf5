// harvestContacts on small saved pages: the profile's own contacts, never the site's support
// address in its chrome, and bounded work on hostile pages. Reserved domains and invented names only.
import { describe, expect, it } from 'vitest';
import type { RawContact } from '../../src/model/profile.ts';
import { loadHtml } from '../../src/extract/dom.ts';
import { harvestContacts } from '../../src/extract/contacts.ts';
import { findContacts } from '../../src/normalise/contacts.ts';

const PAGE = `<!doctype html><html><head><title>Lisa</title>
<script>var support = "Telegram: @site_support_bot, help@site.example";</script></head>
<body>
  <header><a href="mailto:info@site.example">Kontakta oss</a> <a href="https://t.me/site_news">Våra nyheter</a></header>
  <nav>Frågor? support [at] site [dot] example</nav>
  <aside class="other">Annons: Telegram: @other_girl, <a href="mailto:other@mail.example">mail</a></aside>
  <main class="profile">
    <h1>Lisa, 26</h1>
    <p>Hej! Jag heter Lisa, bor i Malmö och tar emot i lägenhet. Telegram: @lisa_nord</p>
    <p>Mail: lisa [at] mail [dot] example</p>
    <p><a href="mailto:Lisa.K%40mail.example?subject=Bokning">Maila mig</a>
       <a href="https://t.me/lisa_nord">Telegram</a>
       <a href="tg://resolve?domain=lisa_second">Telegram 2</a>
       <a href="https://t.me/+46701740605">Telegram (nummer)</a>
       <a href="https://t.me/joinchat/AAAAAEk3qPX">Grupp</a>
       <a href="https://t.me/share/url?url=https://site.example/lisa">Dela</a>
       <a href="https://instagram.com/lisa_nord">Instagram</a></p>
    <p style="display:none">Dold: hidden_one@mail.example</p>
    <p>Instagram: @lisa_photos</p>
  </main>
  <footer>Kundtjänst: kundtjanst@site.example · <a href="mailto:abuse@site.example">abuse</a> · <a href="https://t.me/site_support">Support</a></footer>
</body></html>`;

const values = (raw: RawContact[]) => findContacts(raw).map((c) => `${c.kind}:${c.value}`);

describe('contact harvest (default scope)', () => {
  const raw = harvestContacts(loadHtml(PAGE));

  it('reads mailto: and Telegram links of the profile, not invites, phone links or other sites', () => {
    expect(raw.filter((r) => r.source !== 'text')).toEqual([
      { text: 'mailto:other@mail.example', source: 'mailto-link' },
      { text: 'mailto:Lisa.K%40mail.example?subject=Bokning', source: 'mailto-link' },
      { text: 'https://t.me/lisa_nord', source: 'telegram-link' },
      { text: 'tg://resolve?domain=lisa_second', source: 'telegram-link' },
    ]);
  });

  it('cuts each contact from the text with its cue, leaving the rest of the description out', () => {
    expect(raw.filter((r) => r.source === 'text').map((r) => r.text)).toEqual([
      'Telegram: @other_girl',
      'Telegram: @lisa_nord',
      'lisa [at] mail [dot] example',
    ]);
  });

  it("never reads the site's header, nav, footer, scripts or hidden text", () => {
    const all = values(raw);
    expect(all).toEqual([
      'email:other@mail.example',
      'email:lisa.k@mail.example',
      'telegram:lisa_nord',
      'telegram:lisa_second',
      'telegram:other_girl',
      'email:lisa@mail.example',
    ]);
    for (const site of ['info@site.example', 'support@site.example', 'kundtjanst@site.example', 'abuse@site.example', 'site_support', 'site_news', 'hidden_one']) {
      expect(all.join(' ')).not.toContain(site);
    }
  });
});

describe('contact harvest (explicit scope)', () => {
  it('reads only the scope named by the adapter', () => {
    const raw = harvestContacts(loadHtml(PAGE), { scope: 'main.profile' });
    expect(values(raw)).toEqual(['email:lisa.k@mail.example', 'telegram:lisa_nord', 'telegram:lisa_second', 'email:lisa@mail.example']);
  });

  it('reads the footer of an article scope: it belongs to the ad', () => {
    const html = `<body><article class="ad"><p>Lisa</p><footer>Telegram: @lisa_nord · <a href="mailto:lisa@mail.example">mail</a></footer></article>
      <footer>support@site.example</footer></body>`;
    expect(values(harvestContacts(loadHtml(html), { scope: 'article.ad' }))).toEqual(['email:lisa@mail.example', 'telegram:lisa_nord']);
    expect(values(harvestContacts(loadHtml(html)))).toEqual(['email:lisa@mail.example', 'telegram:lisa_nord']);
  });

  it('falls back to the default scope when the selector matches nothing or is malformed', () => {
    for (const scope of ['.missing', 'div[[[']) {
      expect(values(harvestContacts(loadHtml(PAGE), { scope }))).toContain('telegram:lisa_nord');
    }
  });

  it('is not narrowed by phone selectors', () => {
    expect(values(harvestContacts(loadHtml(PAGE), { selectors: ['.phone'] }))).toContain('email:lisa@mail.example');
  });

  it('finds nothing on a page without contacts, or an empty one', () => {
    expect(harvestContacts(loadHtml('<p>Ring 070-174 06 05, 1 tim @ 1500 kr, bilder: bild@2x.png</p>'))).toEqual([]);
    expect(harvestContacts(loadHtml(''))).toEqual([]);
  });
});

describe('contact harvest on hostile pages', () => {
  const timed = <T>(f: () => T): { value: T; ms: number } => {
    const t0 = performance.now();
    const value = f();
    return { value, ms: performance.now() - t0 };
  };

  it('bounds 50,000 contact links', () => {
    const links = Array.from({ length: 50_000 }, (_, i) => `<a href="mailto:user${i}@mail.example">m</a><a href="https://t.me/user_${i}x">t</a>`).join('');
    const { value, ms } = timed(() => harvestContacts(loadHtml(`<body><main>${links}</main></body>`)));
    expect(value.length).toBeLessThanOrEqual(50);
    expect(value.length).toBeGreaterThan(0);
    expect(ms).toBeLessThan(15_000);
  });

  it('bounds 5 MB of text full of near misses and addresses', () => {
    const chunk = 'lisa [at] mail [dot] example Telegram: @lisa_nord 1 tim @ 1500 kr kl 10@20 foo@2x.png at at @@ ';
    const text = chunk.repeat(Math.ceil(5_000_000 / chunk.length)).slice(0, 4_900_000);
    const { value, ms } = timed(() => harvestContacts(loadHtml(`<body><p>${text}</p></body>`)));
    expect(value.length).toBeLessThanOrEqual(50);
    expect(values(value)).toEqual(['email:lisa@mail.example', 'telegram:lisa_nord']);
    expect(ms).toBeLessThan(15_000);
  });

  it('skips an absurdly long href without throwing', () => {
    const html = `<body><a href="mailto:${'a'.repeat(100_000)}@mail.example">x</a><a href="https://t.me/${'b'.repeat(100_000)}">y</a></body>`;
    expect(harvestContacts(loadHtml(html))).toEqual([]);
  });
});
