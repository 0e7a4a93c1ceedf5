// One adapter record in, one normalised snapshot out. Keeps only what the mapping needs: phone
// numbers as parsed numbers plus their raw candidates (masked everywhere else), short fields as
// raw values, and the free text apart so it can be dropped on its own schedule.

import type { NormalisedProfile, RawContact, RawPhone, RawProfile } from '../model/profile.ts';
import { analyseAge } from './age.ts';
import { findContacts } from './contacts.ts';
import { genderFromText, normaliseGender } from './gender.ts';
import { normaliseLocation } from './location.ts';
import { maskPhonesInText, normalisePhones } from './phone.ts';
import { descriptionHash } from './text.ts';

/** Free-text fields: read by the normalisers, stored apart from the short fields. */
const TEXT_FIELDS = new Set(['title', 'description']);

const present = (v: string | null | undefined): v is string => v != null && v.trim() !== '';

/** The fields a normaliser derives; what `kartla renormalise` recomputes from stored raw values. */
export type NormalisedFields = Pick<
  NormalisedProfile,
  'age' | 'ageBand' | 'minorCue' | 'minorCueEvidence' | 'gender' | 'location' | 'phones' | 'contacts'
>;

/** Normalises raw field values and phone candidates, as observed at `observedAt`. */
export function normaliseFields(
  fields: Readonly<Record<string, string | null | undefined>>,
  phones: readonly RawPhone[],
  observedAt: Date,
  contacts: readonly RawContact[] = [],
): NormalisedFields {
  // Title, description and category may state an age or a youth cue; the age field wins.
  const age = analyseAge(fields.age, { observedAt, context: [fields.title, fields.description, fields.category] });

  // Category and title words stand in only when the site has no gender field at all; a field that
  // says something unreadable stays unknown.
  const gender = present(fields.gender)
    ? normaliseGender(fields.gender)
    : [fields.category, fields.title].map(genderFromText).find((g) => g !== 'unknown') ?? 'unknown';

  return {
    age: age.age,
    ageBand: age.band,
    minorCue: age.minorCue,
    minorCueEvidence: age.evidence,
    gender,
    location: normaliseLocation(fields.location),
    phones: normalisePhones([...phones]),
    contacts: findContacts(contacts),
  };
}

export function normaliseProfile(siteId: string, raw: RawProfile, observedAt: Date): NormalisedProfile {
  const rawFields: Record<string, string | null> = {};
  const rawText: Record<string, string | null> = {};
  for (const [key, value] of Object.entries(raw.fields)) {
    // Numbers live in snapshot_phone and raw_phones; everywhere else they are masked.
    (TEXT_FIELDS.has(key) ? rawText : rawFields)[key] = value == null ? value : maskPhonesInText(value);
  }
  return {
    siteId,
    url: raw.url,
    externalId: raw.externalId,
    key: raw.externalId ? `id:${raw.externalId}` : `url:${raw.url}`,
    observedAt,
    ...normaliseFields(raw.fields, raw.phones, observedAt, raw.contacts ?? []),
    photoHash: raw.photoHash ?? null,
    descriptionHash: descriptionHash(raw.fields.description),
    rawFields,
    rawText,
    rawPhones: raw.phones,
    rawContacts: raw.contacts ?? [],
    fieldSources: raw.fieldSources ?? null,
  };
}
