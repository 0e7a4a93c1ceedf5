// Facts an ad states under a label: "Ålder 26" in a dl, a table (row or column headers), a list,
// a bold label followed by its value, or a "Label: value" line. The label words are the reader's
// (vocabulary.ts); the markup is found by the declarative engine's label lookup (labels.ts), so a
// label found here is a `label` FieldSpec that reads the same value.

import type { CheerioAPI } from 'cheerio';
import type { Element } from 'domhandler';
import { fold, keyMatches, labelKey } from '../fold.ts';
import { lookupLabel } from '../labels.ts';
import { normaliseAge } from '../../normalise/age.ts';
import { normaliseGender } from '../../normalise/gender.ts';
import { normaliseLocation } from '../../normalise/location.ts';
import { findPhoneSpans } from '../../normalise/phone.ts';
import { pageIndex } from '../dom.ts';
import { BIRTH_LABELS, FIELD_LABELS, WEAK_GENDER_LABELS, type LabelledField } from './vocabulary.ts';

export interface LabelValue {
  /** The label as the reader knows it (a FieldSpec `label`). */
  label: string;
  /** The value as read; a birth year is given as "Född <year>" so that the age reader counts it. */
  value: string;
  /** The label's own element (dt, th, a bold label), or null when it is words in running text. */
  element: Element | null;
}

/** A value read off a line runs on to the end of the line; the first clause is the value. */
function firstClause(value: string): string {
  const cut = /[.!?;]\s|\s[–—|·•]\s/.exec(value);
  const clause = cut ? value.slice(0, cut.index) : value;
  return (clause.length <= 40 ? clause : clause.slice(0, 40)).trim();
}

function accept(field: LabelledField, label: string, raw: string): string | null {
  const value = firstClause(raw);
  const key = fold(label);
  switch (field) {
    case 'age':
      if (BIRTH_LABELS.has(key)) return /\d{2,4}/.test(value) ? `Född ${value}` : null;
      return normaliseAge(value) !== null ? value : null;
    case 'gender':
      if (normaliseGender(value) !== 'unknown') return value;
      return WEAK_GENDER_LABELS.has(key) || value.length > 30 ? null : value;
    case 'location': {
      const loc = normaliseLocation(value);
      return loc.kommunCode !== null || loc.lanCode !== null ? value : null;
    }
    case 'phone':
      return findPhoneSpans(raw).length > 0 ? raw : null;
    case 'externalId': {
      const id = value.replace(/^[#№:\s]+|^(?:nr|no)\.?\s*/i, '').trim();
      return /^[\w-]{1,40}$/.test(id) && /\d/.test(id) ? id : null;
    }
  }
}

/** The label's own element within roots, if it has one (rather than only words in a line). */
function labelElement($: CheerioAPI, roots: readonly Element[], label: string): Element | null {
  const index = pageIndex($);
  const want = labelKey(label);
  for (const root of roots) {
    const r = index.pos.get(root);
    if (r === undefined) continue;
    for (let i = r; i <= index.end[r]!; i++) {
      const t = index.shortText[i];
      if (t && t.length <= 40 && keyMatches(labelKey(t), want)) return index.order[i]!;
    }
  }
  return null;
}

/**
 * The labelled facts inside `roots` (the ad's own part of the page): for each field, the first of
 * its labels whose value reads as that field (an age, a gender, a known place, a phone number).
 * A location whose value names no known place is kept as `unresolvedLocation`, for want of better.
 */
export function readLabelPairs($: CheerioAPI, roots: readonly Element[]): Partial<Record<LabelledField, LabelValue>> & { unresolvedLocation?: LabelValue } {
  const out: Partial<Record<LabelledField, LabelValue>> & { unresolvedLocation?: LabelValue } = {};
  if (roots.length === 0) return out;
  for (const field of Object.keys(FIELD_LABELS) as LabelledField[]) {
    for (const label of FIELD_LABELS[field]) {
      const raw = lookupLabel($, [label], [...roots]);
      if (raw === null) continue;
      const value = accept(field, label, raw);
      const element = labelElement($, roots, label);
      if (value !== null) {
        out[field] = { label, value, element };
        break;
      }
      if (field === 'location' && !out.unresolvedLocation && element !== null && raw.length <= 60 && !/\d{3}/.test(raw)) out.unresolvedLocation = { label, value: raw, element };
    }
  }
  return out;
}
