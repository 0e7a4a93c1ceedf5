import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import {
  findPhoneSpans,
  findPhonesInText,
  maskPhone,
  maskPhonesInText,
  normalisePhones,
  phoneCountry,
} from '../../src/normalise/phone.ts';

const e164s = (text: string): string[] => findPhonesInText(text).map((p) => p.e164);

describe('findPhonesInText', () => {
  it('reads Swedish mobiles in common formats', () => {
    for (const t of ['070-174 06 05', '0701740605', '+46 70 174 06 05', '0046 70 174 06 05', '46701740605', '+46 (0)70-174 06 05']) {
      expect(e164s(t), t).toEqual(['+46701740605']);
    }
  });

  it('gives country and type', () => {
    expect(findPhonesInText('070-174 06 05')).toEqual([{ e164: '+46701740605', country: 'SE', type: 'mobile' }]);
    expect(findPhonesInText('08-465 004 00')).toEqual([{ e164: '+46846500400', country: 'SE', type: 'fixed_line' }]);
    expect(findPhonesInText('+48 512 345 678')).toEqual([{ e164: '+48512345678', country: 'PL', type: 'mobile' }]);
  });

  it('maps FIXED_LINE_OR_MOBILE outside Sweden to unknown', () => {
    expect(findPhonesInText('+1 202 555 0123')[0]?.type).toBe('unknown');
  });

  it('reads tel:, sms: and WhatsApp links', () => {
    expect(e164s('tel:+46701740606')).toEqual(['+46701740606']);
    expect(e164s('sms:0701740607?body=hej')).toEqual(['+46701740607']);
    expect(e164s('https://wa.me/46701740608')).toEqual(['+46701740608']);
    expect(e164s('https://api.whatsapp.com/send?phone=4917612345678')).toEqual(['+4917612345678']);
  });

  it('undoes simple obfuscation', () => {
    expect(e164s('0 7 0 1 7 4 0 6 0 9')).toEqual(['+46701740609']);
    expect(e164s('O7O-l74 O6 1O')).toEqual(['+46701740610']);
    expect(e164s('07\u200B01\u200B74\u200B06\u200B11')).toEqual(['+46701740611']);
    expect(e164s('０７０１７４０６１２')).toEqual(['+46701740612']);
  });

  it('leaves letters in words alone', () => {
    expect(e164s('Olle och Ingrid, 0701740613')).toEqual(['+46701740613']);
  });

  it('separates several numbers in one run', () => {
    expect(e164s('070-174 06 14 / 070-174 06 15')).toEqual(['+46701740614', '+46701740615']);
  });

  it('lists each number once', () => {
    expect(e164s('0701740616, ring 070-174 06 16')).toEqual(['+46701740616']);
  });

  it('takes no prices, times, dates, ages, postcodes or ids', () => {
    for (const t of ['1 500 kr', '2000:-', '1500kr/h', '10-22', 'kl 10.00-22.00', '2025-11-23', '01.12.2025', '1998', '26 år', '123 45', 'ID 4711']) {
      expect(e164s(t), t).toEqual([]);
    }
  });

  it('rejects numbers libphonenumber marks invalid, such as the UK drama range', () => {
    expect(e164s('+44 7700 900123')).toEqual([]);
  });
});

describe('maskPhonesInText', () => {
  it('replaces numbers and keeps the rest', () => {
    expect(maskPhonesInText('Ring 070-174 06 05 efter 18, 1500 kr')).toBe('Ring [phone] efter 18, 1500 kr');
  });

  it('masks obfuscated numbers by their original span', () => {
    expect(maskPhonesInText('Nr: O7O l74 O6 O5!')).toBe('Nr: [phone]!');
    expect(maskPhonesInText('wa.me/46701740605 ok')).toBe('wa.me/[phone] ok');
  });
});

describe('normalisePhones', () => {
  it('dedupes by E.164, keeps the first source, keeps order', () => {
    const out = normalisePhones([
      { text: 'Ring 070-174 06 20', source: 'text' },
      { text: 'tel:+46701740621', source: 'tel-link' },
      { text: 'tel:+46701740620', source: 'tel-link' },
      { text: '46701740621', source: 'whatsapp-link' },
    ]);
    expect(out).toEqual([
      { e164: '+46701740620', country: 'SE', type: 'mobile', source: 'text' },
      { e164: '+46701740621', country: 'SE', type: 'mobile', source: 'tel-link' },
    ]);
  });

  it('reads bare digits from messenger links as international', () => {
    expect(normalisePhones([{ text: '4917612345678', source: 'whatsapp-link' }])[0]?.e164).toBe('+4917612345678');
  });

  it('is empty for no candidates or no numbers', () => {
    expect(normalisePhones([])).toEqual([]);
    expect(normalisePhones([{ text: 'Pris 1500 kr', source: 'text' }])).toEqual([]);
  });
});

describe('maskPhone and phoneCountry', () => {
  it('shows calling code, two first and two last national digits', () => {
    expect(maskPhone('+46701740605')).toBe('+46 70 … 05');
    expect(maskPhone('+4917612345678')).toBe('+49 17 … 78');
  });

  it('never shows the whole number', () => {
    for (const n of ['+46701740605', '+3725123456', '+46846500400', '+123', '+999123456789']) {
      const shown = maskPhone(n).replace(/\D/g, '').length;
      const total = n.replace(/\D/g, '').length;
      expect(shown, n).toBeLessThan(total);
      if (total >= 8) expect(total - shown, n).toBeGreaterThanOrEqual(4);
    }
    expect(maskPhone('garbage')).toBe('…');
  });

  it('gives the country of a number', () => {
    expect(phoneCountry('+46701740605')).toBe('SE');
    expect(phoneCountry('not a number')).toBeNull();
  });
});

describe('obfuscation: Swedish digit words', () => {
  it('reads plain, upper-case, hyphenated and comma-separated words', () => {
    expect(e164s('noll sju noll ett sju fyra noll sex noll fem')).toEqual(['+46701740605']);
    expect(e164s('NOLL SJU NOLL ETT SJU FYRA NOLL SEX NOLL SEX')).toEqual(['+46701740606']);
    expect(e164s('noll-sju-noll, ett-sju-fyra, noll-sex, noll-sju')).toEqual(['+46701740607']);
  });

  it('reads the noun forms and spellings without å', () => {
    expect(e164s('nolla sjua nolla etta sjua fyra nolla sexa nolla åtta')).toEqual(['+46701740608']);
    expect(e164s('noll sju noll ett sju fyra noll sex atta atta')).toEqual(['+46701740688']);
    expect(e164s('noll sju noll ett sju fyra noll sex tva tva')).toEqual(['+46701740622']);
  });

  it('reads tens and hundreds written as one word, and words glued together', () => {
    expect(e164s('noll sjuttio ett sjuttiofyra noll sex nittionio')).toEqual(['+46701740699']);
    expect(e164s('noll åtta fyrahundrasextiofem noll noll fyra tjugotre')).toEqual(['+46846500423']);
    expect(e164s('nollsjunoll ettsjufyra nollsex nollnio')).toEqual(['+46701740609']);
  });

  it('reads "sjuttio fyra" apart as 70 and 4, as numbers are read out in pairs', () => {
    expect(e164s('noll sjuttio ett sjuttio fyra noll sex')).toEqual([]);
    expect(e164s('noll sjuttio, ett sju fyra, noll sex, ett ett')).toEqual(['+46701740611']);
  });

  it('keeps "en", "ett" and "sex" words when they stand next to a number', () => {
    expect(e164s('Sex 0701740612 en timme')).toEqual(['+46701740612']);
    expect(maskPhonesInText('Sex 0701740612 en timme')).toBe('Sex [phone] en timme');
    expect(e164s('en två tre fyra fem sex sju åtta')).toEqual([]);
  });
});

describe('obfuscation: English digit words', () => {
  it('reads zero/oh and one to nine', () => {
    expect(e164s('zero seven zero one seven four zero six one three')).toEqual(['+46701740613']);
    expect(e164s('oh seven oh, one seven four, oh six, one four')).toEqual(['+46701740614']);
    expect(e164s('Zero-Seven-Zero One-Seven-Four Zero-Six One-Five')).toEqual(['+46701740615']);
  });

  it('reads "double", tens and "plus"', () => {
    expect(e164s('zero seven zero one seven four zero six double six')).toEqual(['+46701740666']);
    expect(e164s('zero seven zero one seven four zero six seventy-seven')).toEqual(['+46701740677']);
    expect(e164s('plus four six seven zero one seven four zero six one six')).toEqual(['+46701740616']);
  });

  it('leaves ordinary counting alone', () => {
    expect(e164s('one hour 2000, two hours 3500, three hours 5000')).toEqual([]);
    expect(e164s('one two three four five six seven eight nine ten')).toEqual([]);
  });
});

describe('obfuscation: digits and words mixed', () => {
  it('reads words between digit groups', () => {
    expect(e164s('07 noll 17 fyra 06 05')).toEqual(['+46701740605']);
    expect(e164s('070 ett sju fyra 06 17')).toEqual(['+46701740617']);
    expect(e164s('0 seven 0 one seven four 0 six 1 eight')).toEqual(['+46701740618']);
    expect(e164s('call me: 0seven0 1seven4 0six19')).toEqual(['+46701740619']);
  });

  it('reads spoken separators between groups', () => {
    expect(e164s('070 punkt 174 punkt 06 punkt 20')).toEqual(['+46701740620']);
    expect(e164s('070 dot 174 dot 06 dot 21')).toEqual(['+46701740621']);
    expect(e164s('070 streck 174 06 22')).toEqual(['+46701740622']);
    expect(e164s('070 [dot] 174 [dot] 06 [dot] 23')).toEqual(['+46701740623']);
  });
});

describe('obfuscation: letters for digits', () => {
  it('reads O and o for 0, l and I for 1 inside a number', () => {
    expect(e164s('O7O-l74 O6 24')).toEqual(['+46701740624']);
    expect(e164s('o7o.174.o6.25')).toEqual(['+46701740625']);
    expect(e164s('O7OI74O626')).toEqual(['+46701740626']);
    expect(e164s('0 7 O 1 7 4 O 6 2 7')).toEqual(['+46701740627']);
  });

  it('reads Cyrillic and Greek look-alikes', () => {
    expect(e164s('О7О 174 О6 28')).toEqual(['+46701740628']);
    expect(e164s('Ο7Ο Ι74 Ο6 29')).toEqual(['+46701740629']);
  });

  it('reads a pipe for 1 only where it cannot be a separator', () => {
    expect(e164s('070 |74 06 30')).toEqual(['+46701740630']);
    expect(e164s('070|174|06|31')).toEqual(['+46701740631']);
  });

  it('reads S for 5 only next to a digit', () => {
    expect(e164s('070-174 06 3S')).toEqual(['+46701740635']);
    expect(e164s('SOS 112')).toEqual([]);
  });

  it('leaves words made of look-alike letters alone', () => {
    expect(maskPhonesInText('Oslo 070 174 06 32')).toBe('Oslo [phone]');
    expect(maskPhonesInText('I Olle och Ingrids hus: 0701740633')).toBe('I Olle och Ingrids hus: [phone]');
    expect(e164s('Oslo 5 dagar, sen Stockholm 3 dagar')).toEqual([]);
  });
});

describe('obfuscation: other digit forms', () => {
  it('reads full-width, mathematical, circled, superscript and dingbat digits', () => {
    expect(e164s('０７０－１７４ ０６ ３４')).toEqual(['+46701740634']);
    expect(e164s('＋４６ ７０ １７４ ０６ ３６')).toEqual(['+46701740636']);
    expect(e164s('𝟬𝟳𝟬 𝟭𝟳𝟰 𝟬𝟲 𝟯𝟳')).toEqual(['+46701740637']);
    expect(e164s('⓪⑦⓪①⑦④⓪⑥③⑧')).toEqual(['+46701740638']);
    expect(e164s('⁰⁷⁰¹⁷⁴⁰⁶³⁹')).toEqual(['+46701740639']);
    expect(e164s('⓿❼⓿❶❼❹⓿❻❹⓿')).toEqual(['+46701740640']);
  });

  it('reads digits of other scripts', () => {
    expect(e164s('٠٧٠١٧٤٠٦٤١')).toEqual(['+46701740641']);
    expect(e164s('۰۷۰۱۷۴۰۶۴۲')).toEqual(['+46701740642']);
    expect(e164s('०७०१७४०६४३')).toEqual(['+46701740643']);
    expect(e164s('๐๗๐ ๑๗๔ ๐๖ ๔๔')).toEqual(['+46701740644']);
  });

  it('reads keycap emoji, with and without the variation selector, and masks them whole', () => {
    expect(e164s('0️⃣7️⃣0️⃣1️⃣7️⃣4️⃣0️⃣6️⃣4️⃣5️⃣')).toEqual(['+46701740645']);
    expect(e164s('0⃣7⃣0⃣1⃣7⃣4⃣0⃣6⃣4⃣6⃣')).toEqual(['+46701740646']);
    expect(maskPhonesInText('Ring 0️⃣7️⃣0️⃣1️⃣7️⃣4️⃣0️⃣6️⃣4️⃣7️⃣!')).toBe('Ring [phone]!');
  });

  it('reads digits under combining marks', () => {
    expect(e164s('0̶7̶0̶ 1̶7̶4̶ 0̶6̶ 4̶8̶')).toEqual(['+46701740648']);
  });
});

describe('obfuscation: invisible characters', () => {
  it('drops zero-width characters, joiners, soft hyphens and bidi controls', () => {
    for (const [text, e164] of [
      ['070\u200b174\u200b06\u200b49', '+46701740649'],
      ['0\u200c7\u200c0\u200c1\u200c7\u200c4\u200c0\u200c6\u200c5\u200c0', '+46701740650'],
      ['07\u200d01\u200d74\u200d06\u200d51', '+46701740651'],
      ['0701\u2060740\u2060652', '+46701740652'],
      ['070\u00ad174\u00ad06\u00ad53', '+46701740653'],
      ['\u202d070 174 06 54\u202c', '+46701740654'],
      ['\u2066070 174 06 55\u2069', '+46701740655'],
      ['\ufeff070-174 06 56', '+46701740656'],
      ['070\u3164174\u316406\u316457', '+46701740657'],
    ] as const) {
      expect(e164s(text), JSON.stringify(text)).toEqual([e164]);
    }
  });

  it('masks by the original span, invisible characters included', () => {
    expect(maskPhonesInText('Ring 070\u200b174\u200b06\u200b58 nu')).toBe('Ring [phone] nu');
  });
});

describe('obfuscation: separators and prefixes', () => {
  it('reads separators anywhere, spaced out or doubled', () => {
    expect(e164s('070 - 174 . 06 / 59')).toEqual(['+46701740659']);
    expect(e164s('0 7 0 -- 1 7 4 -- 0 6 -- 6 0')).toEqual(['+46701740660']);
    expect(e164s('0~7~0~1~7~4~0~6~6~1')).toEqual(['+46701740661']);
    expect(e164s('070•174•06•62')).toEqual(['+46701740662']);
    expect(e164s("070'174'06'63")).toEqual(['+46701740663']);
    expect(e164s('0  7  0  1  7  4  0  6  6  4')).toEqual(['+46701740664']);
  });

  it('reads emoji put between groups as separators', () => {
    expect(e164s('070❤️174❤️06❤️65')).toEqual(['+46701740665']);
    expect(e164s('Ring 0701 💋 74 06 66')).toEqual(['+46701740666']);
  });

  it('reads the trunk zero in brackets and every country prefix', () => {
    for (const t of ['(0)70 174 06 67', '+46 (0) 70 174 06 67', '+46(0)70-174 06 67', '0046 (0)70 174 06 67', '+ 46 70 174 06 67', '(+46) 70 174 06 67', '+(46) 70 174 06 67']) {
      expect(e164s(t), t).toEqual(['+46701740667']);
    }
  });

  it('reads 46 without plus at the start of a number, not inside one', () => {
    for (const t of ['ring 46701740668', 'sms 46 70 174 06 68', 'whatsapp: 46701740668', 'wa 46-70-1740668', 'telegram 46701740668', '46701740668']) {
      expect(e164s(t), t).toEqual(['+46701740668']);
    }
    expect(e164s('Ring 08-465 004 04 23-05')).toEqual(['+46846500404']);
  });

  it('reads a foreign code without plus only after a phone word', () => {
    expect(e164s('WhatsApp: 48512345679')).toEqual(['+48512345679']);
    expect(e164s('Följare 48512345679')).toEqual([]);
  });

  it('stops at a remark in brackets', () => {
    expect(maskPhonesInText('070-174 06 69 (ej dolt nr)')).toBe('[phone] (ej dolt nr)');
  });
});

describe('neighbouring numbers', () => {
  it('separates two numbers written next to each other', () => {
    expect(e164s('070 174 06 70 070 174 06 71')).toEqual(['+46701740670', '+46701740671']);
    expect(e164s('0701740672 0846500400')).toEqual(['+46701740672', '+46846500400']);
    expect(e164s('070 174 06 73. 08 465 004 01')).toEqual(['+46701740673', '+46846500401']);
    expect(e164s('0 7 0 1 7 4 0 6 7 4 eller 0 7 0 1 7 4 0 6 7 5')).toEqual(['+46701740674', '+46701740675']);
  });

  it('prefers the number at the end of a run to stray digits before it', () => {
    expect(e164s('08-17 070 174 06 76')).toEqual(['+46701740676']);
    expect(e164s('Öppet 08-17 070 174 06 76')).toEqual(['+46701740676']);
  });

  it('takes a number next to a price but never the price', () => {
    expect(e164s('Ring 070 174 06 77 1 500 kr/h')).toEqual(['+46701740677']);
    expect(e164s('1500kr 0701740678')).toEqual(['+46701740678']);
    expect(e164s('Pris 2000 0701740679, 3000 natt')).toEqual(['+46701740679']);
    expect(maskPhonesInText('1 500 kr + 0701740680')).toBe('1 500 kr + [phone]');
  });
});

describe('foreign numbers', () => {
  it('reads international numbers of many countries with their country and type', () => {
    expect(findPhonesInText('+66 81 234 5679')).toEqual([{ e164: '+66812345679', country: 'TH', type: 'mobile' }]);
    expect(findPhonesInText('+40 744 123 456')).toEqual([{ e164: '+40744123456', country: 'RO', type: 'mobile' }]);
    expect(findPhonesInText('+38 067 123 45 67')).toEqual([{ e164: '+380671234567', country: 'UA', type: 'mobile' }]);
    expect(findPhonesInText('00234 803 123 4568')).toEqual([{ e164: '+2348031234568', country: 'NG', type: 'mobile' }]);
    expect(findPhonesInText('+57 321 123 4568')).toEqual([{ e164: '+573211234568', country: 'CO', type: 'mobile' }]);
  });

  it('reads a national-format number in the country a cue names', () => {
    expect(e164s('Polskt nummer 512 345 678')).toEqual(['+48512345678']);
    expect(e164s('Thai number 089 765 4322')).toEqual(['+66897654322']);
    expect(e164s('Rumänskt nr 0744 123 457')).toEqual(['+40744123457']);
    expect(e164s('🇵🇱 600 123 456')).toEqual(['+48600123456']);
  });

  it('does not read a nationality as the country of a Swedish number', () => {
    expect(e164s('Thai tjej, ring 070 174 06 81')).toEqual(['+46701740681']);
    expect(e164s('Polsk tjej 0701740682')).toEqual(['+46701740682']);
  });

  it('gives voip and unknown types', () => {
    expect(findPhonesInText('+44 56 1234 5678')[0]?.type).toBe('voip');
    expect(findPhonesInText('+1 809 234 5679')[0]?.type).toBe('unknown');
  });
});

describe('findPhoneSpans', () => {
  it('gives each number with its span and the words it depends on', () => {
    const text = 'Hej! WhatsApp: 48512345679 eller O7O-l74 O6 83.';
    const spans = findPhoneSpans(text);
    expect(spans.map((s) => [s.e164, text.slice(s.start, s.end), text.slice(s.contextStart, s.end)])).toEqual([
      ['+48512345679', '48512345679', 'WhatsApp: 48512345679'],
      ['+46701740683', 'O7O-l74 O6 83', 'O7O-l74 O6 83'],
    ]);
  });

  it('never takes a placeholder number', () => {
    expect(e164s('Ange nummer, t.ex. 070-000 00 00')).toEqual([]);
  });
});

describe('performance guard', () => {
  // Correctness, not timing: these must return at all (no catastrophic backtracking, no
  // quadratic loops), and find what a sane reading finds.
  it('handles 100 KB of digits and separators', () => {
    let seed = 7;
    let text = '';
    while (text.length < 100_000) {
      seed = (seed * 1103515245 + 12345) % 2 ** 31;
      text += '0123456789 -./()'[seed % 16];
    }
    expect(Array.isArray(findPhonesInText(text))).toBe(true);
    expect(findPhonesInText('0 '.repeat(50_000))).toEqual([]);
    expect(findPhonesInText(`${'070-'.repeat(25_000)}`)).toEqual([]);
  });

  it('handles 100 KB of digit words, look-alikes, emoji and glued words', () => {
    for (const unit of ['noll sju ', 'O7O l ', 'en ', '070 noll O6 ❤️ 0⃣ ', 'nollsjunoll', '1 500 kr 10-22 ']) {
      const text = unit.repeat(Math.ceil(100_000 / unit.length));
      expect(Array.isArray(findPhonesInText(text)), unit).toBe(true);
    }
  });

  it('finds a number after 100 KB of noise', () => {
    expect(e164s(`${'1 500 kr 10-22 '.repeat(7_000)}Ring 070-174 06 84`)).toEqual(['+46701740684']);
  });
});

// ---------------------------------------------------------------------------------------------
// The labelled corpus: strings written by hand as ad writers write them, one JSON object a line:
// {"text", "expected": [E.164…], "kind": "plain" | "obfuscated" | "foreign" | "decoy", "note"?}.

type Kind = 'plain' | 'obfuscated' | 'foreign' | 'decoy';
const KINDS: Kind[] = ['plain', 'obfuscated', 'foreign', 'decoy'];

interface PhoneCase {
  text: string;
  expected: string[];
  kind: Kind;
  note?: string;
}

const corpus: PhoneCase[] = readFileSync(new URL('./corpus/phones.jsonl', import.meta.url), 'utf8')
  .split('\n')
  .filter((l) => l.trim() !== '')
  .map((l) => JSON.parse(l) as PhoneCase);

// PTS (Sweden) reserves these for fiction: 070-174 06 05…99, 08-465 004 00…99, 031-390 06 00…99,
// 040-628 04 00…99.
const FICTION = /^\+46(?:7017406(?:0[5-9]|[1-9]\d)|8465004\d\d|313900[6]\d\d|406280[4]\d\d)$/;

describe('phone corpus', () => {
  it('is well-formed, labelled consistently, and big and varied enough', () => {
    const counts = Object.fromEntries(KINDS.map((k) => [k, corpus.filter((c) => c.kind === k).length]));
    for (const c of corpus) {
      expect(KINDS, c.text).toContain(c.kind);
      for (const e of c.expected) expect(e, c.text).toMatch(/^\+[1-9]\d{6,14}$/);
      if (c.kind === 'decoy') expect(c.expected, c.text).toEqual([]);
      if (c.kind === 'foreign') expect(c.expected.some((e) => !e.startsWith('+46')), c.text).toBe(true);
      if (c.kind === 'plain' || c.kind === 'obfuscated') {
        expect(c.expected.length, c.text).toBeGreaterThan(0);
        expect(c.expected.every((e) => e.startsWith('+46')), c.text).toBe(true);
      }
    }
    expect(new Set(corpus.map((c) => c.text)).size).toBe(corpus.length);
    expect(corpus.length).toBeGreaterThanOrEqual(400);
    expect(counts.obfuscated).toBeGreaterThanOrEqual(150);
    expect(counts.foreign).toBeGreaterThanOrEqual(60);
    expect(counts.decoy).toBeGreaterThanOrEqual(80);
  });

  it('holds no Swedish number outside the ranges reserved for fiction', () => {
    const swedish = corpus.flatMap((c) => c.expected).filter((e) => e.startsWith('+46'));
    expect(swedish.filter((e) => !FICTION.test(e))).toEqual([]);
  });

  it('meets precision ≥ 0.99 and recall ≥ 0.97, with no number taken from a decoy', () => {
    const tally = Object.fromEntries(KINDS.map((k) => [k, { tp: 0, fp: 0, fn: 0 }]));
    const wrong: string[] = [];
    for (const c of corpus) {
      const got = e164s(c.text);
      const expected = new Set(c.expected);
      const t = tally[c.kind]!;
      const hits = got.filter((g) => expected.has(g)).length;
      t.tp += hits;
      t.fp += got.length - hits;
      t.fn += expected.size - hits;
      if (hits !== got.length || hits !== expected.size) {
        wrong.push(`${c.kind}: ${JSON.stringify(c.text)} → ${JSON.stringify(got)} (expected ${JSON.stringify(c.expected)})`);
      }
    }
    const all = Object.values(tally).reduce((a, t) => ({ tp: a.tp + t.tp, fp: a.fp + t.fp, fn: a.fn + t.fn }), { tp: 0, fp: 0, fn: 0 });
    const ratio = (n: number, d: number): string => (d === 0 ? '  -  ' : (n / d).toFixed(3));
    const row = (name: string, lines: number, t: { tp: number; fp: number; fn: number }): string =>
      `${name.padEnd(11)} ${String(lines).padStart(5)} ${String(t.tp + t.fn).padStart(9)} ${String(t.tp).padStart(4)} ${String(t.fp).padStart(4)} ${String(t.fn).padStart(4)}  ${ratio(t.tp, t.tp + t.fp)}     ${ratio(t.tp, t.tp + t.fn)}`;
    console.log(
      [
        'kind        lines  expected   tp   fp   fn  precision recall',
        ...KINDS.map((k) => row(k, corpus.filter((c) => c.kind === k).length, tally[k]!)),
        row('overall', corpus.length, all),
        ...wrong,
      ].join('\n'),
    );
    expect(tally.decoy!.fp).toBe(0);
    expect(all.tp / (all.tp + all.fp)).toBeGreaterThanOrEqual(0.99);
    expect(all.tp / (all.tp + all.fn)).toBeGreaterThanOrEqual(0.97);
  });
});
