import { describe, expect, it } from 'vitest';
import { idPatternOf, urlPatternOf } from '../../src/probe/url-pattern.ts';

const matches = (pattern: string, url: string) => new RegExp(pattern, 'iu').test(url);

describe('urlPatternOf', () => {
  it('keeps fixed path parts and generalises ids and slugs', () => {
    const p = urlPatternOf(['https://x.example/annons/anna-stockholm-12', 'https://x.example/annons/bo-7', 'https://x.example/annons/c-300'])!;
    expect(matches(p, 'https://x.example/annons/ny-person-999')).toBe(true);
    expect(matches(p, 'https://x.example/stad/stockholm')).toBe(false);
    expect(matches(p, 'https://x.example/annons/')).toBe(false);
    expect(idPatternOf(p)).toBe('(\\d+)/?$');
  });

  it('reads ids in query strings', () => {
    const p = urlPatternOf(['https://x.example/profile.php?id=12', 'https://x.example/profile.php?id=99'])!;
    expect(matches(p, 'https://x.example/profile.php?id=5')).toBe(true);
    expect(matches(p, 'https://x.example/search.php?page=2')).toBe(false);
    expect(new RegExp(idPatternOf(p)!).exec('https://x.example/profile.php?id=5')?.[1]).toBe('5');
  });

  it('keeps a trailing slash when every URL has one, and numeric segments as digits', () => {
    const p = urlPatternOf(['https://x.example/p/12/', 'https://x.example/p/345/'])!;
    expect(matches(p, 'https://x.example/p/9/')).toBe(true);
    expect(matches(p, 'https://x.example/p/abc/')).toBe(false);
  });

  it('gives URL shapes of different depth their own alternatives, and ignores what is not a URL', () => {
    const p = urlPatternOf(['https://x.example/a/1', 'https://x.example/a/2', 'https://x.example/b/x/3', 'not a url'])!;
    expect(matches(p, 'https://x.example/a/77')).toBe(true);
    expect(matches(p, 'https://x.example/b/x/3')).toBe(true);
    expect(urlPatternOf([])).toBeNull();
    expect(urlPatternOf(['::'])).toBeNull();
  });

  it('escapes what regular expressions would read as syntax', () => {
    const p = urlPatternOf(['https://x.example/ads(1).html?id=1', 'https://x.example/ads(1).html?id=2'])!;
    expect(matches(p, 'https://x.example/ads(1).html?id=3')).toBe(true);
    expect(matches(p, 'https://x.example/adsX1Yxhtml?id=3')).toBe(false);
  });
});
