// Organisation indicators: prompts for a person, never a verdict. Each one says in a sentence what
// it means (in Swedish and English) and carries the evidence that raised it: short quotes as the ad
// or review wrote them, or facts ("5 profiles share one number"). Evidence never holds a phone
// number; numbers are referred to by count or country code only.

export type IndicatorCode =
  | 'shared-phone'
  | 'multi-site'
  | 'moved-region'
  | 'foreign-phone'
  | 'minor-cue'
  | 'third-party'
  | 'constant-availability'
  | 'same-description'
  | 'review-distress';

/** Every code, in the order indicators are listed (most serious first). */
export const INDICATOR_CODES: readonly IndicatorCode[] = [
  'minor-cue',
  'review-distress',
  'moved-region',
  'shared-phone',
  'third-party',
  'multi-site',
  'foreign-phone',
  'constant-availability',
  'same-description',
];

export type IndicatorLevel = 'profile' | 'cluster';

export interface Bilingual {
  sv: string;
  en: string;
}

export interface Indicator {
  code: IndicatorCode;
  level: IndicatorLevel;
  /** What the indicator may point to, in a sentence; never a conclusion. */
  explanation: Bilingual;
  /** Quotes as written (at most 40 characters each) or facts; never a phone number. */
  evidence: string[];
}
