import { describe, expect, it } from 'vitest';
import { loadHtml } from '../../../src/extract/dom.ts';
import { blockText } from '../../../src/extract/text.ts';
import { profileScope, scopeSelector } from '../../../src/extract/generic/profile-scope.ts';
import { fixture, page } from './helpers.ts';

function scoped(html: string, url: string) {
  const $ = loadHtml(html);
  const scope = profileScope($, url);
  return { $, scope, text: blockText(scope.roots) };
}

describe('profileScope', () => {
  it('keeps the ad and leaves out its reviews and the page footer', () => {
    const { $, scope, text } = scoped(fixture('review-footer-profile.html'), 'https://kvallsguiden.example/annons/ronja-23-1187');
    expect(text).toContain('Telefon: 070-174 06 44');
    expect(text).not.toMatch(/Torsten|070-174 06 91|031-390 06 66/);
    expect(scopeSelector($, scope)).toBe('div.ad-wrap > :not(div.ad-reviews)');
  });

  it('leaves out WordPress comments, widgets and the colophon', () => {
    const { text } = scoped(fixture('wp-classifieds-ad.html'), 'https://nattfjarilen.example/annonser/sofia-ny-pa-sodermalm/');
    expect(text).toContain('070-174 06 12');
    expect(text).not.toMatch(/Kvällsgäst|070-174 06 98|08-465 004 99/);
  });

  it('leaves out blocks of other ads shaped like this one', () => {
    const { scope, text } = scoped(fixture('react-profile.html'), 'https://motesplatsen.example/annons/9f3a21-linnea');
    expect(text).toContain('Lugn och trevlig');
    expect(text).not.toContain('Mira');
    expect(scope.excluded.length).toBeGreaterThan(0);
  });

  it('finds a reply in a forum thread outside the first post', () => {
    const { text } = scoped(fixture('forum-table-topic.html'), 'https://kontaktforum.example/viewtopic.php?t=5521');
    expect(text).toContain('031 - 390 06 12');
    expect(text).not.toContain('070-174 06 97');
  });

  it('gives an empty page an empty scope', () => {
    const { scope } = scoped('', 'https://a.example/x');
    expect(scope.roots.every((r) => blockText([r]) === '')).toBe(true);
    expect(profileScope(loadHtml(page('')), 'https://a.example/x').heading).toBeNull();
  });
});
