// What one normaliser makes of one string, keyed with the export's names: the engine behind
// `kartla normalise`, for users who want to check a surprising result or many strings at once.

import { analyseAge } from './age.ts';
import { normaliseGender } from './gender.ts';
import { normaliseLocation } from './location.ts';
import { findPhonesInText } from './phone.ts';

export const FIELDS = ['phone', 'age', 'gender', 'location'] as const;
export type FieldName = (typeof FIELDS)[number];

export function normaliseOneField(field: FieldName, text: string, observedAt: Date): Record<string, unknown> {
  switch (field) {
    case 'phone': {
      const found = findPhonesInText(text);
      return { phones: found.map((p) => p.e164), phoneDetails: found.map((p) => ({ e164: p.e164, country: p.country, type: p.type })) };
    }
    case 'age': {
      // The string is read both as an age field and as free text, as a profile's would be.
      const age = analyseAge(text, { observedAt, context: [text] });
      return { age: age.age, ageBand: age.band, minorCue: age.minorCue, minorCueEvidence: age.evidence };
    }
    case 'gender':
      return { gender: normaliseGender(text) };
    case 'location': {
      const loc = normaliseLocation(text);
      return {
        locality: loc.locality,
        kommunCode: loc.kommunCode,
        lanCode: loc.lanCode,
        policeRegion: loc.policeRegion,
        lat: loc.lat,
        lon: loc.lon,
        places: loc.places,
        unresolved: loc.unresolved,
      };
    }
  }
}
