// Synthetic profiles for the storage tests. Phone numbers come only from +46701740600 to
// +46701740699, the mobile range PTS reserves for fiction, so no real person's number is stored.

import type { LocationInfo, NormalisedProfile, PhoneInfo } from '../../src/model/profile.ts';

/** A location record with the list and coordinates filled in from its primary place. */
export function location(
  primary: Pick<LocationInfo, 'raw' | 'locality' | 'kommunCode' | 'lanCode' | 'policeRegion'> & Partial<LocationInfo>,
): LocationInfo {
  const { raw, ...place } = { lat: null, lon: null, ...primary };
  const resolved = place.kommunCode !== null || place.lanCode !== null;
  const { places: _places, unresolved: _unresolved, ...placeOnly } = place;
  return {
    raw,
    ...placeOnly,
    places: primary.places ?? (resolved ? [placeOnly] : []),
    unresolved: primary.unresolved ?? (raw !== null && !resolved),
  };
}

/** The n-th fictional number (0..99). */
export function fictionalPhone(n: number): string {
  if (!Number.isInteger(n) || n < 0 || n > 99) throw new Error(`fictional phone index out of range: ${n}`);
  return `+467017406${String(n).padStart(2, '0')}`;
}

export function phoneInfo(n: number, source: PhoneInfo['source'] = 'text'): PhoneInfo {
  return { e164: fictionalPhone(n), country: 'SE', type: 'mobile', source };
}

export function makeProfile(
  siteId: string,
  n: number,
  overrides: Partial<NormalisedProfile> = {},
): NormalisedProfile {
  const url = `https://${siteId}.example/profile/${String(n).padStart(6, '0')}`;
  return {
    siteId,
    url,
    externalId: String(n),
    key: `id:${n}`,
    observedAt: new Date('2026-11-01T10:00:00.000Z'),
    age: 20 + (n % 30),
    ageBand: 'unknown',
    minorCue: false,
    minorCueEvidence: [],
    gender: 'woman',
    location: location({
      raw: 'Stockholm',
      locality: 'Stockholm',
      kommunCode: '0180',
      lanCode: '01',
      policeRegion: 'Stockholm',
      lat: 59.33,
      lon: 18.07,
    }),
    phones: [phoneInfo(n % 100)],
    contacts: [],
    photoHash: null,
    descriptionHash: null,
    rawFields: { category: `Profile ${n}` },
    rawText: {},
    rawPhones: [{ text: fictionalPhone(n % 100), source: 'text' }],
    rawContacts: [],
    ...overrides,
  };
}

/** `count` profiles with one or two phones each, as a crawler of a large site would hand them over. */
export function manyProfiles(siteId: string, count: number, start = 0, observedAt = new Date()): NormalisedProfile[] {
  return Array.from({ length: count }, (_, i) => {
    const n = start + i;
    const phones = n % 2 === 0 ? [phoneInfo(n % 100)] : [phoneInfo(n % 100), phoneInfo((n * 7 + 3) % 100, 'tel-link')];
    return makeProfile(siteId, n, { observedAt, phones });
  });
}
