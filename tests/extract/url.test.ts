import { describe, expect, it } from 'vitest';
import { canonicalUrl } from '../../src/extract/url.ts';

describe('canonicalUrl', () => {
  it('makes relative links absolute against the base', () => {
    expect(canonicalUrl('/annons/lina-1042', 'http://demo.test/stad/stockholm')).toBe('http://demo.test/annons/lina-1042');
    expect(canonicalUrl('profile.php?id=12', 'http://demo.test/search.php?p=2')).toBe('http://demo.test/profile.php?id=12');
    expect(canonicalUrl('//cdn.demo.test/x', 'https://demo.test/')).toBe('https://cdn.demo.test/x');
  });

  it('lower-cases the host, drops the fragment, default port and credentials', () => {
    expect(canonicalUrl('HTTP://Demo.TEST:80/Annons/Lina#bilder')).toBe('http://demo.test/Annons/Lina');
    expect(canonicalUrl('https://demo.test:443/a')).toBe('https://demo.test/a');
    expect(canonicalUrl('http://demo.test:8080/a')).toBe('http://demo.test:8080/a');
    expect(canonicalUrl('http://user:pw@demo.test/a')).toBe('http://demo.test/a');
    expect(canonicalUrl('http://demo.test./a')).toBe('http://demo.test/a');
  });

  it('drops tracking parameters and keeps meaningful ones, as written', () => {
    expect(canonicalUrl('http://demo.test/profile.php?id=5&utm_source=lista&utm_medium=tabell')).toBe('http://demo.test/profile.php?id=5');
    expect(canonicalUrl('http://demo.test/a?fbclid=abc')).toBe('http://demo.test/a');
    expect(canonicalUrl('http://demo.test/a?gclid=1&page=2&UTM_Campaign=x')).toBe('http://demo.test/a?page=2');
    expect(canonicalUrl('http://demo.test/stad/malmo?sida=2')).toBe('http://demo.test/stad/malmo?sida=2');
    // Kept parameters are not re-encoded, so one page keeps one spelling.
    expect(canonicalUrl('http://demo.test/s?q=a%20b&utm_source=x')).toBe('http://demo.test/s?q=a%20b');
    expect(canonicalUrl('http://demo.test/a?')).toBe('http://demo.test/a');
  });

  it('is idempotent', () => {
    const once = canonicalUrl('HTTP://Demo.test/x/../a?utm_source=1&b=2#f')!;
    expect(canonicalUrl(once)).toBe(once);
    expect(once).toBe('http://demo.test/a?b=2');
  });

  it('accepts URL objects', () => {
    expect(canonicalUrl(new URL('http://DEMO.test/a#x'))).toBe('http://demo.test/a');
  });

  it('returns null for anything that is not a web page', () => {
    for (const href of ['mailto:a@demo.test', 'javascript:void(0)', 'tel:+46701740605', 'sms:0701740605', 'data:text/html,x', 'ftp://demo.test/x', 'http://']) {
      expect(canonicalUrl(href, 'http://demo.test/')).toBeNull();
    }
    expect(canonicalUrl('relative/without/base')).toBeNull();
    expect(canonicalUrl('')).toBeNull();
    expect(canonicalUrl('::')).toBeNull();
    // An empty href is a link to the page itself.
    expect(canonicalUrl('', 'http://demo.test/a#x')).toBe('http://demo.test/a');
  });
});
