// Telephone numbers of the demo web. Only numbers that regulators hold back for fiction, so no
// demo page can ever point at a real subscriber, however the data is copied around:
//
//   070-174 06 05 … 070-174 06 99   PTS (Sweden): mobile numbers for books, films and TV
//   08-465 004 00 … 08-465 004 99   PTS: Stockholm fixed-line numbers for fiction
//   031-390 06 00 … 031-390 06 99   PTS: Göteborg fixed-line numbers for fiction
//   040-628 04 00 … 040-628 04 99   PTS: Malmö fixed-line numbers for fiction
//   +44 20 7946 0000 … 0999         Ofcom (UK): London numbers for drama
//
// PTS will never assign these ranges to a subscriber (that is what "reserved for fiction"
// means), and Ofcom likewise keeps its drama ranges out of service. The PTS mobile range has
// only 95 numbers, fewer than the demo's independent advertisers, so fixed-line and foreign
// numbers make up the rest. Ofcom's drama *mobile* range (07700 900xxx) is not used: phone
// libraries (libphonenumber) reject it as invalid, and the demo must contain only numbers a
// correct normaliser keeps. 08-465 004 97…99 are the demo sites' own customer-service lines.

import type { Rng } from './random.ts';

export type DemoPhoneKind = 'se-mobile' | 'se-fixed' | 'foreign';

export interface DemoPhone {
  /** E.164, e.g. +46701740612. */
  e164: string;
  kind: DemoPhoneKind;
}

export type FixedRegion = 'stockholm' | 'goteborg' | 'malmo';

/** Customer-service lines of the three demo sites (in the page chrome, never a profile's). */
export const SITE_SERVICE_NUMBERS = ['+46846500499', '+46846500498', '+46846500497'] as const;

function range(prefix: string, from: number, to: number, width: number): string[] {
  const out: string[] = [];
  for (let n = from; n <= to; n++) out.push(prefix + String(n).padStart(width, '0'));
  return out;
}

/** Every fictional number the demo may hand out, each at most once. */
export class PhonePool {
  private readonly mobile: string[];
  private readonly fixed: Record<FixedRegion, string[]>;
  private readonly foreign: string[];

  constructor(rng: Rng) {
    this.mobile = rng.shuffle(range('+467017406', 5, 99, 2));
    this.fixed = {
      stockholm: rng.shuffle(range('+468465004', 0, 96, 2)),
      goteborg: rng.shuffle(range('+46313900', 600, 699, 3)),
      malmo: rng.shuffle(range('+46406280', 400, 499, 3)),
    };
    this.foreign = rng.shuffle(range('+4420794', 60000, 60999, 5));
  }

  private takeFrom(list: string[], kind: DemoPhoneKind): DemoPhone | null {
    const e164 = list.shift();
    return e164 ? { e164, kind } : null;
  }

  private takeFixed(region: FixedRegion): DemoPhone | null {
    const order: FixedRegion[] = [region, 'stockholm', 'goteborg', 'malmo'];
    for (const r of order) {
      const p = this.takeFrom(this.fixed[r], 'se-fixed');
      if (p) return p;
    }
    return null;
  }

  /** A number of the wanted kind, falling back to another kind when that range is used up. */
  take(kind: DemoPhoneKind, region: FixedRegion): DemoPhone {
    const tries: (() => DemoPhone | null)[] =
      kind === 'se-mobile'
        ? [() => this.takeFrom(this.mobile, 'se-mobile'), () => this.takeFixed(region), () => this.takeFrom(this.foreign, 'foreign')]
        : kind === 'se-fixed'
          ? [() => this.takeFixed(region), () => this.takeFrom(this.mobile, 'se-mobile'), () => this.takeFrom(this.foreign, 'foreign')]
          : [() => this.takeFrom(this.foreign, 'foreign'), () => this.takeFrom(this.mobile, 'se-mobile'), () => this.takeFixed(region)];
    for (const t of tries) {
      const p = t();
      if (p) return p;
    }
    throw new Error('the demo has used up every fictional telephone number');
  }
}

/** National significant number: E.164 without + and country code. */
export function nationalSignificant(e164: string): string {
  if (e164.startsWith('+46')) return e164.slice(3);
  if (e164.startsWith('+44')) return e164.slice(3);
  return e164.replace(/^\+\d{1,3}/, '');
}

/** Swedish area code length of a national significant number: 8 → 1 digit, 31/40/70 → 2. */
function swedishAreaLength(nsn: string): number {
  return nsn.startsWith('8') ? 1 : 2;
}

/** The many ways ads write one number. `style` picks one; the same style gives the same form. */
export function formatPhone(e164: string, style: number): string {
  const nsn = nationalSignificant(e164);
  if (e164.startsWith('+44')) {
    // London 20 7946 0xxx
    const forms = [
      `+44 ${nsn.slice(0, 2)} ${nsn.slice(2, 6)} ${nsn.slice(6)}`,
      `0044 ${nsn.slice(0, 2)} ${nsn.slice(2, 6)} ${nsn.slice(6)}`,
      `+44${nsn}`,
      `+44 (0)${nsn.slice(0, 2)} ${nsn.slice(2, 6)} ${nsn.slice(6)}`,
    ];
    return forms[style % forms.length]!;
  }
  const a = swedishAreaLength(nsn);
  const area = nsn.slice(0, a);
  const sub = nsn.slice(a);
  // Subscriber part in the usual Swedish groups: 174 06 12, 390 06 42, 465 004 12.
  const grouped =
    sub.length === 7 ? `${sub.slice(0, 3)} ${sub.slice(3, 5)} ${sub.slice(5)}` : `${sub.slice(0, 3)} ${sub.slice(3, 6)} ${sub.slice(6)}`;
  const forms = [
    `0${area}-${grouped}`, // 070-174 06 12
    `+46 ${area} ${grouped}`, // +46 70 174 06 12
    `0046${nsn}`, // 0046701740612
    `0${area} ${grouped}`, // 070 174 06 12
    `0${nsn}`, // 0701740612
    `0${area}.${grouped.replace(/ /g, '.')}`, // 070.174.06.12
    `+46${nsn}`, // +46701740612
  ];
  return forms[style % forms.length]!;
}

/** The form a site's own template prints: 070-174 06 12 at home, +44 20 7946 0123 abroad. */
export function standardForm(e164: string): string {
  return formatPhone(e164, 0);
}
