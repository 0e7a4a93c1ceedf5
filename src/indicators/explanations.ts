// The sentence each indicator shows next to its evidence, in Swedish and English. Worded as what an
// indicator MAY point to: an indicator is a prompt for a person, never a verdict.

import type { Bilingual, IndicatorCode } from './types.ts';

export const EXPLANATIONS: Readonly<Record<IndicatorCode, Bilingual>> = {
  'shared-phone': {
    sv: 'Flera profiler anger samma telefonnummer. Samma person eller en och samma organisatör kan stå bakom dem.',
    en: 'Several profiles give the same phone number. One person, or one organiser, may be behind them.',
  },
  'multi-site': {
    sv: 'Profilerna finns på flera sajter. Så bred annonsering kan tyda på någon som annonserar åt andra.',
    en: 'The profiles appear on several sites. Advertising this widely may point to someone advertising for others.',
  },
  'moved-region': {
    sv: 'De flesta av profilerna annonseras nu i en annan polisregion än tidigare, inom tidsfönstret. Personer som flyttas runt mellan orter (rotation) syns så.',
    en: 'Most of the profiles are now advertised in another police region than before, within the window. People who are moved between places (rotation) show up like this.',
  },
  'foreign-phone': {
    sv: 'Utländskt telefonnummer. Personen kan ha kommit till Sverige nyligen, eller någon utomlands kan ta emot samtalen.',
    en: 'A foreign phone number. The person may have arrived recently, or someone abroad may take the calls.',
  },
  'minor-cue': {
    sv: 'En ålder under 18 eller ord som antyder att personen är minderårig. En person behöver titta på profilen.',
    en: 'An age under 18 or wording that suggests the person is a minor. A person needs to look at the profile.',
  },
  'third-party': {
    sv: 'Annonsen är skriven som av någon annan än personen ("våra tjejer", "ny tjej i stan"). Någon annan kan styra annonseringen.',
    en: 'The ad reads as written by someone other than the person ("our girls", "new girl"). Someone else may control the advertising.',
  },
  'constant-availability': {
    sv: 'Annonsen lovar tillgänglighet dygnet runt. Personen kanske inte styr över sin egen tid.',
    en: 'The ad promises availability around the clock. The person may not control their own time.',
  },
  'same-description': {
    sv: 'Flera profiler har nästan samma beskrivning. Texterna kan vara skrivna av samma person åt flera.',
    en: 'Several profiles have near-identical descriptions. One person may have written them for several people.',
  },
  'review-distress': {
    sv: 'Recensioner beskriver tecken på att personen mådde dåligt, var rädd eller inte var den på bilden.',
    en: 'Reviews describe signs that the person was in distress or afraid, or was not the person in the pictures.',
  },
};
