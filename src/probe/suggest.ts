// A declarative (YAML) adapter suggested from a probe sample: the structure the generic adapter
// found, written down as selectors, labels and patterns a person can read, correct and keep. Each
// part is chosen by how well it reproduces on the sampled pages what the generic adapter read, and
// the whole suggestion is checked by running the declarative engine over the same pages.

import type { CheerioAPI } from 'cheerio';
import type { Element } from 'domhandler';
import { stringify } from 'yaml';
import type { FieldSpec, JsonListingSpec, UrlAttribute } from '../../crawlers/types.ts';
import { declarativeAdapterSchema, toSiteAdapter, type DeclarativeAdapter } from '../config/adapter-schema.ts';
import { loadHtml, pageIndex, selectAll, tagName } from '../extract/dom.ts';
import { extractListing } from '../extract/listing.ts';
import { readProfilePage } from '../extract/profile.ts';
import { harvestPhones } from '../extract/phones.ts';
import { canonicalUrl } from '../extract/url.ts';
import type { FieldSource } from '../model/profile.ts';
import { analyseAge } from '../normalise/age.ts';
import { normaliseGender } from '../normalise/gender.ts';
import { normaliseLocation } from '../normalise/location.ts';
import { normalisePhones } from '../normalise/phone.ts';
import { fieldSpecOf, readGenericProfile, type FieldEvidence, type ProfileEvidence } from '../extract/generic/index.ts';
import type { ProbeSample, SampledListing, SampledProfile } from './sample.ts';
import { candidateSelectors, coveringSelectors, type PageTargets } from './selectors.ts';
import { idPatternOf, urlPatternOf } from './url-pattern.ts';

export const SUGGESTED_FIELDS = ['title', 'age', 'gender', 'location', 'description'] as const;
type SuggestedField = (typeof SUGGESTED_FIELDS)[number];

export interface SuggestionCheck {
  /** Ad links the suggestion finds on the sampled listing pages, of those the generic adapter found. */
  profileLinks: { found: number; of: number };
  /** Per field: sampled ads where the suggestion reads what the generic adapter read. */
  fields: Record<string, { agree: number; of: number }>;
  /** Sampled ads whose phone set (on the page, before reveals) the suggestion reads alike. */
  phones: { agree: number; of: number };
}

export interface Suggestion {
  adapter: DeclarativeAdapter;
  check: SuggestionCheck;
  /** What the suggestion could not work out, for the person reviewing it. */
  notes: string[];
}

interface Parsed<T> {
  item: T;
  $: CheerioAPI;
}

interface ParsedProfile extends Parsed<SampledProfile> {
  /** How the generic adapter read this page, in a declarative adapter's terms. */
  evidence: ProfileEvidence | null;
}

const isJsonListing = (l: SampledListing) => /json/i.test(l.contentType) || /^\s*[[{]/.test(l.body);

function canon(url: string, base?: string): string | null {
  return canonicalUrl(url, base);
}

// ---------------------------------------------------------------- listing structure

function anchorsTo($: CheerioAPI, pageUrl: string, targets: ReadonlySet<string>): Set<Element> {
  const found = new Set<Element>();
  for (const el of pageIndex($).order) {
    const href = el.attribs?.href;
    if (href === undefined || (tagName(el) !== 'a' && tagName(el) !== 'link' && tagName(el) !== 'area')) continue;
    const url = canon(href, pageUrl);
    if (url !== null && targets.has(url)) found.add(el);
  }
  return found;
}

function profileLinkSelector(listings: Parsed<SampledListing>[], profiles: ReadonlySet<string>, notes: string[]): string {
  const pages: PageTargets[] = listings.map(({ item, $ }) => ({
    $,
    wanted: anchorsTo($, item.url, profiles),
    // A profile selector that also matches a link to anything else would make it an ad.
    forbidden: (el) => {
      const href = el.attribs?.href;
      const url = href === undefined ? null : canon(href, item.url);
      return url === null || !profiles.has(url);
    },
  }));
  // The link's first path segment (`a[href*="/annons/"]`) when ads share one.
  const hrefPrefix = (el: Element): string[] => {
    const href = el.attribs?.href ?? '';
    const first = /^(?:https?:\/\/[^/]+)?(\/[^/?#]+[/?])/.exec(href)?.[1];
    return first ? [`a[href*=${JSON.stringify(first)}]`] : [];
  };
  const chosen = coveringSelectors(pages, 2, hrefPrefix);
  if (chosen.length === 0) {
    notes.push('no CSS selector picks out the ad links alone; profileUrlPattern finds them');
    return 'a[data-kartla-none]';
  }
  return chosen.map((s) => s.selector).join(', ');
}

/** Selectors for the links to further listing pages, split into "next page" and other listings. */
function paginationSelectors(listings: Parsed<SampledListing>[], profiles: ReadonlySet<string>, listingSet: ReadonlySet<string>): { nextPage?: string; listingLinks?: string } {
  const pages: PageTargets[] = listings.map(({ item, $ }) => ({
    $,
    wanted: anchorsTo($, item.url, new Set(item.listingUrls.filter((u) => !isJsonUrl(u, listingSet)))),
    forbidden: (el) => {
      const href = el.attribs?.href;
      const url = href === undefined ? null : canon(href, item.url);
      return url !== null && profiles.has(url);
    },
  }));
  if (pages.every((p) => p.wanted.size === 0)) return {};
  const chosen = coveringSelectors(pages, 4).map((s) => s.selector);
  const isNext = (s: string) => /rel~="next"|next|nasta|nästa|:contains/i.test(s);
  const next = chosen.filter(isNext);
  const other = chosen.filter((s) => !isNext(s));
  return {
    ...(next.length ? { nextPage: next.join(', ') } : {}),
    ...(other.length ? { listingLinks: other.join(', ') } : {}),
  };
}

function isJsonUrl(url: string, jsonUrls: ReadonlySet<string>): boolean {
  return jsonUrls.has(url);
}

/** JSON leaves with their path in the JsonPath syntax of crawlers/types.ts (`items[].url`). */
function jsonLeaves(value: unknown, path = '', out: { path: string; value: string }[] = [], depth = 0): { path: string; value: string }[] {
  if (depth > 12 || out.length > 5_000) return out;
  if (typeof value === 'string' || typeof value === 'number') out.push({ path, value: String(value) });
  else if (Array.isArray(value)) for (const v of value.slice(0, 200)) jsonLeaves(v, `${path}[]`, out, depth + 1);
  else if (value !== null && typeof value === 'object') {
    for (const [k, v] of Object.entries(value)) jsonLeaves(v, path === '' ? k : `${path}.${k}`, out, depth + 1);
  }
  return out;
}

const escapeRe = (s: string) => s.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&');

function jsonListingSpec(listings: Parsed<SampledListing>[], jsonPages: SampledListing[], profiles: ReadonlySet<string>, notes: string[]): JsonListingSpec | undefined {
  if (jsonPages.length === 0) return undefined;
  const first = new URL(jsonPages[0]!.url);
  const urlPattern = `${escapeRe(first.pathname)}${first.search ? '\\?' : '$'}`;
  // The attribute of an HTML element that names the first JSON page.
  let start: UrlAttribute | undefined;
  const jsonSet = new Set(jsonPages.map((p) => p.url));
  for (const { item, $ } of listings) {
    for (const el of pageIndex($).order) {
      for (const [attribute, value] of Object.entries(el.attribs ?? {})) {
        if (attribute === 'href' || !value) continue;
        const url = canon(value, item.url);
        if (url === null || !jsonSet.has(url)) continue;
        const selector = candidateSelectors(el)[0] ?? `[${attribute}]`;
        start = { selector, attribute };
      }
      if (start) break;
    }
    if (start) break;
  }
  // Where the ad URLs sit: the path whose values are most often known ad URLs.
  const hits = new Map<string, number>();
  let next: JsonListingSpec['next'];
  for (const page of jsonPages) {
    let data: unknown;
    try {
      data = JSON.parse(page.body);
    } catch {
      continue;
    }
    const leaves = jsonLeaves(data);
    for (const leaf of leaves) {
      const url = canon(leaf.value, page.url);
      if (url !== null && profiles.has(url)) hits.set(leaf.path, (hits.get(leaf.path) ?? 0) + 1);
    }
    const following = page.listingUrls.filter((u) => jsonSet.has(u) || !profiles.has(u))[0];
    if (!next && following) {
      const direct = leaves.find((l) => canon(l.value, page.url) === following);
      if (direct) next = { path: direct.path };
      else {
        const params = new URL(following).searchParams;
        for (const leaf of leaves) {
          const param = [...params.entries()].find(([k, v]) => v === leaf.value && new URL(page.url).searchParams.get(k) !== v);
          if (param && !leaf.path.includes('[]')) {
            next = { path: leaf.path, queryParam: param[0] };
            break;
          }
        }
      }
    }
  }
  const profileUrls = [...hits].sort((a, b) => b[1] - a[1])[0]?.[0];
  if (!profileUrls) {
    notes.push('the JSON listing pages name no ad URL the probe recognised; listing.json needs a profileUrls path');
    return undefined;
  }
  if (!start) notes.push('could not tell which element names the first JSON listing page; add listing.json.start');
  if (!next) notes.push('could not tell how the JSON listing names its next page; add listing.json.next');
  return { urlPattern, ...(start ? { start } : {}), profileUrls, ...(next ? { next } : {}) };
}

// ---------------------------------------------------------------- profile fields

/** The deepest element whose whole text is the value: where a field without a known source sits. */
function elementWithText($: CheerioAPI, value: string): Element | null {
  const want = value.replace(/\s+/g, ' ').trim();
  if (want === '') return null;
  let best: Element | null = null;
  for (const el of pageIndex($).order) {
    if (['script', 'style', 'head', 'title', 'meta'].includes(tagName(el))) continue;
    const text = $(el).text().replace(/\s+/g, ' ').trim();
    if (text === want) best = el;
  }
  return best;
}

/** The label written just before a value (`<dt>Ålder</dt><dd>…`, `<th>Stad</th><td>…`, `<b>Ort:</b> …`). */
function labelBefore(el: Element): string | null {
  let prev = el.prev;
  while (prev && prev.type === 'text' && (prev as unknown as { data: string }).data.trim() === '') prev = prev.prev;
  if (!prev || prev.type !== 'tag') return null;
  const text = (prev as Element).children
    .map((c) => (c.type === 'text' ? (c as unknown as { data: string }).data : ''))
    .join('')
    .replace(/\s+/g, ' ')
    .trim()
    .replace(/:$/, '')
    .trim();
  return text.length > 0 && text.length <= 30 && !/\d/.test(text) ? text : null;
}

/** A selector for this element that matches it first on its page. */
function selectorOf($: CheerioAPI, el: Element): string | null {
  for (const s of candidateSelectors(el)) {
    if (s.includes(':contains')) continue;
    if (selectAll($, s)[0] === el) return s;
  }
  return null;
}

function specFromSource(source: FieldSource, field: string, profile: ParsedProfile): FieldSpec | null {
  switch (source.via) {
    case 'label':
      return { label: source.detail };
    case 'microdata': {
      const selector = `[itemprop=${JSON.stringify(source.detail)}]`;
      const el = selectAll(profile.$, selector)[0];
      return el && (tagName(el) === 'meta' || el.attribs?.content !== undefined) ? { selector, attr: 'content' } : { selector };
    }
    case 'meta':
      return { selector: `meta[property=${JSON.stringify(source.detail)}], meta[name=${JSON.stringify(source.detail)}]`, attr: 'content' };
    case 'json-ld': {
      const key = source.detail.split('.').pop()!.replace(/\[\]$/, '');
      return { selector: 'script[type="application/ld+json"]', all: true, pattern: `"${escapeRe(key)}"\\s*:\\s*"?([^",}\\]]+)` };
    }
    case 'selector':
      return { selector: source.detail };
    case 'url':
      return { fromUrl: true, pattern: source.detail };
    case 'text': {
      // Found in free text: the element holding that text, read whole; the normaliser finds the value.
      const value = profile.item.raw.fields.description ?? profile.item.raw.fields[field];
      const el = value ? elementWithText(profile.$, value) : null;
      const selector = el ? selectorOf(profile.$, el) : null;
      return selector ? { selector } : null;
    }
  }
}

/** The generic adapter's own account of where it read a field, as a FieldSpec where one can say it. */
function specFromEvidence(e: FieldEvidence, field: string, profile: ParsedProfile): FieldSpec | null {
  const spec = fieldSpecOf(e);
  if (spec) return spec;
  if (e.jsonLdPath) return specFromSource({ via: 'json-ld', detail: e.jsonLdPath, confidence: e.source.confidence }, field, profile);
  if (e.itemprop) return specFromSource({ via: 'microdata', detail: e.itemprop, confidence: e.source.confidence }, field, profile);
  return e.source.via === 'text' ? specFromSource(e.source, field, profile) : null;
}

type Comparable = string | number | null;

function comparable(field: string, value: string | null | undefined, observedAt: Date): Comparable {
  if (value == null || value.trim() === '') return null;
  switch (field) {
    case 'age':
      return analyseAge(value, { observedAt }).age;
    case 'gender': {
      const g = normaliseGender(value);
      return g === 'unknown' ? null : g;
    }
    case 'location':
      return normaliseLocation(value).kommunCode;
    default:
      return value.replace(/\s+/g, ' ').trim();
  }
}

function fieldSpecs(field: SuggestedField, profiles: ParsedProfile[], now: Date, freeText: readonly FieldSpec[] = []): FieldSpec[] {
  const candidates = new Map<string, { spec: FieldSpec; count: number }>();
  const add = (spec: FieldSpec | null) => {
    if (!spec) return;
    const key = JSON.stringify(spec);
    const seen = candidates.get(key);
    if (seen) seen.count += 1;
    else candidates.set(key, { spec, count: 1 });
  };
  for (const p of profiles) {
    const evidence = p.evidence?.fields[field];
    if (evidence) add(specFromEvidence(evidence, field, p));
    const source = p.item.raw.fieldSources?.[field];
    if (source && !evidence) add(specFromSource(source, field, p));
    else {
      const value = p.item.raw.fields[field];
      const el = value ? elementWithText(p.$, value) : null;
      if (!el) continue;
      const label = labelBefore(el);
      if (label) add({ label });
      const selector = selectorOf(p.$, el);
      if (selector) add({ selector });
    }
  }
  // Most used first, then the ad's free text (the normaliser finds an age or a place in it); a
  // spec that reads nothing right on the sample is dropped.
  const ordered = [...[...candidates.values()].sort((a, b) => b.count - a.count).map((c) => c.spec), ...freeText].filter(
    (spec, i, all) => all.findIndex((o) => JSON.stringify(o) === JSON.stringify(spec)) === i,
  );
  // Greedy: a spec is kept when it reads right an ad that the specs before it read wrong or not
  // at all; the first that yields wins in the engine, so an ad read wrong stays wrong.
  const wanted = profiles.map((p) => comparable(field, p.item.raw.fields[field], now));
  const settled = profiles.map(() => false);
  const chosen: FieldSpec[] = [];
  for (const spec of ordered) {
    if (chosen.length === 4) break;
    let gain = 0;
    const reads = profiles.map((p, i) => (settled[i] ? undefined : readField(p, spec)));
    reads.forEach((value, i) => {
      if (value === undefined || wanted[i] === null) return;
      if (comparable(field, value, now) === wanted[i]) gain += 1;
    });
    if (gain === 0) continue;
    chosen.push(spec);
    // An ad this spec yields anything for is decided by it, right or wrong.
    reads.forEach((value, i) => {
      if (value !== undefined && value !== null) settled[i] = true;
    });
  }
  return chosen;
}

function readField(p: ParsedProfile, spec: FieldSpec | FieldSpec[]): string | null {
  const adapter = toSiteAdapter(declarativeAdapterSchema.parse({ listing: { profileLinks: 'a' }, profile: { fields: { f: spec } } }), 'probe');
  return readProfilePage(adapter, p.item.body, p.item.url).raw.fields.f ?? null;
}

const phoneSet = (phones: Parameters<typeof normalisePhones>[0]) => normalisePhones(phones).map((p) => p.e164).sort().join(' ');

/** The smallest part of the page that holds every number the generic adapter found there, on every sampled page. */
function phoneScope(profiles: ParsedProfile[]): string | undefined {
  const counts = new Map<string, number>();
  for (const p of profiles) {
    // Candidate scopes: the ancestors of the ad's title and description.
    const anchors = [p.item.raw.fields.title, p.item.raw.fields.description].map((v) => (v ? elementWithText(p.$, v) : null)).filter((e): e is Element => e !== null);
    for (const a of anchors) {
      let el: Element | null = a.parent as Element | null;
      while (el && el.type === 'tag' && tagName(el) !== 'body' && tagName(el) !== 'html') {
        const s = selectorOf(p.$, el);
        if (s) counts.set(s, (counts.get(s) ?? 0) + 1);
        el = el.parent as Element | null;
      }
    }
  }
  const ok = (scope: string) => profiles.every((p) => phoneSet(harvestPhones(p.$, { scope })) === phoneSet(p.item.pagePhones));
  // The generic adapter's own scope first, then the most frequent ancestor every page agrees with.
  const fromEvidence = profiles.map((p) => p.evidence?.phoneScope).filter((s): s is string => !!s);
  const byFrequency = [...counts].sort((a, b) => b[1] - a[1]).map(([s]) => s);
  return [...new Set([...fromEvidence, ...byFrequency])].find(ok);
}

function urlAttribute(profiles: ParsedProfile[], urlsOf: (p: SampledProfile) => string[]): UrlAttribute | undefined {
  for (const p of profiles) {
    const wanted = new Set(urlsOf(p.item));
    if (wanted.size === 0) continue;
    for (const el of pageIndex(p.$).order) {
      for (const [attribute, value] of Object.entries(el.attribs ?? {})) {
        if (!value || attribute === 'href') continue;
        const url = canon(value, p.item.url);
        if (url === null || !wanted.has(url)) continue;
        const selector = candidateSelectors(el).find((s) => !s.includes(':contains')) ?? tagName(el);
        return { selector, attribute };
      }
    }
  }
  return undefined;
}

/** How to read the site's own id: the generic adapter's way or the URL's digits, whichever reproduces more ids. */
function externalIdSpec(profiles: ParsedProfile[], profileUrlPattern: string | null): FieldSpec | null {
  const candidates: FieldSpec[] = [];
  for (const p of profiles) {
    const spec = p.evidence?.externalId ? fieldSpecOf(p.evidence.externalId) : null;
    if (spec && !candidates.some((c) => JSON.stringify(c) === JSON.stringify(spec))) candidates.push(spec);
  }
  const idPattern = profileUrlPattern ? idPatternOf(profileUrlPattern) : null;
  if (idPattern) candidates.push({ fromUrl: true, pattern: idPattern });
  const agreeing = (spec: FieldSpec) => profiles.filter((p) => p.item.raw.externalId !== null && readField(p, spec) === p.item.raw.externalId).length;
  return candidates.map((spec) => ({ spec, n: agreeing(spec) })).sort((a, b) => b.n - a.n).find((c) => c.n > 0)?.spec ?? null;
}

// ---------------------------------------------------------------- the whole suggestion

export function suggestAdapter(sample: ProbeSample, now = new Date()): Suggestion {
  const notes: string[] = [];
  const htmlListings = sample.listings.filter((l) => !isJsonListing(l)).map((item) => ({ item, $: loadHtml(item.body) }));
  const jsonPages = sample.listings.filter(isJsonListing);
  const profiles = sample.profiles.map((item) => ({ item, $: loadHtml(item.body), evidence: readGenericProfile(item.body, item.url)?.evidence ?? null }));
  const profileSet = new Set([...sample.listings.flatMap((l) => l.profileUrls), ...sample.profiles.map((p) => p.url)]);
  const jsonSet = new Set(jsonPages.map((p) => p.url));

  const profileUrlPattern = urlPatternOf([...profileSet]);
  const listingUrls = [...sample.site.startUrls, ...sample.listings.map((l) => l.url)];
  if (profileUrlPattern && listingUrls.some((u) => new RegExp(profileUrlPattern, 'iu').test(u))) {
    notes.push(`profileUrlPattern also matches a listing page (${listingUrls.find((u) => new RegExp(profileUrlPattern, 'iu').test(u))}); narrow it`);
  }
  const json = jsonListingSpec(htmlListings, jsonPages, profileSet, notes);
  const fields: Record<string, FieldSpec | FieldSpec[]> = {};
  const description = fieldSpecs('description', profiles, now);
  for (const field of SUGGESTED_FIELDS) {
    const specs = field === 'description' ? description : fieldSpecs(field, profiles, now, field === 'title' ? [] : description);
    if (specs.length === 0) {
      if (field !== 'title') notes.push(`${field}: no way to read it was found on the sampled ads; add a selector or label`);
      continue;
    }
    fields[field] = specs.length === 1 ? specs[0]! : specs;
  }
  const externalId = externalIdSpec(profiles, profileUrlPattern);
  const scope = phoneScope(profiles);
  const reveal = profiles.find((p) => p.evidence?.reveal)?.evidence?.reveal ?? urlAttribute(profiles, (p) => p.reveals);
  const photo = profiles.find((p) => p.evidence?.photo)?.evidence?.photo ?? urlAttribute(profiles, (p) => (p.photo ? [p.photo] : []));
  const host = new URL(sample.site.startUrls[0]!).host;

  const adapter = declarativeAdapterSchema.parse({
    name: `${sample.site.id}`.replace(/[^a-z0-9-]/g, '-'),
    description: `Suggested by kartla sites probe for ${host} (${sample.listings.length} listing and ${sample.profiles.length} ad pages sampled)`,
    render: 'http',
    ...(profileUrlPattern ? { profileUrlPattern } : {}),
    listing: {
      profileLinks: profileLinkSelector(htmlListings, profileSet, notes),
      ...paginationSelectors(htmlListings, profileSet, jsonSet),
      ...(json ? { json } : {}),
    },
    profile: {
      ...(externalId ? { externalId } : {}),
      fields,
      ...(scope || reveal ? { phones: { ...(scope ? { scope } : {}), ...(reveal ? { reveal } : {}) } } : {}),
      ...(photo ? { photo } : {}),
    },
  });
  if (!scope) notes.push('no part of the ad page holds exactly its numbers on every sampled ad; phones are read from the whole page without navigation, header and footer');
  return { adapter, check: checkSuggestion(adapter, sample, htmlListings, profiles, now), notes };
}

/** Runs the suggested adapter over the sampled pages and compares with what the generic adapter read. */
function checkSuggestion(adapter: DeclarativeAdapter, sample: ProbeSample, listings: Parsed<SampledListing>[], profiles: ParsedProfile[], now: Date): SuggestionCheck {
  const site = toSiteAdapter(adapter, sample.site.id);
  let found = 0;
  let of = 0;
  for (const { item } of listings) {
    const want = new Set(item.profileUrls);
    const got = new Set(extractListing(site, item.body, item.url).profileUrls);
    of += want.size;
    for (const u of want) if (got.has(u)) found += 1;
  }
  const fields: SuggestionCheck['fields'] = {};
  let phonesAgree = 0;
  for (const p of profiles) {
    const page = readProfilePage(site, p.item.body, p.item.url);
    for (const field of SUGGESTED_FIELDS) {
      const want = comparable(field, p.item.raw.fields[field], now);
      if (want === null) continue;
      const entry = (fields[field] ??= { agree: 0, of: 0 });
      entry.of += 1;
      if (comparable(field, page.raw.fields[field], now) === want) entry.agree += 1;
    }
    if (phoneSet(page.raw.phones) === phoneSet(p.item.pagePhones)) phonesAgree += 1;
  }
  return { profileLinks: { found, of }, fields, phones: { agree: phonesAgree, of: profiles.length } };
}

const pct = (a: number, b: number) => (b === 0 ? '-' : `${a}/${b}`);

/** The suggestion as a commented YAML file, ready for review. */
export function adapterYaml(s: Suggestion, sample: ProbeSample, now = new Date()): string {
  const lines = [
    `# Suggested by \`kartla sites probe ${sample.site.startUrls[0]}\` on ${now.toISOString().slice(0, 10)}, from`,
    `# ${sample.listings.length} listing and ${sample.profiles.length} ad pages. Review before use: the probe saw a sample only.`,
    '# Checked on the sampled pages against what the generic adapter read:',
    `#   ad links ${pct(s.check.profileLinks.found, s.check.profileLinks.of)}, phones ${pct(s.check.phones.agree, s.check.phones.of)}, ` +
      Object.entries(s.check.fields).map(([k, v]) => `${k} ${pct(v.agree, v.of)}`).join(', '),
    ...s.notes.map((n) => `# TODO: ${n}`),
    '# Use it from the sites file with  adapter: { file: adapters/<this file> }  (README, "Adding a site").',
  ];
  return `${lines.join('\n')}\n${stringify(s.adapter, { lineWidth: 0 })}`;
}
