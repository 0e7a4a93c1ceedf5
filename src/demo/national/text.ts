// The words of the national web: descriptions that state age, place and phones in the varied
// forms real ads use, so the renderers (later) and the normalisers are exercised on them. No names
// at all: profiles are described, never named, so no text can point at a real person.

import { Rng } from '../random.ts';
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

// Sentences an ad is built from, beyond age, place and phone. Large pools, so that two people
// who write their own ads rarely write the same text: near-identical descriptions on this web
// mean a shared template (an organisation's), as they tend to on real sites. No numbers, no place
// names and no gendered words: the extractors read age, place and gender elsewhere in the ad.
const SV_POOL = [
  'Jag är en lugn och varm person som gillar att ta det i din takt.', 'Gillar långa samtal och ett gott skratt.',
  'Har en mjuk röst och ett lugnt sätt.', 'Tycker om att laga mat och lyssna på musik.', 'Tränar gärna och håller mig i form.',
  'Är nyfiken av naturen och gillar nya möten.', 'Ler mycket och tar livet med ro.', 'Uppskattar ärlighet och god stil.',
  'Har ett lekfullt humör och en busig blick.', 'Trivs bäst när allt sker i lugn och ro.', 'Älskar resor, konst och goda viner.',
  'Är noga med detaljer och med att du ska trivas.', 'Kan vara både blyg och framåt, beroende på stämning.',
  'Har läst mycket och pratar gärna om böcker.', 'Sover sent och är pigg på kvällarna.', 'Är lätt att prata med och bjuder på mig själv.',
  'Mysig miljö med levande ljus och lugn musik.', 'Handdukar och badrock finns på plats.', 'Kaffe eller te bjuder jag alltid på.',
  'Rummet är varmt och sängen är bäddad med rena lakan.', 'Diskret entré utan insyn från grannar.', 'Du väljer tempot, jag anpassar mig.',
  'Jag lyssnar på dina önskemål och respekterar gränser.', 'Massageolja med doft av vanilj ingår.', 'Lugnt område med enkel parkering.',
  'Hiss finns i huset och porten är lätt att hitta.', 'Jag tar inte emot berusade besökare.', 'Skriv gärna några rader om dig själv först.',
  'Presentera dig kort när du hör av dig.', 'Ingen stress, vi tar den tid vi behöver.', 'Avbokning ska ske i god tid.',
  'Kontant eller swish enligt överenskommelse.', 'Jag svarar inte på dolda samtal.', 'Jag bokar hellre dagen innan än samma dag.',
  'Ibland är jag bortrest, då syns det här.', 'Tack för att du läser hela annonsen.', 'Varmt välkommen, du kommer inte att ångra dig.',
  'Hoppas vi hörs snart.', 'Vi ses när det passar dig.', 'Kram och välkommen.', 'Glöm inte att vara punktlig.', 'Diskretion utlovas åt båda håll.',
];
const EN_POOL = [
  'I am a calm and warm person who likes to take things at your pace.', 'I enjoy long talks and a good laugh.',
  'Soft voice and an easy-going manner.', 'I love cooking and listening to music.', 'I work out and keep myself fit.',
  'Curious by nature and fond of new encounters.', 'I smile a lot and take life easy.', 'I value honesty and good style.',
  'Playful mood and a cheeky look.', 'I am at my best when everything is calm.', 'I love travel, art and fine wine.',
  'I care about details and about you feeling at ease.', 'Shy or bold, depending on the mood.', 'I read a lot and like to talk about books.',
  'I sleep late and I am lively in the evenings.', 'Easy to talk to and generous with my time.',
  'Cosy setting with candles and soft music.', 'Towels and a bathrobe are provided.', 'Coffee or tea is always offered.',
  'The room is warm and the bed has clean sheets.', 'Discreet entrance, no neighbours watching.', 'You choose the pace, I adapt.',
  'I listen to your wishes and respect limits.', 'Massage oil with a scent of vanilla included.', 'Quiet area with easy parking.',
  'There is a lift and the door is easy to find.', 'I do not receive drunk visitors.', 'Please write a few lines about yourself first.',
  'Introduce yourself briefly when you get in touch.', 'No rush, we take the time we need.', 'Please cancel in good time.',
  'Cash or card by agreement.', 'I do not answer hidden callers.', 'I prefer booking the day before.',
  'Sometimes I travel, then it says so here.', 'Thank you for reading the whole ad.', 'Warmly welcome, you will not regret it.',
  'Hope to hear from you soon.', 'See you when it suits you.', 'Hugs and welcome.', 'Please be on time.', 'Discretion promised both ways.',
];
/** Third-party wording some organisations put in every ad (config/phrases/third-party.yaml lists it). */
const SV_AGENCY = ['Vi har nya tjejer varje vecka, ring för bokning.', 'Våra tjejer tar emot dygnet runt.', 'Ny tjej i stan, boka henne innan hon reser vidare.'];
const EN_AGENCY = ['We have new girls every week, call to book.', 'Our girls receive day and night.', 'New girl in town, book her before she leaves.'];

/**
 * An organisation's stock text: the sentences every ad it places repeats (InfoShield's
 * "templates"). The same seed gives the same template; each language gets its own.
 */
export function organisationTemplate(seed: number, language: Language, agency: boolean): string[] {
  const rng = new Rng(seed >>> 0);
  const sv = language === 'sv';
  const sentences = rng.shuffle(sv ? SV_POOL : EN_POOL).slice(0, rng.int(5, 7));
  if (agency) sentences.splice(rng.int(0, 1), 0, rng.pick(sv ? SV_AGENCY : EN_AGENCY));
  return sentences;
}

export interface DescriptionInput {
  language: Language;
  age: number | null;
  locality: string;
  phones: readonly string[];
  /** A youth phrase planted for a minors' cue (already a sentence), or null. */
  cuePhrase: string | null;
  style: number;
  /** An organisation member's stock sentences (organisationTemplate); null for an independent. */
  template?: readonly string[] | null;
}

/** One description; the same input gives the same text. */
export function describe(rng: Rng, input: DescriptionInput): string {
  const sv = input.language === 'sv';
  const parts: string[] = [rng.pick(sv ? SV_OPENERS : EN_OPENERS)];
  if (input.age !== null) parts.push(sayAge(input.language, input.age, input.style));
  parts.push(sayPlace(input.language, input.locality, input.style >>> 3));
  if (input.cuePhrase) parts.push(input.cuePhrase);
  if (input.template) {
    // Copied ads are edited a little: now and then a sentence is left out.
    parts.push(...input.template.filter(() => !rng.chance(0.1)));
  } else {
    parts.push(...rng.shuffle(sv ? SV_FILLERS : EN_FILLERS).slice(0, rng.int(1, 2)));
    parts.push(...rng.shuffle(sv ? SV_POOL : EN_POOL).slice(0, rng.int(3, 6)));
  }
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

// ---- reviews ----

/**
 * Signs in a buyer's review that the person may be exploited, as outreach workers read them. A
 * review carries at most one; `gendered` cues name a girl and are not written about a man.
 */
export const DISTRESS_CUES: readonly { phrase: string; sentence: string; language: Language; gendered?: true }[] = [
  { phrase: 'såg ut att ha ont', sentence: '{Hon} såg ut att ha ont.', language: 'sv' },
  { phrase: 'ville att tiden skulle gå', sentence: 'Kändes som att {hon} bara ville att tiden skulle gå.', language: 'sv' },
  { phrase: 'inte samma tjej som på bilden', sentence: 'Det var inte samma tjej som på bilden.', language: 'sv', gendered: true },
  { phrase: 'verkade rädd', sentence: '{Hon} verkade rädd hela tiden.', language: 'sv' },
  { phrase: 'pratade nästan ingen svenska', sentence: '{Hon} pratade nästan ingen svenska.', language: 'sv' },
  { phrase: 'någon annan svarade i telefonen', sentence: 'Någon annan svarade i telefonen när jag ringde.', language: 'sv' },
  { phrase: 'seemed scared', sentence: '{Hon} seemed scared the whole time.', language: 'en' },
  { phrase: 'not the girl in the pictures', sentence: 'It was not the girl in the pictures.', language: 'en', gendered: true },
  { phrase: 'looked like she was in pain', sentence: 'To be honest she looked like she was in pain.', language: 'en', gendered: true },
  { phrase: 'someone else answered the phone', sentence: 'When I called, someone else answered the phone.', language: 'en' },
  { phrase: 'wanted it to be over', sentence: 'Felt like {hon} just wanted it to be over.', language: 'en' },
];

const SV_MONTHS = ['januari', 'februari', 'mars', 'april', 'maj', 'juni', 'juli', 'augusti', 'september', 'oktober', 'november', 'december'];
const EN_MONTHS = ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December'];

// Some pseudonyms end in two digits, as real ones do: a number beside the ad that is not its age.
const SV_REVIEWERS = ['Nattvandraren', 'Anonym', 'Resenär', 'Kalle_K', 'Affärsresenär', 'Tyst_gäst', 'Nordanvind', 'J.S.', 'Stamkund', 'Pendlaren', 'Kvällsgäst', 'Gent_52', 'Stockholmare_81'];
const EN_REVIEWERS = ['Anonymous', 'Traveller', 'gentleman_uk', 'Nordic_guest', 'J.S.', 'Regular', 'BusinessTrip', 'Quiet guest', 'Visitor_47'];

const SV_VERDICTS = [
  'Trevlig och ren lägenhet.', 'Bra service, kommer tillbaka.', 'Inte riktigt som förväntat.', 'Rekommenderas.',
  'Lite stressigt men okej.', 'Trevligt bemötande från början till slut.', 'Diskret entré, lätt att hitta.',
];
const EN_VERDICTS = [
  'Friendly and clean place.', 'Great time, will return.', 'Not quite as advertised.', 'Recommended.',
  'A bit rushed but fine.', 'Polite from start to finish.',
];

export interface ReviewInput {
  language: Language;
  /** The ad's own age and place, which a review always contradicts rather than repeats. */
  age: number | null;
  locality: string;
  gender: 'woman' | 'man' | 'trans';
  /** Places a review may name instead. */
  otherPlaces: readonly string[];
  /** The review's date, YYYY-MM-DD. */
  date: string;
  /** A distress cue to write in, or null. */
  cue: (typeof DISTRESS_CUES)[number] | null;
}

function otherAge(rng: Rng, age: number | null): number {
  for (;;) {
    const a = rng.int(20, 45);
    if (a !== age) return a;
  }
}

function otherPlace(rng: Rng, input: ReviewInput): string {
  for (let i = 0; i < 20; i++) {
    const p = rng.pick(input.otherPlaces);
    if (p !== input.locality) return p;
  }
  return input.otherPlaces.find((p) => p !== input.locality) ?? 'Malmö';
}

/** A price in whole hundreds, sometimes with a thousands space ("2 500"): never a phone-length run. */
function price(rng: Rng): string {
  const kr = rng.int(8, 35) * 100;
  return kr >= 1000 && rng.chance(0.4) ? `${Math.floor(kr / 1000)} ${String(kr % 1000).padStart(3, '0')}` : String(kr);
}

/** A buyer's review text: other ages, places, dates and prices than the ad's, and never a number to call. */
export function reviewText(rng: Rng, input: ReviewInput): string {
  const sv = input.language === 'sv';
  const man = input.gender === 'man';
  const pron = sv ? (man ? ['han', 'Han', 'honom'] : ['hon', 'Hon', 'henne']) : man ? ['he', 'He', 'him'] : ['she', 'She', 'her'];
  const fill = (s: string) => s.replace(/\{hon\}/g, pron[0]!).replace(/\{Hon\}/g, pron[1]!).replace(/\{her\}/g, pron[2]!);
  const [, m, d] = input.date.split('-').map(Number) as [number, number, number];
  const place = otherPlace(rng, input);
  const age = otherAge(rng, input.age);
  const meet = sv
    ? [`Träffades i ${place} i ${SV_MONTHS[m - 1]}.`, `{Hon} kom upp från ${place} för några dagar.`, `Vi sågs på ett hotell i ${place} den ${d}/${m}.`, `Bokade en timme när jag var i ${place} ${input.date}.`]
    : [`Met {her} in ${place} in ${EN_MONTHS[m - 1]}.`, `{Hon} came up from ${place} for the weekend.`, `Saw {her} at a hotel in ${place} on ${d} ${EN_MONTHS[m - 1]}.`, `Booked an hour while I was in ${place} on ${input.date}.`];
  const ages = sv
    ? [`{Hon} sa att {hon} var ${age}.`, `Såg ut att vara runt ${age} år.`, `Påstod ${age} men såg äldre ut.`, `Säkert ${age} år, inte som i annonsen.`]
    : [`{Hon} said {hon} was ${age}.`, `Looked older than ${age}.`, `Claimed ${age}, looked a bit older.`, `Must be ${age} years, not what the ad says.`];
  const prices = sv
    ? [`Betalade ${price(rng)} kr för en timme.`, `${price(rng)} kr, lite dyrt men okej.`, `Priset var ${price(rng)} kr, inte som i annonsen.`]
    : [`Paid ${price(rng)} SEK for an hour.`, `${price(rng)} kr, worth it.`, `The price was ${price(rng)} SEK, not what the ad said.`];
  const parts = [rng.pick(meet)];
  if (rng.chance(0.7)) parts.push(rng.pick(ages));
  if (rng.chance(0.5)) parts.push(rng.pick(prices));
  if (input.cue) parts.push(input.cue.sentence);
  parts.push(rng.pick(sv ? SV_VERDICTS : EN_VERDICTS));
  return fill(parts.join(' '));
}

export function reviewer(rng: Rng, language: Language): string {
  return rng.pick(language === 'sv' ? SV_REVIEWERS : EN_REVIEWERS);
}
