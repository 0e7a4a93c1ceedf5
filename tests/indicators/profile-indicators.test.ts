import { describe, expect, it } from 'vitest';
import { loadIndicatorPhrases } from '../../src/indicators/phrases.ts';
import { isForeignCountry, profileIndicators, type ProfileIndicatorInput } from '../../src/indicators/profile-indicators.ts';
import { EXPLANATIONS } from '../../src/indicators/explanations.ts';
import type { IndicatorCode } from '../../src/indicators/types.ts';

const lists = loadIndicatorPhrases();

const BLANK: ProfileIndicatorInput = {
  title: null,
  description: null,
  minorCue: false,
  minorCueEvidence: [],
  phones: [{ country: 'SE' }],
  reviews: [],
};
const run = (over: Partial<ProfileIndicatorInput>) => profileIndicators({ ...BLANK, ...over }, lists);
const codes = (over: Partial<ProfileIndicatorInput>): IndicatorCode[] => run(over).map((i) => i.code);
const one = (over: Partial<ProfileIndicatorInput>, code: IndicatorCode) => {
  const found = run(over).filter((i) => i.code === code);
  expect(found).toHaveLength(1);
  return found[0]!;
};

// A phone number as an ad writes it (PTS fiction range): must never reach evidence.
const PHONE_TEXT = '070-174 06 05';

describe('profileIndicators', () => {
  it('raises nothing for a plain ad', () => {
    expect(codes({ title: 'Anna 27', description: 'Massage och sällskap i Uppsala. Vi ses!', reviews: ['Trevlig och glad'] })).toEqual([]);
  });

  describe('minor-cue', () => {
    it('hits: passes the age normaliser\'s cue and evidence on', () => {
      const i = one({ minorCue: true, minorCueEvidence: ['Skolflicka', '16 år'] }, 'minor-cue');
      expect(i).toEqual({ code: 'minor-cue', level: 'profile', explanation: EXPLANATIONS['minor-cue'], evidence: ['Skolflicka', '16 år'] });
      expect(one({ minorCue: true, minorCueEvidence: [] }, 'minor-cue').evidence).toEqual(['flagged by the age normaliser']);
    });

    it('near misses: evidence without the cue, or a young-sounding text, raises nothing', () => {
      expect(codes({ minorCue: false, minorCueEvidence: ['Skolflicka'] })).toEqual([]);
      expect(codes({ title: 'Ung tjej 19', description: 'Nyss fyllda 18' })).toEqual([]);
    });
  });

  describe('third-party', () => {
    it('hits in the title or the description, evidence as written', () => {
      expect(one({ title: 'NY TJEJ I STAN' }, 'third-party').evidence).toEqual(['NY TJEJ I STAN']);
      expect(one({ description: 'Our girls are waiting. Book her now!' }, 'third-party').evidence).toEqual(['Our girls', 'Book her']);
      expect(one({ title: 'Våra tjejer', description: 'våra tjejer' }, 'third-party').evidence).toEqual(['Våra tjejer']);
    });

    it('near misses', () => {
      for (const text of ['Vi ses!', 'Vi har kul', 'Ny i stan', 'New in town', 'Ingen byrå', 'No agency, independent'])
        expect(codes({ description: text }), text).toEqual([]);
    });

    it('is not read from reviews', () => {
      expect(codes({ reviews: ['Our girls night out ended here'] })).toEqual([]);
    });
  });

  describe('constant-availability', () => {
    it('hits', () => {
      expect(one({ title: 'Tillgänglig 24/7' }, 'constant-availability').evidence).toEqual(['24/7']);
      expect(one({ description: 'Ring dygnet runt' }, 'constant-availability').evidence).toEqual(['dygnet runt']);
    });

    it('near misses', () => {
      for (const text of ['24 år', 'Dygnet', 'Tillgänglig på helger', 'I Göteborg 24/7-26/7', 'Svarar inom 24 timmar'])
        expect(codes({ description: text }), text).toEqual([]);
    });
  });

  describe('foreign-phone', () => {
    it('hits: counts and country codes only, never the number', () => {
      const i = one({ phones: [{ country: 'GB' }, { country: 'SE' }, { country: 'gb' }] }, 'foreign-phone');
      expect(i.evidence).toEqual(['2 of 3 numbers foreign: GB ×2']);
      expect(one({ phones: [{ country: 'NO' }] }, 'foreign-phone').evidence).toEqual(['1 of 1 number foreign: NO']);
    });

    it('near misses: Swedish, unknown or no numbers', () => {
      expect(codes({ phones: [{ country: 'SE' }, { country: 'se' }] })).toEqual([]);
      expect(codes({ phones: [{ country: null }] })).toEqual([]);
      expect(codes({ phones: [] })).toEqual([]);
      expect(isForeignCountry('SE')).toBe(false);
      expect(isForeignCountry('')).toBe(false);
      expect(isForeignCountry('DK')).toBe(true);
    });
  });

  describe('review-distress', () => {
    it('hits in any review, evidence as written', () => {
      const i = one({ reviews: ['Trevlig', 'Hon verkade rädd och inte samma tjej som på bilden', 'She seemed scared'] }, 'review-distress');
      expect(i.evidence).toEqual(['verkade rädd', 'inte samma tjej som på bilden', 'seemed scared']);
    });

    it('near misses: negated, praise, and sites without reviews', () => {
      for (const review of ['Hon var inte rädd alls', 'She was not scared at all', 'Samma tjej som på bilden', 'Hon hade ont om tid'])
        expect(codes({ reviews: [review] }), review).toEqual([]);
      expect(codes({ reviews: [] })).toEqual([]);
    });

    it('is not read from the ad itself', () => {
      expect(codes({ description: 'Verkade rädd? Inte jag!' })).toEqual([]);
    });
  });

  it('lists indicators in a fixed order and never shows a phone number', () => {
    const all = run({
      title: `Ny tjej i stan 24/7 ${PHONE_TEXT}`,
      description: `Ring ${PHONE_TEXT} eller +44 7700 900123, våra tjejer`,
      minorCue: true,
      minorCueEvidence: ['Ring 0701740605 tonåring'],
      phones: [{ country: 'SE' }, { country: 'GB' }],
      reviews: [`Hon verkade rädd ${PHONE_TEXT}`],
    });
    expect(all.map((i) => i.code)).toEqual(['minor-cue', 'review-distress', 'third-party', 'foreign-phone', 'constant-availability']);
    const shown = JSON.stringify(all);
    expect(shown).not.toMatch(/\d{3}[\s-]?\d{3}/u);
    expect(all[0]!.evidence).toEqual(['Ring [nummer] tonåring']);
    for (const i of all) for (const e of i.evidence) expect(e.length).toBeLessThanOrEqual(40);
  });
});
