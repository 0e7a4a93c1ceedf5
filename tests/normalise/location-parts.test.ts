import { describe, expect, it } from 'vitest';
import { MAX_CHARS, segments, widened } from '../../src/normalise/location-parts.ts';

const shape = (raw: string) =>
  segments(raw).map((s) => ({ words: s.words.map((w) => w.text).join(' '), joint: s.joint, dated: s.dated }));

describe('segments', () => {
  it('cuts at separators and says how each segment was joined', () => {
    expect(shape('Södermalm, Stockholm')).toEqual([
      { words: 'södermalm', joint: 'start', dated: false },
      { words: 'stockholm', joint: 'qualifier', dated: false },
    ]);
    expect(shape('Göteborg (Hisingen)').map((s) => s.joint)).toEqual(['start', 'qualifier']);
    expect(shape('Sthlm/Solna').map((s) => s.joint)).toEqual(['start', 'list']);
    expect(shape('Stockholm och Uppsala').map((s) => s.joint)).toEqual(['start', 'list']);
    expect(shape('Stockholm - Norrmalm').map((s) => s.words)).toEqual(['stockholm', 'norrmalm']);
    expect(shape('💋 Stockholm 💋 Uppsala').map((s) => s.words)).toEqual(['stockholm', 'uppsala']);
  });

  it('keeps hyphens inside names and reads S:t as Sankt', () => {
    expect(shape('Upplands-Bro')[0]!.words).toBe('upplands-bro');
    expect(shape('S:t Eriksplan')[0]!.words).toBe('sankt eriksplan');
  });

  it('marks dates and touring words, which are noise, and the segments that hold them', () => {
    const [malmo, lund] = segments('I Malmö 12-14 maj, sedan Lund 15-16 maj');
    expect(malmo!.dated).toBe(true);
    expect(malmo!.words.map((w) => [w.text, w.noise])).toEqual([
      ['i', true],
      ['malmö', false],
      ['maj', true],
    ]);
    expect(malmo!.words[1]!.afterCue).toBe(true);
    expect(lund!.joint).toBe('list');
    expect(shape('Besöker Umeå nästa vecka')[0]!.words).toBe('besöker umeå nästa vecka');
    expect(segments('Här i Uppsala v. 22')[0]!.dated).toBe(true);
  });

  it('drops addresses of the web and of mail', () => {
    expect(shape('www.stockholm-escort.se Malmö').map((s) => s.words)).toEqual(['malmö']);
    expect(shape('malmo@example.com, Lund').map((s) => s.words)).toEqual(['lund']);
  });

  it('reads only the beginning of a very long field', () => {
    const long = `${'x '.repeat(MAX_CHARS)}Stockholm`;
    expect(shape(long).some((s) => s.words.includes('stockholm'))).toBe(false);
  });
});

describe('widened', () => {
  const ws = (t: string) => t.split(' ').map((text) => ({ text }));
  it('sees area words after a name and "outside"/"south of" before it', () => {
    expect(widened(ws('stockholm med omnejd'), 0, 1)).toBe(true);
    expect(widened(ws('stockholm area'), 0, 1)).toBe(true);
    expect(widened(ws('utanför göteborg'), 1, 2)).toBe(true);
    expect(widened(ws('söder om stockholm'), 2, 3)).toBe(true);
    expect(widened(ws('i stockholm'), 1, 2)).toBe(false);
    expect(widened(ws('hela stockholm'), 1, 2)).toBe(false);
  });
});
