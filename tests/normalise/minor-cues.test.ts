import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import {
  compileMinorCues,
  defaultMinorCuesFile,
  findMinorCues,
  foldWithOffsets,
  loadMinorCues,
  MAX_EVIDENCE_CHARS,
  parseMinorCues,
} from '../../src/normalise/minor-cues.ts';
import { ConfigError } from '../../src/errors.ts';
import { foldText } from '../../src/normalise/text.ts';

const list = loadMinorCues();
const phrasesIn = (text: string): string[] => findMinorCues(text, list).map((m) => m.phrase);

// Every phrase of config/phrases/minor-cues.yaml with at least one ad-like text that must set it
// off. A phrase added to the list without an example here fails the test below.
const EXAMPLES: Record<string, string[]> = {
  'skol flicka': ['Söt skolflicka 19 år', 'Skolflicka-rollspel', 'skol flicka', 'SKOLFLICKA'],
  'skol flickan': ['Skolflickan Lisa'],
  'skol flickor': ['Två skolflickor'],
  'skol tjej': ['skoltjej i Malmö', 'Skol-tjej'],
  'skol tjejer': ['Skoltjejer'],
  'skol pojke': ['Skolpojke söker'],
  'skol pojkar': ['Skolpojkar'],
  'skol kille': ['skolkille 18'],
  'skol killar': ['Skolkillar'],
  'tonåring': ['Tonåring söker äldre', 'TONARING', 'tonaring i stan'],
  'tonåringen': ['Tonåringen Emma'],
  'tonåringar': ['Tonåringar är välkomna att ringa'],
  'tonårig': ['Tonårig tjej'],
  'tonårs tjej': ['Tonårstjej', 'tonårs tjej'],
  'tonårs tjejer': ['tonårstjejer'],
  'tonårs flicka': ['Tonårsflicka'],
  'tonårs flickor': ['tonårsflickor'],
  'tonårs kille': ['Tonårskille'],
  'gymnasie tjej': ['Gymnasietjej vill tjäna extra'],
  'gymnasie tjejer': ['Gymnasietjejer'],
  'gymnasie flicka': ['gymnasieflicka'],
  'gymnasie kille': ['Gymnasiekille'],
  'gymnasie elev': ['Gymnasieelev', 'gymnasie-elev'],
  'går på gymnasiet': ['Jag går på gymnasiet och behöver pengar', 'gar pa gymnasiet'],
  'går i gymnasiet': ['går i gymnasiet'],
  'högstadie tjej': ['Högstadietjej'],
  'högstadie elev': ['hogstadieelev'],
  'går på högstadiet': ['Går på högstadiet'],
  'går i nian': ['Går i nian'],
  'går i åttan': ['går i åttan'],
  'minderårig': ['Minderårig?', 'minderarig'],
  'minderåriga': ['Vi är minderåriga'],
  'omyndig': ['Omyndig men mogen'],
  'inte myndig': ['Jag är inte myndig än'],
  'inte fyllt 18': ['Har inte fyllt 18 än'],
  'ej fyllt 18': ['Har ej fyllt 18'],
  'inte 18 än': ['inte 18 än'],
  'nymfett': ['Liten nymfett'],
  'school girl': ['Sexy schoolgirl', '#school_girl', 'School-Girl outfit'],
  'school girls': ['Schoolgirls'],
  'school boy': ['schoolboy'],
  'school boys': ['Schoolboys'],
  'high school girl': ['High school girl', 'highschool girl'],
  'high schooler': ['High schooler'],
  'in high school': ['Still in high school'],
  'teen': ['Petite teen', '#teen #18', 'Young teen, new in Stockholm', 'TEEN'],
  'teens': ['Teens'],
  'teenie': ['Sweet teenie for you'],
  'teenies': ['Teenies'],
  'teenager': ['Teenager from Riga'],
  'teenagers': ['teenagers'],
  'teenage girl': ['Teenage girl'],
  'teenage boy': ['teenage boy'],
  'pre teen': ['preteen', 'pre-teen'],
  'tween': ['tween'],
  'barely legal': ['Barely legal blonde', 'BARELY-LEGAL', '#barelylegal'],
  'almost legal': ['Almost legal'],
  'underage': ['Underage'],
  'underaged': ['underaged'],
  'not 18 yet': ['not 18 yet but mature'],
  'not yet 18': ['Not yet 18'],
  'jail bait': ['jailbait', 'Jail bait'],
  'nymphet': ['Nymphet'],
  'lolita': ['Lolita', 'lolita style'],
  'loli': ['Loli'],
};

// Texts that must not set off any phrase: near misses, disclaimers and young-sounding adult words.
const NOT_CUES = [
  '18 år', 'Barely 30 and loving it', 'Teenage dreams come true', 'Skolad massös',
  'Utbildad och skolad inom massage', 'Efter min omskolning', 'Före detta skolsköterska', 'Bor på Skolgatan',
  'Ung tjej', 'ung', 'Tjej', 'Sweet girl', 'Young at heart', 'Eighteen and ready', 'Nineteen', 'Canteen',
  'Teeny bikini', 'Min high school sweetheart', 'Tidigare lärare på gymnasiet', 'Tonårsmamma', 'Fresh 19',
  'Petite 20 år', "Daddy's little girl", 'Ung och oerfaren', 'Young and inexperienced', 'Nyss fyllda 18',
  'Just turned 18', 'Lollipop', 'Inga minderåriga!', 'Minderåriga äga ej tillträde', 'No teens, only mature',
  'Ej för minderåriga. Alla är över 18.', 'Underage not allowed', 'Jag är inte tonåring längre',
  'Förbjudet för minderåriga', 'Minderåriga är inte välkomna', 'I am not a teen', 'Steen', 'Kristeen',
  'Myndig sedan länge', 'Gymnasiegatan 4', 'Nian', 'Nymfomanisk', 'Lolly', 'Carolina',
];

describe('the maintained list', () => {
  it('has an example for every phrase, and every example sets off its phrase', () => {
    const listed = list.cues.map((c) => c.phrase);
    expect(listed.filter((p) => !(p in EXAMPLES)), 'phrases without an example in EXAMPLES').toEqual([]);
    expect(Object.keys(EXAMPLES).filter((p) => !listed.includes(p)), 'examples for phrases no longer listed').toEqual([]);
    for (const [phrase, texts] of Object.entries(EXAMPLES)) {
      for (const text of texts) expect(phrasesIn(text), text).toContain(phrase);
    }
  });

  it('sets off nothing in the false-positive texts', () => {
    for (const text of NOT_CUES) expect(findMinorCues(text, list), text).toEqual([]);
  });

  it('has Swedish and English phrases', () => {
    expect(new Set(list.cues.map((c) => c.group))).toEqual(new Set(['svenska', 'english', 'both']));
  });
});

describe('findMinorCues', () => {
  it('matches whole words, ignoring case and diacritics', () => {
    expect(phrasesIn('TONÅRING')).toEqual(['tonåring']);
    expect(phrasesIn('tonaring')).toEqual(['tonåring']);
    expect(phrasesIn('eighteen')).toEqual([]);
    expect(phrasesIn('teens')).toEqual(['teens']);
  });

  it('returns the text as the ad wrote it, at most 40 characters', () => {
    expect(findMinorCues('Söt SKOL-flicka, 19', list)).toEqual([{ phrase: 'skol flicka', evidence: 'SKOL-flicka' }]);
    const long = compileMinorCues(['a b c d e f g h i j k l m n o p q r s t u v w x y z']);
    const [m] = findMinorCues('a b c d e f g h i j k l m n o p q r s t u v w x y z', long);
    expect(m!.evidence.length).toBeLessThanOrEqual(MAX_EVIDENCE_CHARS);
  });

  it('reads several texts and skips empty ones', () => {
    expect(findMinorCues(['Ny här', null, undefined, '', 'barely legal'], list)).toEqual([
      { phrase: 'barely legal', evidence: 'barely legal' },
    ]);
    expect(findMinorCues(null, list)).toEqual([]);
  });

  it('skips negated phrases and bans in the same clause only', () => {
    expect(phrasesIn('No teens')).toEqual([]);
    expect(phrasesIn("I'm not shy, teen 19")).toEqual(['teen']);
    // Two words of negation window: "ingen vanlig skolflicka" (no ordinary schoolgirl) is missed.
    expect(phrasesIn('Ingen vanlig skolflicka')).toEqual([]);
  });

  it('is pure: uses only the list it is given', () => {
    const own = compileMinorCues(['kandisflicka']);
    expect(findMinorCues('Kandisflicka 19', own)).toEqual([{ phrase: 'kandisflicka', evidence: 'Kandisflicka' }]);
    expect(findMinorCues('Skolflicka', own)).toEqual([]);
  });
});

describe('foldWithOffsets', () => {
  it('folds like foldText', () => {
    for (const s of ['  Hej   DÄR  ', 'Ｔｅｓｔ ２４', 'Café', 'a\u200Bb', 'Øresund', '34½ år', 'e\u0301'])
      expect(foldWithOffsets(s).text, s).toBe(foldText(s));
  });

  it('maps folded characters back to the input', () => {
    const f = foldWithOffsets('  SÖT   Skolflicka');
    const at = f.text.indexOf('skolflicka');
    expect(f.source.slice(f.start[at]!, f.end[at + 'skolflicka'.length - 1]!)).toBe('Skolflicka');
  });
});

describe('loadMinorCues', () => {
  const dir = mkdtempSync(path.join(tmpdir(), 'kartla-cues-'));
  const write = (name: string, text: string): string => {
    const file = path.join(dir, name);
    writeFileSync(file, text);
    return file;
  };
  const cwd = process.cwd();
  afterEach(() => process.chdir(cwd));

  it('finds the default file from the package, not the working directory', () => {
    process.chdir(tmpdir());
    expect(defaultMinorCuesFile()).toBe(path.join(cwd, 'config', 'phrases', 'minor-cues.yaml'));
    expect(loadMinorCues().cues.length).toBeGreaterThan(30);
  });

  it('caches the default list', () => {
    expect(loadMinorCues()).toBe(loadMinorCues());
  });

  it('reads a given file each time', () => {
    const file = write('own.yaml', 'mine:\n  - kandisflicka\n');
    expect(loadMinorCues(file).cues.map((c) => c.phrase)).toEqual(['kandisflicka']);
    expect(loadMinorCues(file)).not.toBe(loadMinorCues(file));
  });

  const refused = (text: string): string => {
    try {
      parseMinorCues(text, 'cues.yaml');
    } catch (error) {
      expect(error).toBeInstanceOf(ConfigError);
      return (error as Error).message;
    }
    throw new Error('accepted');
  };

  it('names the file, line and entry of a bad phrase', () => {
    expect(refused('sv:\n  - tonåring\n  - ""\n')).toBe('cues.yaml, line 3: entry 2 of "sv" is empty; remove it or write a phrase');
    expect(refused('sv:\n  - tonåring\n  -\n')).toMatch(/^cues\.yaml, line 3: entry 2 of "sv" must be a phrase .* got nothing$/);
    expect(refused('sv:\n  - 17\n')).toMatch(/^cues\.yaml, line 2: entry 1 of "sv" must be a phrase .* got 17$/);
    expect(refused('sv:\n  - [a, b]\n')).toMatch(/entry 1 of "sv" must be a phrase .* got \["a","b"\]$/);
    expect(refused('sv:\n  - " - "\n')).toMatch(/entry 1 of "sv" is empty/);
  });

  it('refuses duplicates that differ only in separators', () => {
    expect(refused('en:\n  - school girl\n  - School-Girl\n')).toBe(
      'cues.yaml, line 3: entry 2 of "en" ("School-Girl") matches the same text as "school girl"; keep one of them',
    );
  });

  it('refuses lists of the wrong shape', () => {
    expect(refused('')).toMatch(/cues\.yaml: the minor-cue list is empty/);
    expect(refused('- teen\n')).toMatch(/cues\.yaml, line 1: must be a mapping/);
    expect(refused('sv: tonåring\n')).toMatch(/group "sv" must be a list of phrases/);
    expect(refused('sv:\n')).toMatch(/group "sv" must be a list of phrases/);
    expect(refused('sv: [\n')).toMatch(/^cues\.yaml, line \d+: not valid YAML/);
    expect(refused('sv: []\n')).toMatch(/has no phrases/);
  });

  it('names a missing file', () => {
    expect(() => loadMinorCues(path.join(dir, 'nope.yaml'))).toThrow(/nope\.yaml: cannot read the minor-cue phrase list \(no such file\)/);
  });
});
