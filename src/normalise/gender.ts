// Gender of the person advertised, in the categories the mapping reports (women, men, trans people,
// couples) or unknown.
//
// A couple ("Par", "Couple", "MF", "kvinna och man") is its own category: one ad for two people,
// which the mapping counts apart from single women and men. Plurals of one gender ("Tjejer",
// "Escort tjejer", "Killar") are site categories of single women or men, not couples; both
// plurals together ("Tjejer & killar") are a mixed category and give unknown. Two women advertised
// together ("2 tjejer") stay women. "Män för kvinnor" is men (the "för ..." part names the clients).
//
// Non-binary ("icke-binär", "non-binary", "enby", "genderqueer") gives 'unknown', not 'trans': the
// mapping's trans category counts people advertised as trans women/men, TS/TV and the like, and
// many non-binary people do not describe themselves as trans. Folding them in would inflate a
// category the agencies read as a distinct risk group; 'unknown' keeps the count honest.

import type { Gender } from '../model/profile.ts';
import { foldText } from './text.ts';

const B = '(?<![\\p{L}\\d])';
const E = '(?![\\p{L}\\d])';
const words = (list: string): RegExp => new RegExp(`${B}(?:${list})${E}`, 'u');

const TRANS_WORDS =
  'trans(?:[- ]?(?:kvinn(?:a|or|an)|tjej(?:er|en)?|girl|woman|women|man|män|mannen|person(?:er)?|gender|' +
  'sexu[ae]ll[a]?|sexual|exu[ae]ll|exual|vestit(?:er|e|en)?|feminin|maskulin|escorts?|a|or|an))?' +
  '|transvestite|ts|t-?girls?|t-?gurl|she-?males?|lady-?boys?|lady boys?|kathoey|cross-?dressers?|travestis?';
const TRANS = words(TRANS_WORDS);
// TV means transvestite in a gender field but television in a title; a category that is only "TV"
// is the former.
const TRANS_FIELD_ONLY = words('tv');

const NON_BINARY = words(
  'icke-?binär|icke binär|ickebinär|non-?binary|non binary|enby|genderqueer|genderfluid|agender',
);

const WOMAN_WORDS =
  'kvinna|kvinnor|kvinnan|kvinnlig|kvinnliga|tjej|tjejer|tjejen|tjejerna|flicka|flickor|flickan|damer|damen|' +
  'female|females|woman|women|girl|girls|gurl|lady|ladies|frau|femme|mujer|chica|kobieta|donna|massös|massöse|' +
  'dominatrix|domina|mistress|milf';
const MAN_WORDS =
  'män|mannen|manlig|manliga|kille|killar|killen|killarna|herre|herrar|herr|male|males|boy|boys|guy|guys|' +
  'gentleman|gentlemen|mann|hombre|chico|pojke|pojkar|mezczyzna|homme|uomo|femboy|femboys';
const WOMAN = words(WOMAN_WORDS);
const MAN = words(MAN_WORDS);
// Swedish writes compounds as one word: "escorttjej", "massagekille".
const WOMAN_COMPOUND = new RegExp(`\\p{L}{2,}(?:tjej|tjejer|kvinna|kvinnor|flicka|girl|girls)${E}`, 'u');
const MAN_COMPOUND = new RegExp(`\\p{L}{2,}(?:kille|killar)${E}`, 'u');
// "man" is also the Swedish pronoun "one", "men" Swedish for "but", "dam" a word in several
// languages and pronouns are everywhere in running text: field values only.
const WOMAN_FIELD_ONLY = words('dam|hon|henne|she|she/her');
const MAN_FIELD_ONLY = words('man|men|han|honom|he|he/him');

// Gender symbols, in fields and text alike.
const TRANS_SYMBOL = /[\u26A5\u26A6\u26A7]/u;
const WOMAN_SYMBOL = /\u2640/u;
const MAN_SYMBOL = /\u2642/u;

// Who the ad is for, not who is advertised: "tjej för män", "söker par", "for men and couples",
// "tar även emot par", "par välkomna".
const PERSON =
  `(?:${WOMAN_WORDS}|${MAN_WORDS}|${TRANS_WORDS}|man|men|dam|honom|henne|him|her|par|paret|couples?|alla|all|both|både)`;
const AND = '\\s*(?:,|&|/|\\+|och|and|eller|or|samt)\\s*';
const PERSONS = `${PERSON}(?:${AND}${PERSON})*`;
const CLIENTELE = new RegExp(
  `${B}(?:för|for|söker|soker|seeking|looking for|åt|till|även|aven|också|ocksa|also|tar (?:även |också )?emot|` +
    `träffar|traffar|gillar|likes|meets|accepts|welcomes|välkomnar|valkomnar|receives|inklusive|including)` +
    `\\s+${PERSONS}${E}` +
    `|${B}${PERSONS}\\s+(?:är\\s+|are\\s+)?(?:också\\s+|även\\s+|also\\s+)?(?:välkomna|valkomna|välkommen|welcome)${E}`,
  'gu',
);

// Couples. "par" is also "a pair / a couple of" ("ett par timmar", "par dagar") and "couple" the
// same in English ("a couple of hours"): those uses are removed before the couple words are read.
// "Ett par" or "a couple" with nothing after them cannot be told apart and stay unknown; "vi är ett
// par", "ett par söker" and "we are a couple" are couples.
const COUPLE = words(
  'par|paret|paren|couple|couples|swingerpar|swingerspar|swingpar|bipar|sexpar|pareja|parejas',
);
const WE_ARE_A_COUPLE = new RegExp(
  `${B}(?:vi är|vi ar|vi e|we are|we're|we r)\\s+(?:ett|a|an)\\s+(?:\\p{L}+\\s+)?(?:par|couple)${E}(?!\\s+(?:of|av)${E})`,
  'gu',
);
const COUPLE_VERB = '(?:söker|soker|seeking|seeks|looking|som|who|från|fran|from|i|in|med|with)';
const NOT_A_COUPLE = new RegExp(
  [
    `${B}(?:ett|några|nagra|flera|två|tva|a|a few|several|\\d+)\\s+(?:par|couples?)(?!\\s+${COUPLE_VERB}${E})${E}`,
    `${B}par\\s+(?:timmar|timme|tim|dagar|dagars|dygn|veckor|veckas|minuter|min|gånger|ganger|månader|manader|år|ar|` +
      `kvällar|nätter|natter|bilder|foton|skor|strumpor|trosor|stövlar|klackar|kilo|hundra|tusen|mil)${E}`,
    `${B}couples?\\s+(?:of|more|hours|days|nights|weeks|minutes|times)${E}`,
    `${B}(?:on|at|below|above|under)\\s+par${E}|${B}par\\s+with${E}`,
    `${B}(?:par[- ]?massage|couples?[- ]?massage)${E}`,
  ].join('|'),
  'gu',
);
// One woman and one man named together ("kvinna och man", "Tjej & kille", "Hon 28, han 32").
const WOMAN_ONE = 'kvinna|tjej|dam|female|woman|girl|lady';
const MAN_ONE = 'man|kille|herre|male|guy';
const PAIR_AND = '(?:\\s*[&+]\\s*|\\s+(?:och|o|and|n)\\s+)';
const MIXED_PAIR = new RegExp(
  `${B}(?:(?:${WOMAN_ONE})${PAIR_AND}(?:${MAN_ONE})|(?:${MAN_ONE})${PAIR_AND}(?:${WOMAN_ONE}))${E}` +
    `|${B}(?:hon\\s*\\d{2}\\W{0,4}(?:och\\s+|and\\s+|&\\s*)?han\\s*\\d{2}|han\\s*\\d{2}\\W{0,4}(?:och\\s+|and\\s+|&\\s*)?hon\\s*\\d{2})${E}`,
  'u',
);
// Swinger-site codes in a gender field: MF/FM (man and woman), "M+K". "M/F" is a form's "male or
// female" and stays unknown.
const COUPLE_CODE = /^(?:[mh]\s*(?:\+|&|och|and)?\s*[fkw]|[fkw]\s*(?:\+|&|och|and)?\s*[mh])$/u;

// Sites that use one-letter codes: K(vinna), F(emale), W(oman), M(an/ale), H(erre), T(rans).
const SINGLE_LETTER: Record<string, Gender> = {
  f: 'woman', k: 'woman', w: 'woman', kv: 'woman', m: 'man', h: 'man', t: 'trans',
};

const any = (s: string, res: RegExp[]): boolean => res.some((re) => re.test(s));

function classify(raw: string, field: boolean): Gender {
  const folded = foldText(raw);
  if (folded === '') return 'unknown';
  if (field) {
    const letters = folded.replace(/[^\p{L}]/gu, '');
    const single = SINGLE_LETTER[letters];
    if (single && letters.length <= 2) return single;
  }
  if (field && COUPLE_CODE.test(folded)) return 'couple';
  const s = folded
    .replace(WE_ARE_A_COUPLE, ' par ')
    .replace(NOT_A_COUPLE, ' ')
    .replace(CLIENTELE, ' ');
  // Before trans, woman and man: "Par, hon trans" and "Par: man och kvinna" are one couple's ad.
  if (COUPLE.test(s) || MIXED_PAIR.test(s)) return 'couple';
  if (NON_BINARY.test(s)) return 'unknown';
  // Before woman/man: "transkvinna" and "trans kvinna" contain "kvinna".
  if (TRANS.test(s) || TRANS_SYMBOL.test(s) || (field ? TRANS_FIELD_ONLY.test(s) : s.trim() === 'tv')) return 'trans';
  const woman = any(s, [WOMAN, WOMAN_COMPOUND, WOMAN_SYMBOL, ...(field ? [WOMAN_FIELD_ONLY] : [])]);
  const man = any(s, [MAN, MAN_COMPOUND, MAN_SYMBOL, ...(field ? [MAN_FIELD_ONLY] : [])]);
  if (woman && !man) return 'woman';
  if (man && !woman) return 'man';
  // Both, and not a couple ("Tjejer & killar", "Male/Female"): a mixed category.
  return 'unknown';
}

/** Gender from a gender field value ("Kvinna", "K", "Male", "TS", "Transkvinna", "Par", "MF"). */
export function normaliseGender(raw: string | null | undefined): Gender {
  if (raw == null) return 'unknown';
  return classify(raw, true);
}

/**
 * Gender from running text (category, title): the same words, without the ones that are common
 * words there ("man" = one, "TV", single letters).
 */
export function genderFromText(text: string | null | undefined): Gender {
  if (text == null) return 'unknown';
  return classify(text, false);
}
