import { describe, expect, it } from 'vitest';
import { ageBand, analyseAge, findStatedAge, normaliseAge } from '../../src/normalise/age.ts';
import { compileMinorCues } from '../../src/normalise/minor-cues.ts';

const observedAt = new Date('2025-11-23T12:00:00Z');

describe('normaliseAge', () => {
  it('reads the common forms', () => {
    for (const t of ['26', '26 år', 'Ålder: 26', '26 y/o', '26yo', 'age 26', '26 years', 'tjugosex', 'twenty-six']) {
      expect(normaliseAge(t), t).toBe(26);
    }
  });

  it('keeps ages under 18', () => {
    expect(normaliseAge('17')).toBe(17);
    expect(normaliseAge('16 år')).toBe(16);
    expect(normaliseAge('12')).toBe(12);
  });

  it('reads "snart 18" as 17', () => {
    expect(normaliseAge('snart 18')).toBe(17);
  });

  it('drops values outside 12..99', () => {
    expect(normaliseAge('11')).toBeNull();
    expect(normaliseAge('100')).toBeNull();
  });

  it('does not take a birth year, range or open bound for an age', () => {
    expect(normaliseAge('Född 1999')).toBeNull();
    expect(normaliseAge('20-25')).toBeNull();
    expect(normaliseAge('18+')).toBeNull();
    expect(normaliseAge('över 30')).toBeNull();
  });

  it('prefers the number next to an age word', () => {
    expect(normaliseAge('170 cm, 55 kg, 23 år')).toBe(23);
    expect(normaliseAge('Height 168 Age 24')).toBe(24);
  });

  it('skips heights, weights, prices and phone numbers', () => {
    expect(normaliseAge('170 cm')).toBeNull();
    expect(normaliseAge('55 kg')).toBeNull();
    expect(normaliseAge('1500 kr')).toBeNull();
    expect(normaliseAge('070-174 06 05')).toBeNull();
  });

  it('is null without input', () => {
    expect(normaliseAge(null)).toBeNull();
    expect(normaliseAge(undefined)).toBeNull();
    expect(normaliseAge('')).toBeNull();
  });
});

describe('findStatedAge', () => {
  it('needs an explicit cue in running text', () => {
    expect(findStatedAge('Ny tjej 19 år i Malmö')).toBe(19);
    expect(findStatedAge('Hi, I am 23, new in town')).toBe(23);
    expect(findStatedAge('Anna 24, Stockholm')).toBeNull();
    expect(findStatedAge('1500 kr, kl 10-22')).toBeNull();
  });

  it('does not read durations as ages', () => {
    expect(findStatedAge('Jag har bott i Sverige i 15 år')).toBeNull();
  });
});

describe('ageBand', () => {
  it('puts ages in the mapping\'s bands', () => {
    const cases: Array<[number | null, string]> = [
      [12, 'under-18'], [17, 'under-18'], [18, '18-23'], [23, '18-23'], [24, '24-29'], [29, '24-29'],
      [30, '30-35'], [35, '30-35'], [36, '36-44'], [44, '36-44'], [45, '45+'], [99, '45+'], [null, 'unknown'],
    ];
    for (const [age, band] of cases) expect(ageBand(age), String(age)).toBe(band);
  });
});

describe('analyseAge', () => {
  const none = compileMinorCues([]);
  const analyse = (field: string | null, context: string[] = [], at = observedAt) =>
    analyseAge(field, { observedAt: at, context, cues: none });

  it('takes the age field first', () => {
    expect(analyse('22', ['Emma 25 år'])).toEqual({ age: 22, band: '18-23', minorCue: false, evidence: [] });
  });

  it('reads context only with an explicit cue', () => {
    expect(analyse(null, ['Sofia, 24 år – Södermalm']).age).toBe(24);
    expect(analyse(null, ['Anna 24, Stockholm']).age).toBeNull();
    expect(analyse('', ['Hot latina', "Hi! I'm 23 and new in town"]).age).toBe(23);
    expect(analyse(null, ['VIP escort 26yo']).age).toBe(26);
    expect(analyse(null, ['Öppet 10-22, 1500 kr/h']).age).toBeNull();
  });

  it('counts a birth year from the observation year', () => {
    expect(analyse('Född 2001').age).toBe(24);
    // Before the birthday this is one year too many; the mapping counts it so.
    expect(analyse('född 2001', [], new Date('2025-01-02T00:00:00Z')).age).toBe(24);
    expect(analyse('f. 2001').age).toBe(24);
    expect(analyse('born 2001').age).toBe(24);
    expect(analyse('Årsmodell 2001').age).toBe(24);
    expect(analyse('årsmodell -98').age).toBe(27);
    expect(analyse('född -03').age).toBe(22);
    expect(analyse(null, ['Maja', 'Född 2001, bor i Lund']).age).toBe(24);
    expect(analyse('Född 2030').age).toBeNull();
  });

  it('prefers a stated age to a birth year', () => {
    expect(analyse('Född 1980, 45 år').age).toBe(45);
  });

  it('reads spelled-out ages', () => {
    expect(analyse('tjugotre år').age).toBe(23);
    expect(analyse('twenty-three').age).toBe(23);
    expect(analyse(null, ['Tjugotvå år och ny i stan']).age).toBe(22);
  });

  it('sets minorCue for a stated age under 18, with the text as evidence', () => {
    expect(analyse('Sexton år')).toEqual({ age: 16, band: 'under-18', minorCue: true, evidence: ['Sexton år'] });
    expect(analyse('snart 18')).toEqual({ age: 17, band: 'under-18', minorCue: true, evidence: ['snart 18'] });
    expect(analyse('Född 2009').evidence).toEqual(['Född 2009']);
    expect(analyse(null, ['Sara', 'Hej, jag är 16 år!']).evidence).toEqual(['jag är 16 år']);
  });

  it('flags an age under 18 in the context even when the field states an adult age', () => {
    expect(analyse('21', ['Lisa', 'Jag är egentligen 16 år'])).toEqual({
      age: 21,
      band: '18-23',
      minorCue: true,
      evidence: ['16 år'],
    });
  });

  it('does not flag 18, durations or past ages', () => {
    expect(analyse('18 år').minorCue).toBe(false);
    expect(analyse('nyss fyllda 18')).toEqual({ age: 18, band: '18-23', minorCue: false, evidence: [] });
    expect(analyse('25', ['Jag har bott i Sverige i 16 år', 'När jag var 16 år flyttade jag', '16 års erfarenhet']).minorCue).toBe(false);
  });

  it('adds phrase evidence from the list it is given', () => {
    const cues = compileMinorCues(['skol flicka', 'barely legal']);
    expect(analyseAge('19', { observedAt, context: ['Söt Skolflicka', null, 'Barely-legal'], cues })).toEqual({
      age: 19,
      band: '18-23',
      minorCue: true,
      evidence: ['Skolflicka', 'Barely-legal'],
    });
  });

  it('uses the maintained list by default', () => {
    expect(analyseAge('19', { observedAt, context: ['Petite teen'] }).evidence).toEqual(['teen']);
  });

  it('is unknown without anything to read', () => {
    expect(analyse(null)).toEqual({ age: null, band: 'unknown', minorCue: false, evidence: [] });
    expect(analyse(undefined as unknown as null, [''])).toEqual({ age: null, band: 'unknown', minorCue: false, evidence: [] });
  });
});
