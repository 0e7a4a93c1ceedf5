// A labelled corpus for near-duplicate text linking, generated from a seed: ad templates copied
// with the edits a poster makes (new name, age, city and number; a sentence moved, dropped, added or
// reworded; å/ä/ö typed as a/o; a different greeting), next to independent ads composed from the
// same phrase vocabulary (same topic, same stock phrases, different text), in Swedish and English,
// spread over sites that append their own footer to most ads. Used by the near-duplicate tests
// (precision/recall over several seeds) and by bench/cluster.ts (100,000 descriptions).

import { Rng } from '../../src/demo/random.ts';

export interface CorpusDoc {
  id: number;
  siteId: string;
  text: string;
}

export interface Corpus {
  docs: CorpusDoc[];
  /** Per doc (same order): the template it was copied from, or -1 for an independent ad. */
  template: number[];
}

export interface CorpusOptions {
  seed: number;
  /** Number of templates (the giant one not counted). */
  templates: number;
  /** Copies per template, [min, max]. */
  copies: [number, number];
  /** Independent ads (when `size` is set, the rest up to `size` instead). */
  independent: number;
  sites: number;
  /** Total number of docs; independents fill up to it. */
  size?: number;
  /** One extra template copied this many times (a bucket far above the cap). */
  giantTemplate?: number;
  /** Words per ad before the footer, [min, max]; about 45-110 unless given. */
  words?: [number, number];
  /** Share of a site's ads that carry the site's footer. */
  footerShare?: number;
}

type Lang = 'sv' | 'en';

const NAMES = ['Anna', 'Bella', 'Carla', 'Daria', 'Elin', 'Felicia', 'Gina', 'Hanna', 'Irina', 'Jasmine', 'Kim', 'Lara', 'Maja', 'Nadia', 'Olga', 'Paula', 'Rosa', 'Sofia', 'Tina', 'Vera', 'Wilma', 'Yasmin', 'Zara', 'Linnea', 'Mira', 'Nora', 'Ella', 'Alva'];
const CITIES = ['Stockholm', 'Göteborg', 'Malmö', 'Uppsala', 'Västerås', 'Örebro', 'Linköping', 'Helsingborg', 'Jönköping', 'Norrköping', 'Lund', 'Umeå', 'Gävle', 'Borås', 'Södertälje', 'Eskilstuna', 'Upplands Väsby', 'Sundsvall', 'Luleå', 'Växjö'];

const SV = {
  adj: ['söt', 'glad', 'sensuell', 'lekfull', 'varm', 'ödmjuk', 'vacker', 'nyfiken', 'busig', 'elegant', 'mysig', 'sportig', 'charmig', 'lugn', 'passionerad'],
  nat: ['Brasilien', 'Rumänien', 'Thailand', 'Colombia', 'Ungern', 'Spanien', 'Ukraina', 'Polen', 'Venezuela', 'Bulgarien', 'Litauen', 'Nigeria'],
  act: ['massage', 'långa kvällar', 'romantik', 'dans', 'god mat', 'mjuka händer', 'rollspel', 'att umgås', 'champagne', 'resor', 'att skratta', 'lugna möten', 'kramar', 'film'],
  time: ['dygnet runt', 'på kvällar', 'varje dag', 'på helger', 'hela veckan', 'sent på natten', 'dagtid', 'efter klockan sex', 'med kort varsel', 'endast med bokning'],
  place: ['lägenhet', 'studio', 'lyxiga lägenhet', 'privata lägenhet', 'mysiga rum', 'diskreta studio', 'hotellrum', 'fina hem'],
  look: ['långt mörkt hår', 'blont hår', 'gröna ögon', 'bruna ögon', 'naturliga former', 'lång kropp', 'mjuk hud', 'vackert leende', 'tatueringar', 'smal midja'],
  frames: [
    'Hej jag heter {name} och är {age} år',
    'Jag är en {adj} och {adj} tjej från {nat}',
    'Jag har precis kommit till {city} för första gången',
    'Jag älskar {act} och {act}',
    'Ring mig på {phone} eller skicka sms',
    'Jag tar emot i min {place} nära centrum',
    'Jag finns tillgänglig {time} för dig',
    'Jag har {look} och {look}',
    'Hygien och respekt är viktigt för mig',
    'Jag besöker även hotell i {city} och runt omkring',
    'Första gången är ingen fara för jag är {adj}',
    'Du kommer att känna dig som hemma hos mig',
    'Njut av en {adj} stund med {act}',
    'Min {place} ligger nära tunnelbanan',
    'Skriv till mig på WhatsApp så bokar vi',
    'Jag pratar svenska engelska och lite {nat}',
    'Jag är här bara några dagar i {city}',
    'Inga dolda avgifter och alltid diskret',
    'Jag söker trevliga män som uppskattar {act}',
    'Boka gärna i förväg och kom i tid',
    'Med mig får du en {adj} upplevelse',
    'Jag ser fram emot att träffa dig {time}',
    'Jag har parkering utanför min {place}',
    'Inga oanmälda samtal tack och inga dolda nummer',
    'Mina bilder är äkta och nytagna',
    'Jag gillar män som är {adj} och respektfulla',
    'Duscha gärna innan vi ses',
    'Jag gör mitt bästa för att du ska bli nöjd',
  ],
  greetings: ['Hej älskling!', 'Hallå där!', 'Hej gentlemen!', 'Hej snygging!', 'Välkommen!', 'Puss och kram!'],
};

const EN = {
  adj: ['sweet', 'happy', 'sensual', 'playful', 'warm', 'gentle', 'beautiful', 'curious', 'naughty', 'elegant', 'cozy', 'sporty', 'charming', 'calm', 'passionate'],
  nat: ['Brazil', 'Romania', 'Thailand', 'Colombia', 'Hungary', 'Spain', 'Ukraine', 'Poland', 'Venezuela', 'Bulgaria', 'Lithuania', 'Nigeria'],
  act: ['massage', 'long evenings', 'romance', 'dancing', 'good food', 'soft hands', 'role play', 'good company', 'champagne', 'travelling', 'laughing', 'calm meetings', 'cuddles', 'movies'],
  time: ['day and night', 'in the evenings', 'every day', 'at weekends', 'all week', 'late at night', 'during the day', 'after six', 'at short notice', 'by booking only'],
  place: ['apartment', 'studio', 'luxury apartment', 'private apartment', 'cosy room', 'discreet studio', 'hotel room', 'nice home'],
  look: ['long dark hair', 'blonde hair', 'green eyes', 'brown eyes', 'natural curves', 'a tall body', 'soft skin', 'a lovely smile', 'tattoos', 'a slim waist'],
  frames: [
    'Hi my name is {name} and I am {age} years old',
    'I am a {adj} and {adj} girl from {nat}',
    'I just arrived in {city} for the first time',
    'I love {act} and {act}',
    'Call me on {phone} or send a text',
    'I receive in my {place} close to the centre',
    'I am available {time} for you',
    'I have {look} and {look}',
    'Hygiene and respect are important to me',
    'I also visit hotels in {city} and nearby',
    'First time is no problem because I am {adj}',
    'You will feel right at home with me',
    'Enjoy a {adj} moment with {act}',
    'My {place} is close to the metro',
    'Write to me on WhatsApp and we book',
    'I speak English Swedish and some {nat}',
    'I am here only a few days in {city}',
    'No hidden fees and always discreet',
    'I am looking for nice men who appreciate {act}',
    'Please book in advance and be on time',
    'With me you get a {adj} experience',
    'I look forward to meeting you {time}',
    'There is parking outside my {place}',
    'No private numbers please and no unannounced calls',
    'My photos are real and recent',
    'I like men who are {adj} and respectful',
    'Please take a shower before we meet',
    'I do my best so that you leave satisfied',
  ],
  greetings: ['Hello darling!', 'Hi there!', 'Hello gentlemen!', 'Hi handsome!', 'Welcome!', 'Kisses!'],
};

const FOOTERS = [
  (site: string) => `Välkommen till ${site}, Sveriges största annonssida för dejting och sällskap. Alla annonser granskas av våra moderatorer och publiceras inom ett dygn. Rapportera misstänkta annonser till vår support.`,
  (site: string) => `Annonsen publicerades via ${site}. Vi ansvarar inte för innehållet i annonserna och tar avstånd från all olaglig verksamhet. Läs våra villkor innan du tar kontakt med annonsören.`,
  (site: string) => `Found on ${site}, the number one classifieds site in Scandinavia. Verified profiles only, updated every hour. Mention ${site} when you call and read our terms before contact.`,
];

function phone(rng: Rng): string {
  const tail = String(rng.int(5, 99)).padStart(2, '0');
  return rng.pick([`070-174 06 ${tail}`, `+46 70 174 06 ${tail}`, `07017406${tail}`, `070 174 06 ${tail}`, `+46701740${tail}`]);
}

class Writer {
  constructor(
    private readonly rng: Rng,
    readonly lang: Lang,
  ) {}

  private get v() {
    return this.lang === 'sv' ? SV : EN;
  }

  fill(frame: string, slots: Record<string, string>): string {
    return frame.replace(/\{(\w+)\}/g, (_, key: string) => {
      if (key in slots) return slots[key]!;
      if (key === 'phone') return phone(this.rng);
      if (key === 'age') return String(this.rng.int(19, 39));
      if (key === 'name') return this.rng.pick(NAMES);
      if (key === 'city') return this.rng.pick(CITIES);
      return this.rng.pick((this.v as unknown as Record<string, string[]>)[key]!);
    });
  }

  /** Frames (indices) for a new ad of about `words` words, no frame twice. */
  frames(words: number): string[] {
    const order = this.rng.shuffle(this.v.frames.map((_, i) => i));
    const out: string[] = [];
    let count = 0;
    for (const i of order) {
      if (count >= words) break;
      const f = this.v.frames[i]!;
      out.push(f);
      count += f.split(' ').length + 1;
    }
    return out;
  }

  sentence(): string {
    return this.fill(this.rng.pick(this.v.frames), {});
  }

  greeting(): string {
    return this.rng.pick(this.v.greetings);
  }
}

/** A template: frames with fixed fills, leaving name, age, city and phone to each copy. */
function makeTemplate(w: Writer, rng: Rng, words: number): string[] {
  return w.frames(words).map((f) => w.fill(f, { name: '{name}', age: '{age}', city: '{city}', phone: '{phone}' }));
}

function stripDiacritics(s: string): string {
  return s.replace(/[åä]/g, 'a').replace(/[ÅÄ]/g, 'A').replace(/ö/g, 'o').replace(/Ö/g, 'O');
}

/** One copy of a template with the edits a poster makes. */
function copyOf(template: string[], w: Writer, rng: Rng): string {
  const slots = { name: rng.pick(NAMES), age: String(rng.int(19, 39)), city: rng.pick(CITIES) };
  let sentences = template.map((s) => s.replace(/\{(name|age|city)\}/g, (_, k: 'name' | 'age' | 'city') => slots[k]).replace('{phone}', () => phone(rng)));
  const edits = rng.int(0, 3);
  for (let e = 0; e < edits; e++) {
    const kind = rng.int(0, 4);
    const i = rng.int(0, sentences.length - 1);
    if (kind === 0 && sentences.length > 2) {
      // move a sentence
      const [moved] = sentences.splice(i, 1);
      sentences.splice(rng.int(0, sentences.length), 0, moved!);
    } else if (kind === 1 && sentences.length > 5) {
      sentences.splice(i, 1); // drop one
    } else if (kind === 2) {
      sentences.splice(i, 0, w.sentence()); // add a stock sentence
    } else if (kind === 3) {
      // reword: swap one word for another of the vocabulary's
      const words = sentences[i]!.split(' ');
      words[rng.int(0, words.length - 1)] = w.fill(rng.pick(['{adj}', '{act}', '{look}']), {}).split(' ')[0]!;
      sentences[i] = words.join(' ');
    } else {
      sentences = [w.greeting(), ...sentences]; // a greeting in front
    }
  }
  let text = sentences.join('. ') + '.';
  if (rng.chance(0.2)) text = stripDiacritics(text);
  if (rng.chance(0.15)) text = text.toUpperCase();
  return text;
}

export function nearDuplicateCorpus(o: CorpusOptions): Corpus {
  const rng = new Rng(o.seed);
  const [minWords, maxWords] = o.words ?? [45, 110];
  const siteIds = Array.from({ length: o.sites }, (_, i) => `site-${i}`);
  const footer = siteIds.map((s, i) => FOOTERS[i % FOOTERS.length]!(`Site${i}.se`));
  const entries: { siteId: string; text: string; template: number }[] = [];
  const writers = { sv: new Writer(rng, 'sv'), en: new Writer(rng, 'en') };

  const templateCount = o.templates + (o.giantTemplate ? 1 : 0);
  for (let t = 0; t < templateCount; t++) {
    const w = rng.chance(0.6) ? writers.sv : writers.en;
    const template = makeTemplate(w, rng, rng.int(minWords, maxWords));
    const copies = t === o.templates ? o.giantTemplate! : rng.int(o.copies[0], o.copies[1]);
    // An organisation posts on a few sites.
    const home = rng.shuffle(siteIds).slice(0, rng.int(1, Math.min(4, siteIds.length)));
    for (let c = 0; c < copies; c++) {
      const siteId = t === o.templates ? rng.pick(siteIds) : rng.pick(home);
      entries.push({ siteId, text: copyOf(template, w, rng), template: t });
    }
  }
  const independent = o.size !== undefined ? Math.max(0, o.size - entries.length) : o.independent;
  for (let k = 0; k < independent; k++) {
    const w = rng.chance(0.6) ? writers.sv : writers.en;
    const sentences = w.frames(rng.int(minWords, maxWords)).map((f) => w.fill(f, {}));
    let text = (rng.chance(0.3) ? `${w.greeting()} ` : '') + sentences.join('. ') + '.';
    if (rng.chance(0.2)) text = stripDiacritics(text);
    entries.push({ siteId: rng.pick(siteIds), text, template: -1 });
  }
  const footerShare = o.footerShare ?? 0.7;
  const shuffled = rng.shuffle(entries);
  return {
    docs: shuffled.map((e, i) => ({
      id: i + 1,
      siteId: e.siteId,
      text: rng.chance(footerShare) ? `${e.text}\n\n${footer[siteIds.indexOf(e.siteId)]}` : e.text,
    })),
    template: shuffled.map((e) => e.template),
  };
}

/**
 * Pairwise precision and recall of a clustering: pairs of docs in one component that come from one
 * template, over all pairs in one component (precision) and over all template-mate pairs (recall).
 */
export function pairwiseScores(template: readonly number[], pairs: readonly { a: number; b: number }[], idToIndex: (id: number) => number): { precision: number; recall: number; predicted: number; truePairs: number } {
  const n = template.length;
  const parent = Int32Array.from({ length: n }, (_, i) => i);
  const find = (x: number): number => {
    while (parent[x] !== x) x = parent[x] = parent[parent[x]!]!;
    return x;
  };
  for (const { a, b } of pairs) parent[find(idToIndex(a))] = find(idToIndex(b));
  const compSize = new Map<number, number>();
  const compLabel = new Map<string, number>();
  const labelSize = new Map<number, number>();
  for (let i = 0; i < n; i++) {
    const r = find(i);
    compSize.set(r, (compSize.get(r) ?? 0) + 1);
    if (template[i]! >= 0) {
      const key = `${r}:${template[i]}`;
      compLabel.set(key, (compLabel.get(key) ?? 0) + 1);
      labelSize.set(template[i]!, (labelSize.get(template[i]!) ?? 0) + 1);
    }
  }
  const c2 = (k: number) => (k * (k - 1)) / 2;
  let predicted = 0;
  for (const s of compSize.values()) predicted += c2(s);
  let tp = 0;
  for (const s of compLabel.values()) tp += c2(s);
  let truePairs = 0;
  for (const s of labelSize.values()) truePairs += c2(s);
  return { precision: predicted === 0 ? 1 : tp / predicted, recall: truePairs === 0 ? 1 : tp / truePairs, predicted, truePairs };
}
