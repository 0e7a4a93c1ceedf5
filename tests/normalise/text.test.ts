import { describe, expect, it } from 'vitest';
import { descriptionHash, foldAscii, foldText, foldTranslit } from '../../src/normalise/text.ts';

describe('foldText', () => {
  it('lower-cases, collapses whitespace and trims', () => {
    expect(foldText('  Hej\n\tDär   DU ')).toBe('hej där du');
  });

  it('keeps å, ä and ö but strips other diacritics', () => {
    expect(foldText('Göteborg Malmö Åre')).toBe('göteborg malmö åre');
    expect(foldText('Linné café Zürich')).toBe('linne cafe zurich');
  });

  it('treats decomposed and composed å/ä/ö alike', () => {
    expect(foldText('Go\u0308teborg')).toBe(foldText('Göteborg'));
  });

  it('maps ø and æ to ö and ä', () => {
    expect(foldText('Malmø')).toBe('malmö');
  });

  it('removes zero-width characters and folds full-width forms', () => {
    expect(foldText('Sto\u200Bck\u200Dholm')).toBe('stockholm');
    expect(foldText('ＡＢＣ１２３')).toBe('abc123');
  });
});

describe('foldAscii and foldTranslit', () => {
  it('spell å/ä/ö the ways keyboards and Germans do', () => {
    expect(foldAscii('Västerås Örebro')).toBe('vasteras orebro');
    expect(foldTranslit('Göteborg Västerås')).toBe('goeteborg vaesteraas');
  });
});

describe('descriptionHash', () => {
  it('is null without text', () => {
    expect(descriptionHash(null)).toBeNull();
    expect(descriptionHash(undefined)).toBeNull();
    expect(descriptionHash('  \n ')).toBeNull();
  });

  it('is SHA-256 hex of the folded text', () => {
    expect(descriptionHash('abc')).toBe('ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad');
    expect(descriptionHash('  ABC ')).toBe(descriptionHash('abc'));
  });

  it('ignores re-wrapping and case, not content', () => {
    expect(descriptionHash('Hej, jag heter Bella.\n\nVälkommen!')).toBe(descriptionHash('hej, jag heter bella. välkommen!'));
    expect(descriptionHash('Välkommen')).not.toBe(descriptionHash('Valkommen!'));
  });
});
