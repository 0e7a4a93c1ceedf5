// What a probe sample says about a site, for a person deciding whether Kartla reads it right:
// how many pages of each kind, how often each field was found and what it became, and what looks
// wrong. Pure: a sample in, findings out. Phone numbers never leave here in clear.

import type { FieldSource, NormalisedProfile } from '../model/profile.ts';
import { normaliseProfile } from '../normalise/profile.ts';
import { maskPhone, maskPhonesInText } from '../normalise/phone.ts';
import type { ProbeSample } from './sample.ts';

export const PROBED_FIELDS = ['age', 'gender', 'location', 'phones', 'description', 'title', 'externalId'] as const;
export type ProbedField = (typeof PROBED_FIELDS)[number];

export interface FieldFinding {
  field: ProbedField;
  /** Profiles where the field was found (and, for age, gender, location, phones, understood). */
  filled: number;
  of: number;
  /** Up to three examples as "what the page said → what Kartla made of it", numbers masked. */
  examples: string[];
  /** How the generic adapter found it, most frequent first, e.g. "label Ålder ×12". */
  sources: string[];
}

export interface Problem {
  /** warn: the mapping would be wrong or incomplete; info: worth a look. */
  level: 'warn' | 'info';
  message: string;
}

export interface ProbeFindings {
  startUrl: string;
  listingPages: number;
  profilePages: number;
  /** Profile links the listings named, read or not (the sample stops at its page budget). */
  profileLinksSeen: number;
  listingLinksSeen: number;
  fields: FieldFinding[];
  problems: Problem[];
  errors: { kind: string; count: number; example: string }[];
}

const MAX_EXAMPLE = 60;

function short(text: string): string {
  const one = maskPhonesInText(text.replace(/\s+/g, ' ').trim());
  return one.length > MAX_EXAMPLE ? `${one.slice(0, MAX_EXAMPLE - 1)}…` : one;
}

function sourceLabel(s: FieldSource): string {
  return `${s.via} ${s.detail}`.trim();
}

function counted(values: readonly string[]): string[] {
  const counts = new Map<string, number>();
  for (const v of values) counts.set(v, (counts.get(v) ?? 0) + 1);
  return [...counts].sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1)).map(([v, n]) => `${v} ×${n}`);
}

function understood(field: ProbedField, n: NormalisedProfile, raw: string | null): { ok: boolean; shown: string } {
  switch (field) {
    case 'age':
      return { ok: n.age !== null, shown: n.age === null ? 'not understood' : String(n.age) };
    case 'gender':
      return { ok: n.gender !== 'unknown', shown: n.gender };
    case 'location':
      return {
        ok: n.location.kommunCode !== null,
        shown: n.location.kommunCode === null ? 'no municipality' : `${n.location.locality ?? '?'} (kommun ${n.location.kommunCode}, ${n.location.policeRegion ?? '?'})`,
      };
    case 'phones':
      return { ok: n.phones.length > 0, shown: n.phones.map((p) => maskPhone(p.e164)).join(', ') || 'no valid number' };
    default:
      return { ok: raw !== null && raw.trim() !== '', shown: '' };
  }
}

export function probeFindings(sample: ProbeSample, now = new Date()): ProbeFindings {
  const profiles = sample.profiles;
  const normalised = profiles.map((p) => normaliseProfile(sample.site.id, p.raw, now));
  const fields: FieldFinding[] = PROBED_FIELDS.map((field) => {
    let filled = 0;
    const examples: string[] = [];
    const sources: string[] = [];
    profiles.forEach((p, i) => {
      const raw =
        field === 'externalId' ? p.raw.externalId : field === 'phones' ? p.raw.phones.map((c) => c.text).join(' ') || null : (p.raw.fields[field] ?? null);
      const { ok, shown } = understood(field, normalised[i]!, raw);
      if (ok) filled += 1;
      const source = p.raw.fieldSources?.[field];
      if (source) sources.push(sourceLabel(source));
      if (raw !== null && raw.trim() !== '' && examples.length < 3) examples.push(shown ? `${short(raw)} → ${shown}` : short(raw));
    });
    return { field, filled, of: profiles.length, examples, sources: counted(sources).slice(0, 3) };
  });

  const errorsByKind = new Map<string, { count: number; example: string }>();
  for (const e of sample.errors) {
    const seen = errorsByKind.get(e.kind);
    if (seen) seen.count += 1;
    else errorsByKind.set(e.kind, { count: 1, example: short(e.reason) });
  }

  return {
    startUrl: sample.site.startUrls[0]!,
    listingPages: sample.listings.length,
    profilePages: profiles.length,
    profileLinksSeen: new Set(sample.listings.flatMap((l) => l.profileUrls)).size,
    listingLinksSeen: new Set(sample.listings.flatMap((l) => l.listingUrls)).size,
    fields,
    problems: problemsOf(sample, normalised, fields),
    errors: [...errorsByKind].map(([kind, v]) => ({ kind, ...v })),
  };
}

/** Shares under which a field is reported as mostly missing. */
const MOSTLY_MISSING = 0.5;
/** A number on this share of the sampled profiles (and on at least 3) is the site's own, not an advertiser's. */
const SITE_NUMBER_SHARE = 0.6;

function problemsOf(sample: ProbeSample, normalised: readonly NormalisedProfile[], fields: readonly FieldFinding[]): Problem[] {
  const problems: Problem[] = [];
  const n = normalised.length;
  if (sample.listings.length === 0) {
    problems.push({ level: 'warn', message: 'the start page could not be read as a listing: see the errors below, or start from a page that lists ads' });
  }
  if (n === 0) {
    problems.push({
      level: 'warn',
      message:
        sample.listings.length > 0
          ? 'no profile page was found: the start page links to nothing that looks like an ad; start from a listing page, or the site may need a browser (render: browser)'
          : 'no profile page was read',
    });
    return problems;
  }
  if (sample.listings.length > 0 && sample.listings.every((l) => l.listingUrls.length === 0)) {
    problems.push({ level: 'info', message: 'no next page or other listing was found: if the site has more ads than the start page shows, its pagination needs a selector (listing.nextPage)' });
  }
  for (const f of fields) {
    if (f.field === 'description' || f.field === 'title') continue;
    if (f.filled / n < MOSTLY_MISSING) {
      const what = f.field === 'externalId' ? 'no site id (profiles will be known by URL)' : `${f.field} found on only ${f.filled} of ${n} profiles`;
      problems.push({ level: f.field === 'externalId' ? 'info' : 'warn', message: what });
    } else if (f.filled < n && f.field !== 'externalId') {
      // Many ads leave a fact out; a few misses are normal, but worth opening one of those ads.
      problems.push({ level: 'info', message: `${f.field} found on ${f.filled} of ${n} profiles: open an ad without it to see whether the page states it elsewhere` });
    }
  }
  const unresolved = normalised.filter((p) => p.location.unresolved).length;
  if (unresolved > 0) problems.push({ level: 'info', message: `location text named no known place on ${unresolved} of ${n} profiles (kept raw, counted unresolved)` });

  const phoneCounts = new Map<string, number>();
  for (const p of normalised) for (const e164 of new Set(p.phones.map((x) => x.e164))) phoneCounts.set(e164, (phoneCounts.get(e164) ?? 0) + 1);
  for (const [e164, count] of phoneCounts) {
    if (count >= 3 && count / n >= SITE_NUMBER_SHARE) {
      problems.push({
        level: 'warn',
        message: `one number (${maskPhone(e164)}) is on ${count} of ${n} profiles: probably the site's own (footer, switchboard); narrow profile.phones.scope or list it in clustering.ignorePhones`,
      });
    }
  }
  for (const field of ['age', 'gender'] as const) {
    const values = new Set(normalised.map((p) => (field === 'age' ? p.age : p.gender)).filter((v) => v !== null && v !== 'unknown'));
    if (n >= 5 && values.size === 1 && fields.find((f) => f.field === field)!.filled === n) {
      problems.push({ level: 'info', message: `every sampled profile has the same ${field} (${[...values][0]}): check that it is the ad's and not a site-wide text` });
    }
  }
  const minors = normalised.filter((p) => p.minorCue).length;
  if (minors > 0) problems.push({ level: 'info', message: `${minors} profile(s) carry a minor cue: a prompt for a person, see docs/indicators.md` });
  if (sample.notProfiles > 0) problems.push({ level: 'info', message: `${sample.notProfiles} link(s) that looked like ads led to listings` });
  return problems;
}
