import { describe, expect, it } from 'vitest';
import { normaliseProfile } from '../../src/normalise/profile.ts';
import { descriptionHash } from '../../src/normalise/text.ts';
import type { RawProfile } from '../../src/model/profile.ts';

const observedAt = new Date('2025-11-23T12:00:00Z');

function raw(over: Partial<RawProfile> = {}): RawProfile {
  return {
    url: 'https://example.test/profil/bella-123',
    externalId: '123',
    fields: {
      title: 'Bella – ny i stan',
      age: '24 år',
      gender: 'Kvinna',
      location: 'Södermalm, Stockholm',
      description: 'Hej! Ring mig på 070-174 06 05.',
      category: 'Escort',
    },
    phones: [
      { text: 'tel:+46701740605', source: 'tel-link' },
      { text: 'https://wa.me/46701740606', source: 'whatsapp-link' },
    ],
    ...over,
  };
}

describe('normaliseProfile', () => {
  it('composes the normalisers', () => {
    const p = normaliseProfile('site-a', raw(), observedAt);
    expect(p).toMatchObject({
      siteId: 'site-a',
      url: 'https://example.test/profil/bella-123',
      externalId: '123',
      key: 'id:123',
      observedAt,
      age: 24,
      gender: 'woman',
      location: { raw: 'Södermalm, Stockholm', locality: 'Stockholm', kommunCode: '0180', lanCode: '01', policeRegion: 'Stockholm' },
      phones: [
        { e164: '+46701740605', country: 'SE', type: 'mobile', source: 'tel-link' },
        { e164: '+46701740606', country: 'SE', type: 'mobile', source: 'whatsapp-link' },
      ],
      descriptionHash: descriptionHash('Hej! Ring mig på 070-174 06 05.'),
    });
  });

  it('keys by URL without an external id', () => {
    expect(normaliseProfile('s', raw({ externalId: null }), observedAt).key).toBe('url:https://example.test/profil/bella-123');
  });

  it('keeps neither the description, the title (names) nor phone numbers in raw fields', () => {
    const p = normaliseProfile(
      's',
      raw({ fields: { title: 'Bella 070-174 06 07', description: 'secret text', contact: 'Ring 0701740608', extra: null } }),
      observedAt,
    );
    expect(p.rawFields).toEqual({ contact: 'Ring [phone]', extra: null });
    expect(JSON.stringify(p.rawFields)).not.toMatch(/0701740|secret|Bella/);
    // The free text is kept apart (for renormalising and text indicators), with numbers masked.
    expect(p.rawText).toEqual({ title: 'Bella [phone]', description: 'secret text' });
  });

  it('falls back to an explicit age in title or description', () => {
    const fields = { title: 'Lisa 19 år, ny i Malmö', description: 'Priser 1500 kr' };
    expect(normaliseProfile('s', raw({ fields }), observedAt).age).toBe(19);
    expect(normaliseProfile('s', raw({ fields: { title: 'Lisa 19, ny i Malmö' } }), observedAt).age).toBeNull();
  });

  it('falls back to category and title words only when the gender field is missing', () => {
    expect(normaliseProfile('s', raw({ fields: { category: 'Transescort', title: 'TS Bella' } }), observedAt).gender).toBe('trans');
    expect(normaliseProfile('s', raw({ fields: { title: 'Ny tjej i stan' } }), observedAt).gender).toBe('woman');
    expect(normaliseProfile('s', raw({ fields: { gender: 'Okänt', title: 'Ny tjej i stan' } }), observedAt).gender).toBe('unknown');
  });

  it('copes with an empty record', () => {
    const p = normaliseProfile('s', { url: 'https://example.test/x', externalId: null, fields: {}, phones: [] }, observedAt);
    expect(p).toMatchObject({
      age: null,
      ageBand: 'unknown',
      minorCue: false,
      minorCueEvidence: [],
      gender: 'unknown',
      phones: [],
      descriptionHash: null,
      rawFields: {},
      rawText: {},
      rawPhones: [],
    });
    expect(p.location).toEqual({
      raw: null,
      locality: null,
      kommunCode: null,
      lanCode: null,
      policeRegion: null,
      lat: null,
      lon: null,
      places: [],
      unresolved: false,
    });
  });
});
