import { describe, expect, it } from 'vitest';
import { genderFromText, normaliseGender } from '../../src/normalise/gender.ts';

describe('normaliseGender', () => {
  it('reads Swedish and English words', () => {
    expect(normaliseGender('Kvinna')).toBe('woman');
    expect(normaliseGender('female')).toBe('woman');
    expect(normaliseGender('Kille')).toBe('man');
    expect(normaliseGender('Male')).toBe('man');
    expect(normaliseGender('Shemale')).toBe('trans');
  });

  it('reads single-letter field values', () => {
    expect(normaliseGender('K')).toBe('woman');
    expect(normaliseGender('F')).toBe('woman');
    expect(normaliseGender('M')).toBe('man');
  });

  it('checks trans words before woman and man words', () => {
    expect(normaliseGender('Transkvinna')).toBe('trans');
    expect(normaliseGender('trans kvinna')).toBe('trans');
    expect(normaliseGender('Transman')).toBe('trans');
    expect(normaliseGender('TS-tjej')).toBe('trans');
  });

  it('matches whole words only', () => {
    expect(normaliseGender('Amsterdam')).toBe('unknown');
    expect(normaliseGender('Manhattan')).toBe('unknown');
    expect(normaliseGender('Transport ingår')).toBe('unknown');
  });

  it('ignores who the ad is for', () => {
    expect(normaliseGender('Tjej för män')).toBe('woman');
    expect(normaliseGender('Kvinna söker man')).toBe('woman');
    expect(normaliseGender('För män')).toBe('unknown');
  });

  it('gives unknown for non-binary and mixed values', () => {
    expect(normaliseGender('Icke-binär')).toBe('unknown');
    expect(normaliseGender('Tjejer & killar')).toBe('unknown');
    expect(normaliseGender('Male/Female')).toBe('unknown');
    expect(normaliseGender(null)).toBe('unknown');
  });
});

describe('couples', () => {
  it('reads couple words', () => {
    for (const t of ['Par', 'par', 'Couple', 'Couples', 'Paret', 'Swingerpar', 'Bi-par', 'Ungt par', 'Pareja']) {
      expect(normaliseGender(t), t).toBe('couple');
      expect(genderFromText(t), t).toBe('couple');
    }
  });

  it('reads a couple advertising for a third person', () => {
    expect(normaliseGender('Par söker')).toBe('couple');
    expect(normaliseGender('Par söker tjej')).toBe('couple');
    expect(genderFromText('Ungt par söker tjej i Malmö')).toBe('couple');
  });

  it('reads one woman and one man together as a couple, not two plurals', () => {
    expect(normaliseGender('Kvinna och man')).toBe('couple');
    expect(normaliseGender('Man & kvinna')).toBe('couple');
    expect(normaliseGender('Hon 28, han 32')).toBe('couple');
    expect(normaliseGender('Tjejer & killar')).toBe('unknown');
    expect(normaliseGender('Kvinnor och män')).toBe('unknown');
  });

  it('reads swinger codes in a gender field only', () => {
    expect(normaliseGender('MF')).toBe('couple');
    expect(normaliseGender('M+F')).toBe('couple');
    expect(normaliseGender('K & M')).toBe('couple');
    expect(normaliseGender('M/F')).toBe('unknown');
    expect(genderFromText('MF')).toBe('unknown');
  });

  it('checks couples before trans, woman and man', () => {
    expect(normaliseGender('Par (TS + man)')).toBe('couple');
    expect(normaliseGender('Gift par, hon bi')).toBe('couple');
  });

  it('does not take "a couple of" or words starting with par', () => {
    expect(normaliseGender('Parkering')).toBe('unknown');
    expect(normaliseGender('Paris')).toBe('unknown');
    expect(genderFromText('Ny i stan för ett par dagar')).toBe('unknown');
    expect(genderFromText('Par timmar')).toBe('unknown');
    expect(genderFromText('Söt tjej, bara här ett par dagar')).toBe('woman');
    expect(genderFromText('Sexy girl, only a couple of days in town')).toBe('woman');
  });

  it('leaves a bare "ett par" ambiguous but reads "vi är ett par"', () => {
    expect(normaliseGender('Ett par')).toBe('unknown');
    expect(normaliseGender('Vi är ett par')).toBe('couple');
    expect(normaliseGender('vi är ett ungt par från Malmö')).toBe('couple');
    expect(normaliseGender('Ett par söker tjej')).toBe('couple');
    expect(normaliseGender('We are a couple')).toBe('couple');
  });

  it('ignores couples as clients', () => {
    expect(normaliseGender('Tjej för par')).toBe('woman');
    expect(normaliseGender('Tjej söker par')).toBe('woman');
    expect(normaliseGender('Female for men and couples')).toBe('woman');
    expect(normaliseGender('Tjej, tar även emot par')).toBe('woman');
    expect(normaliseGender('TS för män och par')).toBe('trans');
    expect(normaliseGender('Par välkomna')).toBe('unknown');
  });
});

describe('site categories', () => {
  it('reads plural categories as the gender of the people listed', () => {
    expect(genderFromText('Escort tjejer')).toBe('woman');
    expect(genderFromText('Tjejer')).toBe('woman');
    expect(genderFromText('Killar')).toBe('man');
    expect(genderFromText('Female')).toBe('woman');
    expect(genderFromText('Male')).toBe('man');
  });

  it('reads "X för Y" as X, the people advertised', () => {
    expect(genderFromText('Män för kvinnor')).toBe('man');
    expect(genderFromText('Kvinnor för män')).toBe('woman');
  });

  it('reads trans categories', () => {
    for (const t of ['Trans', 'TS', 'TV', 'TS/TV', 'Transsexual', 'Shemale', 'Ladyboy', 'Transescort']) {
      expect(genderFromText(t), t).toBe('trans');
    }
  });
});

describe('genderFromText', () => {
  it('skips words that are common in running text', () => {
    expect(genderFromText('Man kan boka via sms')).toBe('unknown');
    expect(genderFromText('TV och dusch finns')).toBe('unknown');
    expect(genderFromText('Ny tjej i stan')).toBe('woman');
    expect(genderFromText('TS Bella, ny i Göteborg')).toBe('trans');
  });
});
