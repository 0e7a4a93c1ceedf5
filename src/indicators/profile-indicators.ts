// Indicators of one profile, from its own text, phones and reviews. Pure: the phrase lists are an
// argument (loadIndicatorPhrases() gives the maintained ones); nothing is read or cached here.

import { EXPLANATIONS } from './explanations.ts';
import { uniqueQuotes, countryList } from './evidence.ts';
import { findAvailability, findReviewDistress, findThirdParty, type IndicatorPhrases } from './phrases.ts';
import { INDICATOR_CODES, type Indicator, type IndicatorCode } from './types.ts';

export interface ProfileIndicatorInput {
  title: string | null;
  description: string | null;
  /** From the age normaliser (NormalisedProfile.minorCue / minorCueEvidence). */
  minorCue: boolean;
  minorCueEvidence: readonly string[];
  /** Country (ISO 3166-1 alpha-2) of each normalised phone; null when unknown. 'SE' is domestic. */
  phones: ReadonlyArray<{ country: string | null }>;
  /** Review texts of the profile; empty when the site has no reviews. */
  reviews: readonly string[];
}

export const DOMESTIC_COUNTRY = 'SE';

/** An ISO country code as upper case, or null when unknown; anything not two letters is "??". */
export function countryCode(country: string | null | undefined): string | null {
  if (country == null || country.trim() === '') return null;
  const c = country.trim().toUpperCase();
  return /^[A-Z]{2}$/u.test(c) ? c : '??';
}

/** Whether a phone of that country is foreign; an unknown country is not counted as foreign. */
export function isForeignCountry(country: string | null | undefined): boolean {
  const c = countryCode(country);
  return c !== null && c !== DOMESTIC_COUNTRY;
}

export function indicator(code: IndicatorCode, level: Indicator['level'], evidence: string[]): Indicator {
  return { code, level, explanation: EXPLANATIONS[code], evidence };
}

export function byCode(a: Indicator, b: Indicator): number {
  return INDICATOR_CODES.indexOf(a.code) - INDICATOR_CODES.indexOf(b.code);
}

/**
 * The indicators one profile raises on its own: minor-cue (from the age normaliser), third-party
 * and constant-availability (phrase lists over title and description), foreign-phone, and
 * review-distress (phrase list over the reviews). Evidence of the text indicators is quotes only, as
 * written; foreign-phone's is a count and country codes. Listed in INDICATOR_CODES order.
 */
export function profileIndicators(input: ProfileIndicatorInput, lists: IndicatorPhrases): Indicator[] {
  const out: Indicator[] = [];
  const texts = [input.title, input.description];

  if (input.minorCue) {
    const quotes = uniqueQuotes(input.minorCueEvidence);
    out.push(indicator('minor-cue', 'profile', quotes.length > 0 ? quotes : ['flagged by the age normaliser']));
  }

  const distress = uniqueQuotes(findReviewDistress(input.reviews, lists.reviewDistress).map((h) => h.evidence));
  if (distress.length > 0) out.push(indicator('review-distress', 'profile', distress));

  const thirdParty = uniqueQuotes(findThirdParty(texts, lists.thirdParty).map((h) => h.evidence));
  if (thirdParty.length > 0) out.push(indicator('third-party', 'profile', thirdParty));

  const foreign = input.phones.map((p) => p.country).filter(isForeignCountry).map((c) => countryCode(c)!);
  if (foreign.length > 0) {
    const total = input.phones.length;
    out.push(indicator('foreign-phone', 'profile', [`${foreign.length} of ${total} number${total === 1 ? '' : 's'} foreign: ${countryList(foreign)}`]));
  }

  const always = uniqueQuotes(findAvailability(texts, lists.availability).map((h) => h.evidence));
  if (always.length > 0) out.push(indicator('constant-availability', 'profile', always));

  return out.sort(byCode);
}
