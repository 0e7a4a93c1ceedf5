// The probe's findings as a person reads them on a terminal, in Swedish or English.

import type { ProbeFindings } from './findings.ts';

export type Lang = 'sv' | 'en';

const WORDS = {
  sv: {
    title: 'Provkörning av',
    pages: 'Sidor lästa',
    listings: 'listsidor',
    profiles: 'annonssidor',
    linksSeen: 'annonslänkar sedda',
    moreListings: 'fler listsidor sedda',
    fields: 'Fält (hittade / annonser, exempel)',
    problems: 'Att titta på',
    none: 'Inget som ser fel ut.',
    errors: 'Fel under provet',
    via: 'hittat som',
  },
  en: {
    title: 'Probe of',
    pages: 'Pages read',
    listings: 'listing pages',
    profiles: 'ad pages',
    linksSeen: 'ad links seen',
    moreListings: 'further listing pages seen',
    fields: 'Fields (found / ads, examples)',
    problems: 'Worth a look',
    none: 'Nothing looks wrong.',
    errors: 'Errors during the sample',
    via: 'found as',
  },
} as const;

export function formatFindings(f: ProbeFindings, lang: Lang = 'en'): string {
  const w = WORDS[lang];
  const out: string[] = [];
  out.push(`${w.title} ${f.startUrl}`, '');
  out.push(`${w.pages}: ${f.listingPages} ${w.listings}, ${f.profilePages} ${w.profiles} (${f.profileLinksSeen} ${w.linksSeen}, ${f.listingLinksSeen} ${w.moreListings})`, '');
  out.push(w.fields);
  const width = Math.max(...f.fields.map((x) => x.field.length));
  for (const field of f.fields) {
    const share = field.of === 0 ? '-' : `${field.filled}/${field.of}`;
    out.push(`  ${field.field.padEnd(width)}  ${share.padStart(7)}  ${field.sources.length ? `(${w.via} ${field.sources.join('; ')})` : ''}`.trimEnd());
    for (const example of field.examples) out.push(`  ${''.padEnd(width)}           ${example}`);
  }
  out.push('', w.problems);
  if (f.problems.length === 0) out.push(`  ${w.none}`);
  for (const p of f.problems) out.push(`  ${p.level === 'warn' ? '!' : '·'} ${p.message}`);
  if (f.errors.length > 0) {
    out.push('', w.errors);
    for (const e of f.errors) out.push(`  ${e.kind} ×${e.count}: ${e.example}`);
  }
  return `${out.join('\n')}\n`;
}
