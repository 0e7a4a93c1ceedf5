import { mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { ConfigError } from '../../src/errors.ts';
import {
  compileIndicatorPhrases,
  defaultIndicatorPhrasesDir,
  findAvailability,
  findReviewDistress,
  findThirdParty,
  INDICATOR_PHRASE_FILES,
  loadIndicatorPhrases,
  parseIndicatorPhraseList,
  type IndicatorListName,
  type IndicatorPhraseList,
} from '../../src/indicators/phrases.ts';
import { MAX_EVIDENCE_CHARS } from '../../src/normalise/phrase-list.ts';

const lists = loadIndicatorPhrases();

type Finder = (text: string, list: IndicatorPhraseList) => Array<{ phrase: string; evidence: string }>;
const FINDERS: Record<IndicatorListName, Finder> = {
  thirdParty: findThirdParty,
  availability: findAvailability,
  reviewDistress: findReviewDistress,
};

// Every phrase of each list with at least one ad- or review-like text that must set it off. A phrase
// added to a list without an example here fails the test below.
const EXAMPLES: Record<IndicatorListName, Record<string, string[]>> = {
  thirdParty: {
    'ny tjej i stan': ['NY TJEJ I STAN!', 'Ny tjej i stan – Jessica 23', 'ny-tjej-i-stan'],
    'nya tjejer i stan': ['Nya tjejer i stan varje vecka'],
    'ny tjej hos oss': ['Ny tjej hos oss: Bella'],
    'nya tjejer hos oss': ['Nya tjejer hos oss i helgen'],
    'våra tjejer': ['Våra tjejer är diskreta', 'VARA TJEJER'],
    'våra flickor': ['Alla våra flickor är över 20'],
    'våra damer': ['Våra damer tar emot i centrum'],
    'vi har nya tjejer': ['Vi har nya tjejer varje vecka'],
    'vi har en ny tjej': ['Vi har en ny tjej från Riga'],
    'vi har flera tjejer': ['Vi har flera tjejer att välja på'],
    'vi har tjejer': ['Vi har tjejer i Göteborg och Malmö'],
    'vår byrå': ['Boka via vår byrå'],
    'vår agentur': ['Vår agentur i Stockholm'],
    'boka henne': ['Ring och boka henne idag'],
    'new girl': ['New girl in town!', '#newgirl', 'NEW GIRL Anna'],
    'new girls': ['New girls every week'],
    'our girls': ['All our girls are verified', 'Our girls'],
    'our ladies': ['Our ladies speak English'],
    'our models': ['Meet our models'],
    'our agency': ['Book through our agency'],
    'we have new girls': ['We have new girls from Prague'],
    'we have girls': ['We have girls in Stockholm'],
    'book her': ['Book her now', 'Call to book her'],
  },
  availability: {
    'dygnet runt': ['Tillgänglig dygnet runt', 'Dygnet-runt', 'DYGNET RUNT'],
    'dygnets alla timmar': ['Ring dygnets alla timmar'],
    'alla dygnets timmar': ['Öppet alla dygnets timmar'],
    'alltid tillgänglig': ['Alltid tillgänglig för dig', 'ALLTID TILLGANGLIG'],
    'alltid tillgängliga': ['Vi är alltid tillgängliga'],
    'alltid ledig': ['Alltid ledig'],
    'tillgänglig dag och natt': ['Tillgänglig dag och natt'],
    'dag som natt': ['Ring dag som natt'],
    'alla dagar alla tider': ['Alla dagar alla tider'],
    'always available': ['Always available for you'],
    'available 24 hours': ['Available 24 hours'],
    'available 24h': ['Available 24h', 'AVAILABLE-24H'],
    'open 24 hours': ['Open 24 hours'],
    '24 hours a day': ['Ready 24 hours a day'],
    'around the clock': ['Available around the clock'],
    'round the clock': ['Round-the-clock service'],
    'available day and night': ['Available day and night'],
    'any time day or night': ['Call any time day or night'],
    '24 / 7': ['Tillgänglig 24/7', '24 / 7', 'Open 24/7.', '24/7 outcall', '(24/7)'],
    '7 / 24': ['Öppet 7/24'],
  },
  reviewDistress: {
    'såg ut att ha ont': ['Hon såg ut att ha ont hela tiden', 'sag ut att ha ont'],
    'verkade ha ont': ['Hon verkade ha ont.'],
    'ville att tiden skulle gå': ['Det kändes som att hon ville att tiden skulle gå'],
    'ville bara att det skulle ta slut': ['Hon ville bara att det skulle ta slut'],
    'verkade rädd': ['Hon verkade rädd', 'verkade radd för mannen'],
    'såg rädd ut': ['Hon såg rädd ut när det knackade'],
    'hon var rädd': ['Jag tror hon var rädd'],
    'verkade ledsen': ['Hon verkade ledsen hela tiden'],
    'hon grät': ['Efteråt grät hon inte, men innan hon grät'],
    'började gråta': ['Hon började gråta'],
    'verkade drogad': ['Hon verkade drogad'],
    'verkade påverkad': ['Verkade påverkad av något'],
    'hade blåmärken': ['Hon hade blåmärken på armarna'],
    'inte samma tjej som på bilden': ['Inte samma tjej som på bilden', 'Det var inte samma tjej som på bilden'],
    'inte samma tjej som på bilderna': ['inte samma tjej som på bilderna'],
    'en annan tjej än på bilden': ['Det kom en annan tjej än på bilden'],
    'en annan tjej än på bilderna': ['En annan tjej än på bilderna öppnade'],
    'en man tog betalt': ['En man tog betalt i dörren'],
    'någon annan tog betalt': ['Någon annan tog betalt'],
    'en man väntade utanför': ['En man väntade utanför i en bil'],
    'seemed to be in pain': ['She seemed to be in pain'],
    'looked like she was in pain': ['It looked like she was in pain'],
    'she was in pain': ['I think she was in pain'],
    'wanted the time to pass': ['She just wanted the time to pass'],
    'wanted it to be over': ['She obviously wanted it to be over'],
    'seemed scared': ['She seemed scared', 'SEEMED SCARED of the driver'],
    'looked scared': ['Looked scared when the phone rang'],
    'she was scared': ['I could tell she was scared'],
    'seemed afraid': ['Seemed afraid of something'],
    'seemed frightened': ['She seemed frightened'],
    'seemed sad': ['Seemed sad the whole time'],
    'she was crying': ['When I arrived she was crying'],
    'started crying': ['She started crying'],
    'seemed drugged': ['She seemed drugged'],
    'had bruises': ['She had bruises on her legs'],
    'not the same girl as in the pictures': ['Not the same girl as in the pictures'],
    'not the same girl as in the photos': ['It was not the same girl as in the photos'],
    'not the girl in the pictures': ['Definitely not the girl in the pictures'],
    'not the girl in the photos': ['not the girl in the photos'],
    'a man took the money': ['A man took the money at the door'],
    'someone else took the money': ['Someone else took the money'],
    'a man was waiting outside': ['A man was waiting outside in a car'],
  },
};

// Texts that must not set off any phrase of the list: near misses, negations, everyday wording.
const NEAR_MISSES: Record<IndicatorListName, string[]> = {
  thirdParty: [
    'Vi ses!', 'Vi har kul tillsammans', 'Vi är ett par och vi har', 'Jag är ny i stan', 'Ny i stan, ring mig',
    'New in town', 'Just arrived', 'Nyanländ', 'Ny tjejkompis', 'Girlfriend experience', 'New girlfriend experience',
    'Our time together', 'Ingen byrå, jag jobbar själv', 'Inte vår byrå', 'No agency', 'Book here', 'Booker',
    'Inga nya tjejer i stan', 'no new girls', 'Våra stunder tillsammans', 'Boka hennes vän', 'Tjejer i stan',
  ],
  availability: [
    '24 år', '24 years', 'Svarar inom 24 timmar', '24h notice', 'Dygnet', 'Dygnets bästa stund',
    'Tillgänglig på helger', 'Tillgänglig kvällar', 'Available weekends', 'Ring när som helst', 'Anytime',
    'I Malmö 24/7-28/7', 'Malmö 20/7-24/7', 'den 24/7', 'Född 24/7', 'from 24/7', 'Datum: 24/7/2025', '124/7',
    '24/70', 'Inte dygnet runt', 'Inte alltid tillgänglig', 'not always available', 'Not 24/7', 'Round trip',
    'Alltid glad', 'Day and night cream', 'Dag och natt',
  ],
  reviewDistress: [
    'Hon var inte rädd alls', 'She was not scared at all', 'not scared at all', 'Hon var inte rädd för att prova nytt',
    'Jag tror inte hon var rädd', 'She never seemed scared', 'Hon verkade ha ont om tid', 'Hon såg ut att ha ont om tid',
    'Hon var rädd om sina kläder', 'Samma tjej som på bilden', 'Exactly the girl in the pictures',
    'Same girl as in the photos', 'Jag var rädd att det var fejk', 'Var inte rädd att höra av dig',
    'I was in pain before the massage', 'Hon var lite nervös i början', 'She was shy at first', 'Hon hade ont om tid',
    'She seemed happy', 'Hon verkade glad', 'A man answered the phone', 'Pictures were accurate',
    'I never wanted it to be over',
  ],
};

describe('the maintained lists', () => {
  for (const name of Object.keys(EXAMPLES) as IndicatorListName[]) {
    describe(INDICATOR_PHRASE_FILES[name].file, () => {
      const list = lists[name];
      const phrasesIn = (text: string): string[] => FINDERS[name](text, list).map((h) => h.phrase);

      it('has an example for every phrase, and every example sets off its phrase', () => {
        const listed = list.entries.map((e) => e.phrase);
        expect(listed.filter((p) => !(p in EXAMPLES[name])), 'phrases without an example in EXAMPLES').toEqual([]);
        expect(Object.keys(EXAMPLES[name]).filter((p) => !listed.includes(p)), 'examples for phrases no longer listed').toEqual([]);
        for (const [phrase, texts] of Object.entries(EXAMPLES[name])) {
          for (const text of texts) expect(phrasesIn(text), text).toContain(phrase);
        }
      });

      it('sets off nothing in the near misses', () => {
        for (const text of NEAR_MISSES[name]) expect(FINDERS[name](text, list), text).toEqual([]);
      });

      it('has Swedish and English phrases', () => {
        const groups = new Set(list.entries.map((e) => e.group));
        expect(groups.has('svenska')).toBe(true);
        expect(groups.has('english')).toBe(true);
      });

      it('gives evidence as written, at most 40 characters', () => {
        for (const texts of Object.values(EXAMPLES[name])) {
          for (const text of texts) {
            for (const h of FINDERS[name](text, list)) {
              expect(text.normalize('NFC')).toContain(h.evidence);
              expect(h.evidence.length).toBeLessThanOrEqual(MAX_EVIDENCE_CHARS);
            }
          }
        }
      });
    });
  }
});

describe('list rules', () => {
  it('tells 24/7 the promise from 24/7 the date', () => {
    const av = lists.availability;
    expect(findAvailability('Tillgänglig 24/7 i Malmö', av).map((h) => h.evidence)).toEqual(['24/7']);
    expect(findAvailability('I Malmö 24/7 - 28/7', av)).toEqual([]);
    expect(findAvailability('Malmö 24/7 sen Lund', av).map((h) => h.evidence)).toEqual(['24/7']);
  });

  it('reads "ont om" and "rädd om" as not distress', () => {
    const rd = lists.reviewDistress;
    expect(findReviewDistress('Hon verkade ha ont om pengar', rd)).toEqual([]);
    expect(findReviewDistress('Hon verkade ha ont, om jag ska vara ärlig', rd).map((h) => h.phrase)).toEqual(['verkade ha ont']);
    expect(findReviewDistress('Hon verkade ha ont. Om jag ska vara ärlig', rd).map((h) => h.phrase)).toEqual(['verkade ha ont']);
    expect(findReviewDistress('Hon verkade ha ont och om', rd).map((h) => h.phrase)).toEqual(['verkade ha ont']);
    expect(findReviewDistress('Hon verkade rädd om kvällarna', rd)).toEqual([]);
  });

  it('skips a negation in the two words before, in the same clause only', () => {
    const tp = lists.thirdParty;
    expect(findThirdParty('Inga nya tjejer i stan', tp)).toEqual([]);
    expect(findThirdParty('Ingen stress, ny tjej i stan', tp).map((h) => h.phrase)).toEqual(['ny tjej i stan']);
  });

  it('is pure: uses only the lists it is given', () => {
    const own = compileIndicatorPhrases({ thirdParty: ['hennes chaufför'] });
    expect(findThirdParty('Hennes chaufför hämtar', own.thirdParty).map((h) => h.evidence)).toEqual(['Hennes chaufför']);
    expect(findThirdParty('Våra tjejer', own.thirdParty)).toEqual([]);
    expect(own.availability.entries).toEqual([]);
  });
});

describe('loadIndicatorPhrases', () => {
  const dir = mkdtempSync(path.join(tmpdir(), 'kartla-indicator-phrases-'));
  const cwd = process.cwd();
  afterEach(() => process.chdir(cwd));

  const dirWith = (name: string, files: Partial<Record<IndicatorListName, string>>): string => {
    const d = path.join(dir, name);
    mkdirSync(d, { recursive: true });
    for (const n of Object.keys(INDICATOR_PHRASE_FILES) as IndicatorListName[]) {
      writeFileSync(path.join(d, INDICATOR_PHRASE_FILES[n].file), files[n] ?? 'own:\n  - something\n');
    }
    return d;
  };

  it('finds the default directory from the package, not the working directory', () => {
    process.chdir(tmpdir());
    expect(defaultIndicatorPhrasesDir()).toBe(path.join(cwd, 'config', 'phrases'));
    expect(loadIndicatorPhrases().thirdParty.entries.length).toBeGreaterThan(10);
  });

  it('caches the default lists and reads a given directory each time', () => {
    expect(loadIndicatorPhrases()).toBe(loadIndicatorPhrases());
    const d = dirWith('own', { availability: 'mine:\n  - hela natten\n' });
    const own = loadIndicatorPhrases(d);
    expect(own.availability.entries.map((e) => e.phrase)).toEqual(['hela natten']);
    expect(own.availability.source).toBe(path.join(d, 'availability.yaml'));
    expect(loadIndicatorPhrases(d)).not.toBe(own);
  });

  const refused = (name: IndicatorListName, text: string): string => {
    try {
      parseIndicatorPhraseList(name, text, 'list.yaml');
    } catch (error) {
      expect(error).toBeInstanceOf(ConfigError);
      return (error as Error).message;
    }
    throw new Error('accepted');
  };

  it('names the file, line and entry of a bad phrase', () => {
    expect(refused('thirdParty', 'sv:\n  - våra tjejer\n  - ""\n')).toBe('list.yaml, line 3: entry 2 of "sv" is empty; remove it or write a phrase');
    expect(refused('availability', 'sv:\n  - 24\n')).toMatch(/^list\.yaml, line 2: entry 1 of "sv" must be a phrase .* got 24$/);
    expect(refused('reviewDistress', 'en:\n  - seemed scared\n  -\n')).toMatch(/^list\.yaml, line 3: entry 2 of "en" must be a phrase .* got nothing$/);
  });

  it('refuses duplicates that differ only in case, diacritics or separators', () => {
    expect(refused('thirdParty', 'sv:\n  - våra tjejer\nen:\n  - Vara-Tjejer\n')).toBe(
      'list.yaml, line 4: entry 1 of "en" ("Vara-Tjejer") matches the same text as "våra tjejer"; keep one of them',
    );
  });

  it('refuses bad YAML and lists of the wrong shape, naming the list', () => {
    expect(refused('availability', 'sv: [\n')).toMatch(/^list\.yaml, line \d+: not valid YAML/);
    expect(refused('availability', 'sv:\n  - "dygnet runt\n')).toMatch(/^list\.yaml, line \d+: not valid YAML/);
    expect(refused('availability', '')).toBe('list.yaml: the availability list is empty; it needs groups of phrases');
    expect(refused('reviewDistress', 'sv: []\n')).toBe('list.yaml: the review-distress list has no phrases');
    expect(refused('thirdParty', '- våra tjejer\n')).toMatch(/^list\.yaml, line 1: must be a mapping/);
    expect(refused('thirdParty', 'sv: våra tjejer\n')).toMatch(/group "sv" must be a list of phrases/);
  });

  it('names the file of a bad list when loading a directory', () => {
    const d = dirWith('bad', { reviewDistress: 'sv:\n  - verkade rädd\n  - ""\n' });
    expect(() => loadIndicatorPhrases(d)).toThrow(ConfigError);
    expect(() => loadIndicatorPhrases(d)).toThrow(`${path.join(d, 'review-distress.yaml')}, line 3: entry 2 of "sv" is empty`);
  });

  it('names a missing file', () => {
    const d = path.join(dir, 'half');
    mkdirSync(d, { recursive: true });
    writeFileSync(path.join(d, 'third-party.yaml'), readFileSync(path.join(cwd, 'config', 'phrases', 'third-party.yaml')));
    expect(() => loadIndicatorPhrases(d)).toThrow(
      `${path.join(d, 'availability.yaml')}: cannot read the availability phrase list (no such file)`,
    );
  });
});
