import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { loadHtml } from '../../src/extract/dom.ts';
import { applyPattern, extractField } from '../../src/extract/field.ts';

const URL_ = 'http://demo.test/profile.php?id=123';
const labels = loadHtml(readFileSync(new URL('../fixtures/html/odd/labels.html', import.meta.url), 'utf8'));
const inSection = (id: string, label: string | string[]) => extractField(labels, { selector: `#${id}`, label }, URL_);

describe('label lookup', () => {
  it('reads dt/dd, with or without a colon on the label', () => {
    expect(inSection('dl', 'Ålder')).toBe('26 år');
    expect(inSection('dl', 'Kön')).toBe('Kvinna');
  });

  it('reads th/td rows, including bilingual labels', () => {
    expect(inSection('th-rows', 'Age')).toBe('31');
    expect(inSection('th-rows', ['Gender', 'Kön'])).toBe('Female');
    expect(inSection('th-rows', 'Kön')).toBe('Female');
  });

  it('reads a header row and takes the value from the same column below', () => {
    expect(inSection('th-columns', 'Ålder')).toBe('24');
    expect(inSection('th-columns', 'Stad')).toBe('Gbg');
  });

  it('reads <li><b>Label:</b> value</li>', () => {
    expect(inSection('li-b', 'Ålder')).toBe('27');
    expect(inSection('li-b', 'Stad')).toBe('Södermalm');
  });

  it('reads inline labels separated by <br>, stopping at the next label', () => {
    expect(inSection('inline-b', 'Ålder')).toBe('28');
    expect(inSection('inline-b', 'Ort')).toBe('Malmö C');
  });

  it('reads <span class=label>…</span><span>value</span>', () => {
    expect(inSection('span-label', 'Ålder')).toBe('29');
    expect(inSection('span-label', 'Kön')).toBe('Man');
  });

  it('reads a label block followed by a value block', () => {
    expect(inSection('div-kv', 'Ålder')).toBe('30');
  });

  it('reads "Label: value" in running text, up to the next label', () => {
    expect(inSection('text-line', 'Ålder')).toBe('32');
    expect(inSection('text-line', 'Stad')).toBe('Umeå');
    // "Telefon – se nedan" has no colon: not a label line.
    expect(inSection('text-line', 'Telefon')).toBeNull();
  });

  it('compares labels case- and diacritic-insensitively', () => {
    expect(inSection('dl', 'ÅLDER')).toBe('26 år');
    expect(inSection('dl', 'alder')).toBe('26 år');
    expect(inSection('inline-b', 'ålder')).toBe('28');
    expect(inSection('div-kv', 'Ålder')).toBe('30');
  });

  it('treats an empty or placeholder value as missing', () => {
    expect(inSection('empty-value', 'Ålder')).toBeNull();
    expect(inSection('empty-value', 'Kön')).toBe('Trans');
    expect(inSection('th-rows', 'Ålder')).toBeNull();
  });

  it('searches the whole page without nav and footer when no selector is given', () => {
    expect(extractField(labels, { label: 'Ålder' }, URL_)).toBe('26 år');
    expect(extractField(labels, { label: 'Kön' }, URL_)).toBe('Kvinna');
    const chromeOnly = loadHtml('<nav><p>Ålder: 99</p></nav><main><p>Hej</p></main><footer><dl><dt>Ålder</dt><dd>77</dd></dl></footer>');
    expect(extractField(chromeOnly, { label: 'Ålder' }, URL_)).toBeNull();
  });

  it('returns null for a label that is not on the page', () => {
    expect(extractField(labels, { label: 'Hårfärg' }, URL_)).toBeNull();
  });
});

describe('other field specs', () => {
  const $ = loadHtml(`<article><h1> Lina <small>ny</small></h1><p class="tag">a</p><p class="tag">b</p><p class="tom"></p><p class="tom">x</p>
    <a class="tel" href="tel:+46701740605">Ring</a><p class="meta">Upplagd 2025-02-14 · Annons #481234</p>
    <div class="txt"><p>Hej, 26 år.</p><p>Andra stycket.</p></div></article>`);

  it('reads the text of the first match that has one', () => {
    expect(extractField($, { selector: 'h1' }, URL_)).toBe('Lina ny');
    expect(extractField($, { selector: '.tom' }, URL_)).toBe('x');
    expect(extractField($, { selector: '.saknas' }, URL_)).toBeNull();
  });

  it('keeps paragraph breaks of block content', () => {
    expect(extractField($, { selector: '.txt' }, URL_)).toBe('Hej, 26 år.\nAndra stycket.');
  });

  it('reads an attribute', () => {
    expect(extractField($, { selector: 'a.tel', attr: 'href' }, URL_)).toBe('tel:+46701740605');
    expect(extractField($, { selector: 'a.tel', attr: 'data-none' }, URL_)).toBeNull();
  });

  it('joins all matches with `all`', () => {
    expect(extractField($, { selector: '.tag', all: true }, URL_)).toBe('a\nb');
  });

  it('applies a pattern: first capture group, or the whole match', () => {
    expect(extractField($, { selector: '.meta', pattern: '#(\\d+)' }, URL_)).toBe('481234');
    expect(extractField($, { selector: '.meta', pattern: '\\d{4}-\\d{2}-\\d{2}' }, URL_)).toBe('2025-02-14');
    expect(extractField($, { selector: '.txt', pattern: '(\\d+ ÅR)' }, URL_)).toBe('26 år');
    expect(extractField($, { selector: '.meta', pattern: 'saknas(\\d+)' }, URL_)).toBeNull();
  });

  it('reads from the URL', () => {
    expect(extractField($, { fromUrl: true, pattern: '[?&]id=(\\d+)' }, URL_)).toBe('123');
  });

  it('tries several specs in order until one yields', () => {
    expect(extractField($, [{ selector: '.saknas' }, { label: 'Ålder' }, { fromUrl: true, pattern: 'id=(\\d+)' }], URL_)).toBe('123');
  });

  it('does not throw on an invalid selector or pattern', () => {
    expect(extractField($, { selector: 'p[' }, URL_)).toBeNull();
    expect(extractField($, { selector: 'h1', pattern: '(' }, URL_)).toBeNull();
    expect(extractField($, undefined, URL_)).toBeNull();
  });

  it('applyPattern skips capture groups that did not match', () => {
    expect(applyPattern('bor i Gbg', '(?:finns i (\\w+)|bor i (\\w+))')).toBe('Gbg');
  });
});
