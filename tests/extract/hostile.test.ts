// Pages from hostile or broken sites must neither crash nor stall a crawl: every input gives a
// result (empty where nothing can be read) in bounded time.

import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { getAdapter } from '../../crawlers/index.ts';
import type { SiteAdapter } from '../../crawlers/types.ts';
import { MAX_DEPTH, nestingDepth } from '../../src/extract/dom.ts';
import { extractListing, extractProfile } from '../../src/extract/index.ts';

const adapters = ['demo-stad', 'demo-annons', 'demo-tabell'].map((n) => getAdapter(n)!);
const URL_ = 'http://demo.test/annons/lina-1042';

function emptyFor(adapter: SiteAdapter) {
  return Object.fromEntries(Object.keys(adapter.profile.fields).map((k) => [k, null]));
}

function timed<T>(fn: () => T): { value: T; ms: number } {
  const t0 = performance.now();
  const value = fn();
  return { value, ms: performance.now() - t0 };
}

describe('hostile input', () => {
  const pseudoBinary = Array.from({ length: 200_000 }, (_, i) => String.fromCharCode((i * 7919) % 65_536)).join('');
  const cases: [string, string][] = [
    ['empty', ''],
    ['whitespace', ' \n\t '],
    ['plain text', 'Det här är ingen HTML alls, bara text.'],
    ['binary-ish', pseudoBinary],
    ['NUL bytes', '\u0000'.repeat(10_000)],
    ['json', '{"age": 26, "phone": "x"}'],
    ['only tags', '<<<<>>>><</><!---->'],
  ];

  for (const [name, html] of cases) {
    it(`gives empty fields for ${name}`, () => {
      for (const adapter of adapters) {
        const p = extractProfile(adapter, html, URL_);
        expect(p.fields).toEqual(emptyFor(adapter));
        expect(p.url).toBe(URL_);
        expect(extractListing(adapter, html, URL_)).toEqual({ profileUrls: [], listingUrls: [] });
      }
    });
  }

  it('does not throw on non-string input that slips through untyped code', () => {
    const adapter = adapters[0]!;
    for (const bad of [undefined, null, 42, {}] as unknown as string[]) {
      expect(extractProfile(adapter, bad, URL_).fields).toEqual(emptyFor(adapter));
    }
  });

  it('reads what it can from broken markup', () => {
    const html = readFileSync(new URL('../fixtures/html/odd/broken.html', import.meta.url), 'utf8');
    const adapter: SiteAdapter = {
      name: 'broken', description: 'x', render: 'http', listing: { profileLinks: 'a' },
      profile: { fields: { title: { selector: 'h1' }, age: { label: 'Ålder' }, location: { label: 'Stad' } } },
    };
    const p = extractProfile(adapter, html, URL_);
    expect(p.fields.title).toBe('Bella');
    expect(p.fields.age).toBe('25 år');
    expect(p.fields.location).toMatch(/^Sthlm/);
    expect(p.phones.map((x) => x.text)).toContain('070-174 06 30');
  });

  it('handles a gigantic attribute quickly', () => {
    const html = `<div class="profil" data-blob="${'A'.repeat(3_000_000)}" data-phone="${'0'.repeat(100_000)}"><dl><dt>Ålder</dt><dd>26</dd></dl></div>`;
    const { value, ms } = timed(() => extractProfile(adapters[0]!, html, URL_));
    expect(value.fields.age).toBe('26');
    expect(value.phones).toEqual([]);
    expect(ms).toBeLessThan(10_000);
  });

  it('handles a huge page of text and of elements', () => {
    const text = `<p>${'1 500 kr 10-22 '.repeat(300_000)}</p>`;
    const many = `<ul>${'<li><b>x</b> y</li>'.repeat(100_000)}</ul>`;
    for (const html of [text, many]) {
      const { value, ms } = timed(() => extractProfile(adapters[1]!, html, URL_));
      expect(value.phones).toEqual([]);
      expect(ms).toBeLessThan(20_000);
    }
  });

  it('handles an endless run of digits without a runaway match', () => {
    const html = `<p>${'0 '.repeat(200_000)}</p><p>${'070-'.repeat(100_000)}</p>`;
    const { ms } = timed(() => extractProfile(adapters[1]!, html, URL_));
    expect(ms).toBeLessThan(20_000);
  });

  it('treats absurdly deep nesting as an empty page instead of stalling', () => {
    const depth = 100_000;
    const html = `${'<div>'.repeat(depth)}<dl><dt>Ålder</dt><dd>26</dd></dl> 070-174 06 05${'</div>'.repeat(depth)}`;
    expect(nestingDepth(html)).toBeGreaterThan(MAX_DEPTH);
    const { value, ms } = timed(() => extractProfile(adapters[0]!, html, URL_));
    expect(value.fields).toEqual(emptyFor(adapters[0]!));
    expect(value.phones).toEqual([]);
    expect(ms).toBeLessThan(5_000);
  });

  it('still reads moderately deep pages', () => {
    const depth = 500;
    const html = `${'<div>'.repeat(depth)}<dl><dt>Ålder</dt><dd>26</dd></dl>${'</div>'.repeat(depth)}`;
    const adapter: SiteAdapter = { name: 'deep', description: 'x', render: 'http', listing: { profileLinks: 'a' }, profile: { fields: { age: { label: 'Ålder' } } } };
    expect(extractProfile(adapter, html, URL_).fields.age).toBe('26');
  });

  it('measures depth without being fooled or slowed by tricks', () => {
    expect(nestingDepth('<p><p><p><li><li><br><img><input>')).toBe(0);
    expect(nestingDepth('<div><span></span></div>')).toBe(2);
    expect(nestingDepth(`<script>${'<div>'.repeat(5000)}</script><div></div>`)).toBe(1);
    expect(nestingDepth(`<!-- ${'<div>'.repeat(5000)} --><div></div>`)).toBe(1);
    const { ms } = timed(() => nestingDepth('<a'.repeat(1_000_000)));
    expect(ms).toBeLessThan(2_000);
  });

  it('does not go quadratic on thousands of elements reading as the same label', () => {
    const adapter: SiteAdapter = { name: 'many', description: 'x', render: 'http', listing: { profileLinks: 'a' }, profile: { fields: { age: { label: ['Age', 'Ålder'] } } } };
    for (const html of [`<table><tr>${'<th>Age</th>'.repeat(50_000)}</tr></table>`, `<p>${'<b>Ålder</b><i></i>'.repeat(50_000)}</p>`, `<dl>${'<dt>Ålder</dt>'.repeat(50_000)}</dl>`]) {
      const { value, ms } = timed(() => extractProfile(adapter, html, URL_));
      expect(value.fields.age).toBeNull();
      expect(ms).toBeLessThan(10_000);
    }
  });

  it('survives malicious-looking link targets and structured data', () => {
    const html = `<div class="profil"><a href="tel:%E0%A4%A">x</a><a href="sms:%">y</a><a href="https://wa.me/%ZZ">z</a><a href="viber://chat?number=%">v</a>
      <script type="application/ld+json">${'['.repeat(5000)}${']'.repeat(5000)}</script>
      <script type="application/ld+json">{"telephone": {"telephone": {"telephone": null}}}</script></div>`;
    expect(() => extractProfile(adapters[0]!, html, URL_)).not.toThrow();
  });
});
