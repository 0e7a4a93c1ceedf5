// The words of the national web: descriptions that state age, place and phones in the varied
// forms real ads use, so the renderers (later) and the normalisers are exercised on them. No names
// at all: profiles are described, never named, so no text can point at a real person.

import type { Rng } from '../random.ts';
import { writePhone } from './phones.ts';

export type Language = 'sv' | 'en';

const SV_OPENERS = [
  'Välkommen till en lugn och diskret stund.', 'Ny i stan och nyfiken.', 'Avkopplande massage i trivsam miljö.',
  'Social, glad och respektfull.', 'Elegant sällskap för middag eller mer.', 'Lugn och mysig, tar god tid på mig.',
];
const SV_FILLERS = [
  'Jag tar emot i egen lägenhet, dusch finns.', 'Hör av dig i god tid så planerar vi tillsammans.',
  'Endast seriösa förfrågningar, inga dolda nummer.', 'Hygien och respekt är viktigt för mig.',
  'Svarar på sms så fort jag kan.', 'Talar svenska och engelska.', 'Kan även träffas på hotell.',
  'Bokning helst en timme i förväg.', 'Parkering finns i närheten.',
];
const EN_OPENERS = [
  'Welcome to a calm and discreet moment.', 'New in town and curious.', 'Relaxing massage in a cosy place.',
  'Friendly, social and respectful.', 'Elegant company for dinner and more.',
];
const EN_FILLERS = [
  'I receive in my own apartment, shower available.', 'Contact me in good time so we can plan.',
  'Serious requests only, no hidden numbers.', 'Hygiene and respect matter to me.',
  'I answer text messages as soon as I can.', 'I speak English and a little Swedish.', 'Hotel visits possible.',
];

function sayAge(lang: Language, age: number, style: number): string {
  const sv = [`${age} år.`, `Jag är ${age} år gammal.`, `Ålder: ${age}.`, `${age} år ung.`, `(${age})`];
  const en = [`${age} years old.`, `Age: ${age}.`, `I am ${age}.`, `${age}yo.`, `(${age})`];
  const forms = lang === 'sv' ? sv : en;
  return forms[style % forms.length]!;
}

function sayPlace(lang: Language, place: string, style: number): string {
  const sv = [`Finns i ${place}.`, `Plats: ${place}.`, `Tar emot i ${place}.`, `${place}.`];
  const en = [`Located in ${place}.`, `Location: ${place}.`, `Based in ${place}.`, `${place}.`];
  const forms = lang === 'sv' ? sv : en;
  return forms[style % forms.length]!;
}

function sayPhones(lang: Language, phones: readonly string[], style: number): string {
  if (phones.length === 0) return lang === 'sv' ? 'Kontakta mig via sidans meddelanden.' : 'Contact me through the site messages.';
  const written = phones.map((p, i) => writePhone(p, style + i * 3));
  const joined = written.join(lang === 'sv' ? ' eller ' : ' or ');
  const sv = [`Ring eller sms:a ${joined}.`, `Tel: ${joined}`, `Nummer: ${joined}.`, `Sms ${joined} (ej dolt nummer).`];
  const en = [`Call or text ${joined}.`, `Phone: ${joined}`, `WhatsApp ${joined}.`, `Number: ${joined}.`];
  const forms = lang === 'sv' ? sv : en;
  return forms[style % forms.length]!;
}

export interface DescriptionInput {
  language: Language;
  age: number | null;
  locality: string;
  phones: readonly string[];
  /** A youth phrase planted for a minors' cue (already a sentence), or null. */
  cuePhrase: string | null;
  style: number;
}

/** One description; the same input gives the same text. */
export function describe(rng: Rng, input: DescriptionInput): string {
  const sv = input.language === 'sv';
  const parts: string[] = [rng.pick(sv ? SV_OPENERS : EN_OPENERS)];
  if (input.age !== null) parts.push(sayAge(input.language, input.age, input.style));
  parts.push(sayPlace(input.language, input.locality, input.style >>> 3));
  if (input.cuePhrase) parts.push(input.cuePhrase);
  parts.push(...rng.shuffle(sv ? SV_FILLERS : EN_FILLERS).slice(0, rng.int(1, 3)));
  parts.push(sayPhones(input.language, input.phones, input.style >>> 6));
  return parts.join(' ');
}

/**
 * Youth phrases from config/phrases/minor-cues.yaml, as a sentence each; `evidence` is the listed
 * phrase the normaliser should report.
 */
/**
 * Youth phrases planted as minors' cues. `boundsAge`: the phrase itself bounds the age ("not yet
 * 18"), which Kartla's age normaliser reads as 17 when no age is stated; such ads always state an
 * age in their age field, so that the ground truth's stated age is unambiguous.
 */
export const CUE_PHRASES: readonly { sentence: string; evidence: string; language: Language; boundsAge?: true }[] = [
  { sentence: 'Jag går på gymnasiet men ser äldre ut.', evidence: 'går på gymnasiet', language: 'sv' },
  { sentence: 'Söt tonåring som vill träffa dig.', evidence: 'tonåring', language: 'sv' },
  { sentence: 'Har inte fyllt 18 men är mogen.', evidence: 'inte fyllt 18', language: 'sv', boundsAge: true },
  { sentence: 'Gymnasietjej med erfarenhet.', evidence: 'gymnasie tjej', language: 'sv' },
];

const NAME_A = ['Natt', 'Rosen', 'Silke', 'Sammet', 'Måne', 'Stjärn', 'Dröm', 'Kväll', 'Lykt', 'Skymnings', 'Moln', 'Guld'];
const NAME_B = ['annonser', 'torget', 'kontakt', 'sällskap', 'guiden', 'listan', 'portalen', 'anslaget'];
const NAME_EN = ['Velvet', 'Nordic', 'Midnight', 'Silver', 'Aurora', 'Crimson', 'Polar', 'Amber'];
const NAME_EN_B = ['Escorts Guide', 'Companions', 'Directory', 'Dates', 'Listings', 'Agency Board'];

/**
 * A made-up site name. "(demo)" is part of every name, so a synthetic site can never be taken for
 * (or be an accidental copy of the name of) a real one.
 */
export function siteName(rng: Rng, language: Language, taken: Set<string>): string {
  for (let i = 0; ; i++) {
    const base = language === 'sv' ? `${rng.pick(NAME_A)}${rng.pick(NAME_B)}` : `${rng.pick(NAME_EN)} ${rng.pick(NAME_EN_B)}`;
    const name = i < 20 ? `${base} (demo)` : `${base} ${i} (demo)`;
    if (!taken.has(name)) {
      taken.add(name);
      return name;
    }
  }
}
