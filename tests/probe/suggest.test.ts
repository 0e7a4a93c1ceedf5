// The suggestion is checked on hand-written pages: the generic adapter's reading is given (as the
// probe would record it), and the suggested declarative adapter must read the same from the pages.

import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { declarativeAdapterSchema, toSiteAdapter } from '../../src/config/adapter-schema.ts';
import { extractListing, readProfilePage } from '../../src/extract/index.ts';
import { probeFindings } from '../../src/probe/findings.ts';
import { formatFindings } from '../../src/probe/format.ts';
import { probeSite, type ProbeSample, type SampledProfile } from '../../src/probe/sample.ts';
import { adapterYaml, suggestAdapter } from '../../src/probe/suggest.ts';
import type { FieldSource, RawProfile } from '../../src/model/profile.ts';

const BASE = 'https://annonser.example';
// Fictional numbers (PTS reserves 070-1740605..699 for fiction); the footer's is the site's own.
const SITE_PHONE = '08-46500400';
const people = [
  { id: 12, slug: 'nora', age: 24, city: 'Malmö', phone: '070-174 06 12', gender: 'Kvinna' },
  { id: 31, slug: 'lia', age: 29, city: 'Göteborg', phone: '070-174 06 31', gender: 'Kvinna' },
  { id: 47, slug: 'alex', age: 33, city: 'Uppsala', phone: '070-174 06 47', gender: 'Man' },
  { id: 58, slug: 'kim', age: 41, city: 'Luleå', phone: '070-174 06 58', gender: 'Trans' },
];
const url = (p: (typeof people)[number]) => `${BASE}/ad/${p.slug}-${p.id}`;

function listingPage(page: number): string {
  const cards = people
    .slice(page * 2, page * 2 + 2)
    .map((p) => `<article class="card"><a class="card-link" href="/ad/${p.slug}-${p.id}"><h3>${p.slug}</h3></a><span class="city">${p.city}</span></article>`)
    .join('');
  const next = page === 0 ? '<a class="pager-next" rel="next" href="/ads?page=2">Nästa</a>' : '';
  return `<html><body><nav><a href="/">Hem</a><a href="/om">Om oss</a></nav><main><div class="grid">${cards}</div>${next}</main><footer>Kundtjänst ${SITE_PHONE}</footer></body></html>`;
}

function profilePage(p: (typeof people)[number]): string {
  return `<html><head><title>${p.slug}</title></head><body><nav><a href="/ads">Alla annonser</a></nav>
<main><article class="ad"><h1 class="ad-title">${p.slug} – ny i stan</h1>
<dl class="facts"><dt>Ålder</dt><dd>${p.age}</dd><dt>Kön</dt><dd>${p.gender}</dd><dt>Ort</dt><dd>${p.city}</dd></dl>
<div class="ad-text">Välkommen! Ring ${p.phone} mellan 10-22.</div></article>
<section class="reviews"><h2>Omdömen</h2><p>Träffade henne i Kiruna, 19 år sedan.</p></section></main>
<footer>Kundtjänst ${SITE_PHONE}</footer></body></html>`;
}

const label = (detail: string): FieldSource => ({ via: 'label', detail, confidence: 0.9 });

function sample(): ProbeSample {
  const profiles: SampledProfile[] = people.map((p) => {
    const raw: RawProfile = {
      url: url(p),
      externalId: String(p.id),
      fields: { title: `${p.slug} – ny i stan`, age: String(p.age), gender: p.gender, location: p.city, description: `Välkommen! Ring ${p.phone} mellan 10-22.` },
      phones: [{ text: p.phone, source: 'text' }],
      fieldSources: { age: label('Ålder'), gender: label('Kön'), location: label('Ort'), description: { via: 'selector', detail: 'div.ad-text', confidence: 0.7 } },
    };
    return { url: url(p), body: profilePage(p), raw, pagePhones: raw.phones, reveals: [], photo: null };
  });
  return {
    site: probeSite(`${BASE}/ads`, false),
    listings: [0, 1].map((page) => ({
      url: page === 0 ? `${BASE}/ads` : `${BASE}/ads?page=2`,
      body: listingPage(page),
      contentType: 'text/html',
      profileUrls: people.slice(page * 2, page * 2 + 2).map(url),
      listingUrls: page === 0 ? [`${BASE}/ads?page=2`] : [],
    })),
    profiles,
    notProfiles: 0,
    errors: [],
    crawl: undefined as never,
  };
}

describe('suggestAdapter', () => {
  const s = sample();
  const suggestion = suggestAdapter(s, new Date('2026-11-01'));
  const adapter = toSiteAdapter(declarativeAdapterSchema.parse(parse(adapterYaml(suggestion, s))), 'probe');

  it('writes a valid YAML adapter that reads the sampled listings as the generic adapter did', () => {
    const first = extractListing(adapter, listingPage(0), `${BASE}/ads`);
    expect(first.profileUrls.sort()).toEqual(people.slice(0, 2).map(url).sort());
    expect(first.listingUrls).toEqual([`${BASE}/ads?page=2`]);
    expect(suggestion.check.profileLinks).toEqual({ found: 4, of: 4 });
  });

  it('reads each field from where the generic adapter found it, and the ad id from the URL', () => {
    for (const p of people) {
      const { raw } = readProfilePage(adapter, profilePage(p), url(p));
      expect(raw.fields.age).toBe(String(p.age));
      expect(raw.fields.gender).toBe(p.gender);
      expect(raw.fields.location).toBe(p.city);
      expect(raw.externalId).toBe(String(p.id));
    }
    expect(suggestion.adapter.profile.fields.age).toMatchObject({ label: 'Ålder' });
  });

  it("keeps the site's own number and the reviews out of the phone scope", () => {
    const scope = suggestion.adapter.profile.phones?.scope;
    expect(scope).toBeDefined();
    const { raw } = readProfilePage(adapter, profilePage(people[0]!), url(people[0]!));
    expect(raw.phones.map((x) => x.text).join(' ')).not.toContain('465004');
    expect(suggestion.check.phones).toEqual({ agree: 4, of: 4 });
  });

  it('says in the file how well it reproduced the sample', () => {
    const text = adapterYaml(suggestion, s);
    expect(text).toMatch(/ad links 4\/4, phones 4\/4/);
    expect(text).toMatch(/age 4\/4/);
  });
});

describe('probeFindings', () => {
  it('masks numbers and flags a number found on most ads as the site\'s own', () => {
    const s = sample();
    for (const p of s.profiles) p.raw.phones.push({ text: SITE_PHONE, source: 'text' });
    const findings = probeFindings(s, new Date('2026-11-01'));
    const text = formatFindings(findings);
    expect(text).not.toMatch(/\d{3}[\s-]?\d{2}[\s-]?\d{2}/);
    expect(findings.problems.some((p) => p.level === 'warn' && /on 4 of 4 profiles: probably the site's own/.test(p.message))).toBe(true);
    expect(findings.fields.find((f) => f.field === 'age')).toMatchObject({ filled: 4, of: 4 });
    expect(findings.fields.find((f) => f.field === 'age')!.sources[0]).toBe('label Ålder ×4');
  });

  it('says what to do when no ad was found', () => {
    const s = { ...sample(), profiles: [] };
    const findings = probeFindings(s);
    expect(findings.problems[0]!.message).toMatch(/no profile page was found: .*start from a listing page/);
    expect(formatFindings(findings, 'sv')).toMatch(/Att titta på/);
  });

  it('flags a field found on few ads', () => {
    const s = sample();
    for (const p of s.profiles.slice(1)) p.raw.fields.age = null;
    expect(probeFindings(s).problems.map((p) => p.message)).toContain('age found on only 1 of 4 profiles');
  });
});
