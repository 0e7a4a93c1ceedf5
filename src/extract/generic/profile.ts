// Reading a profile page of a site the reader has never seen. Each field is taken from the most
// trusted place that states it: JSON-LD, microdata, a label, a meta tag, then running text
// through the project's normalisers; each keeps where it came from (RawProfile.fieldSources) and
// how to read it again declaratively (ProfileEvidence). Phones and contacts come only from the
// ad's own part of the page (profile-scope.ts). A page reached as a profile link that is really a
// listing (many profile links in its content, no facts of its own) is not a profile: null.

import type { CheerioAPI } from 'cheerio';
import type { Element } from 'domhandler';
import type { UrlAttribute } from '../../../crawlers/types.ts';
import type { FieldSource, RawProfile } from '../../model/profile.ts';
import { normaliseAge } from '../../normalise/age.ts';
import { normaliseGender } from '../../normalise/gender.ts';
import { normaliseLocation } from '../../normalise/location.ts';
import { harvestContacts } from '../contacts.ts';
import { FLAG_CHROME, loadHtml, pageIndex, selectAll, tagName } from '../dom.ts';
import { baseUrlOf } from '../listing.ts';
import { harvestPhones } from '../phones.ts';
import type { ProfilePage } from '../profile.ts';
import { blockText, inlineText } from '../text.ts';
import { canonicalUrl } from '../url.ts';
import type { FieldEvidence, ProfileEvidence } from './evidence.ts';
import { ageFromText, genderFromBadges, genderFromRunningText, placeFromBreadcrumb, placeFromLines, placeFromText, type TextFact } from './free-text.ts';
import { revealEndpoints } from './json-endpoints.ts';
import { readLabelPairs, type LabelValue } from './label-pairs.ts';
import { groupLinks, pageLinks } from './link-patterns.ts';
import { findPagination } from './pagination.ts';
import { profileScope, scopeSelector, type ProfileScope } from './profile-scope.ts';
import { pathSelector } from './selectors.ts';
import { itemListUrls, itemSelector, jsonLdBlocks, jsonLdEntities, microdataEntities, microdataItems, type StructuredEntity, type StructuredFact } from './structured-data.ts';

/** A profile page read by the generic reader: what the crawler needs, and the evidence for a probe. */
export interface GenericProfile {
  page: ProfilePage;
  evidence: ProfileEvidence;
}

/** The attribute that marks the ad's own part on the parsed page, for the phone and contact harvest. */
const SCOPE_MARK = 'data-kartla-scope';

/** Profile links in an ad's own part: at this many it is a listing, not an ad. */
const LISTING_LINKS = 4;

type Fact = 'age' | 'gender' | 'location';

interface Found {
  value: string;
  evidence: FieldEvidence;
  /** Structured data or a label: the page says what the value is. */
  stated: boolean;
}

function source(via: FieldSource['via'], detail: string, confidence: number): FieldSource {
  return { via, detail, confidence };
}

/** Whether a value read for a fact means something to its normaliser. */
function usable(fact: Fact | 'externalId', value: string): boolean {
  switch (fact) {
    case 'age':
      return normaliseAge(value) !== null || /^Född /.test(value);
    case 'gender':
      return normaliseGender(value) !== 'unknown';
    case 'location': {
      const loc = normaliseLocation(value);
      return loc.kommunCode !== null || loc.lanCode !== null;
    }
    default:
      return value.trim() !== '';
  }
}

function structured($: CheerioAPI, entity: StructuredEntity | undefined, fact: StructuredFact): Found | null {
  const v = entity?.facts[fact];
  if (!entity || !v) return null;
  if ((fact === 'age' || fact === 'gender' || fact === 'location') && !usable(fact, v.value)) return null;
  if (entity.source === 'json-ld') {
    return { value: v.value, stated: true, evidence: { source: source('json-ld', v.path, 0.95), jsonLdPath: v.path } };
  }
  const selector = `${itemSelector(entity.type)} [itemprop="${v.path}"]`;
  const ok = v.el ? selectAll($, selector).includes(v.el) : false;
  return {
    value: v.value,
    stated: true,
    evidence: { source: source('microdata', `itemprop=${v.path}`, 0.9), itemprop: v.path, ...(ok ? { selector } : {}), ...(v.attr ? { attr: v.attr } : {}) },
  };
}

function labelled(found: LabelValue | undefined, scope: string | null): Found | null {
  if (!found) return null;
  return {
    value: found.value,
    stated: true,
    evidence: { source: source('label', found.label, found.element ? 0.85 : 0.7), label: found.label, ...(scope ? { selector: scope } : {}) },
  };
}

function guessed($: CheerioAPI, fact: TextFact | null, confidence: number, description: Element | null): Found | null {
  if (!fact) return null;
  const selector = fact.el ? pathSelector($, fact.el) : description ? pathSelector($, description) : undefined;
  return {
    value: fact.value,
    stated: false,
    evidence: { source: source(fact.el ? 'selector' : 'text', fact.el ? `${selector} (${fact.how})` : fact.how, confidence), ...(fact.el && selector ? { selector } : {}) },
  };
}

function meta($: CheerioAPI, names: readonly string[]): { value: string; name: string } | null {
  for (const name of names) {
    for (const el of selectAll($, 'meta')) {
      const key = (el.attribs?.property ?? el.attribs?.name ?? '').toLowerCase();
      const content = el.attribs?.content?.trim();
      if (key === name && content) return { value: content, name };
    }
  }
  return null;
}

function metaFound(m: { value: string; name: string } | null, confidence: number): Found | null {
  if (!m) return null;
  const attr = m.name.startsWith('og:') ? 'property' : 'name';
  return { value: m.value, stated: false, evidence: { source: source('meta', m.name, confidence), selector: `meta[${attr}="${m.name}"]`, attr: 'content' } };
}

function first(...options: (Found | null)[]): Found | null {
  return options.find((o) => o !== null) ?? null;
}

/** data-* attributes that carry the ad's own id (`data-id`, `data-ad-id`, `data-annons`). */
const ID_ATTRIBUTE = /^data-(?:[\w-]*-)?id$|^data-(?:annons|ad|advert|profile|profil|listing|post|item)$/i;

/** Element ids that carry the ad's id (`post-2211`, `annons-450004`), as blog and classifieds themes write them. */
const ID_OF_ELEMENT = /^(?:post|ad|annons|advert|listing|profile|profil|item)[-_](\d{2,20})$/i;

function dataId($: CheerioAPI, root: Element | null): Found | null {
  for (let el: Element | null = root; el && tagName(el) !== 'html'; el = el.parent && 'attribs' in el.parent ? (el.parent as Element) : null) {
    const own = ID_OF_ELEMENT.exec(el.attribs?.id ?? '');
    if (own) {
      const selector = pathSelector($, el);
      const pattern = `^${escapeRegExp(el.attribs!.id!.slice(0, -own[1]!.length))}(\\d+)$`;
      return { value: own[1]!, stated: true, evidence: { source: source('selector', `${selector} @id`, 0.75), selector, attr: 'id', pattern } };
    }
    for (const [name, value] of Object.entries(el.attribs ?? {})) {
      if (ID_ATTRIBUTE.test(name) && /^[\w-]{1,40}$/.test(value) && /\d/.test(value)) {
        const selector = `${pathSelector($, el)}`;
        return { value, stated: true, evidence: { source: source('selector', `${selector} @${name}`, 0.8), selector, attr: name } };
      }
    }
  }
  return null;
}

function escapeRegExp(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/** The id in the profile URL: its longest run of digits, with a pattern that reads it from URLs of the same shape. */
export function idFromUrl(url: string): Found | null {
  const u = new URL(url);
  const runs = [...u.pathname.matchAll(/\d+/g)].sort((a, b) => b[0].length - a[0].length);
  let pattern: string;
  let value: string;
  const run = runs[0];
  if (run && run[0].length >= 2) {
    value = run[0];
    const before = u.pathname[run.index! - 1] ?? '/';
    const rest = u.pathname
      .slice(run.index! + value.length)
      .split('/')
      .map((seg, i) => (i === 0 ? escapeRegExp(seg).replace(/\d+/g, '\\d+') : seg === '' ? '' : '[^/?#]+'))
      .join('/');
    pattern = `${escapeRegExp(before)}(\\d+)${rest}(?:[?#]|$)`;
  } else {
    const param = [...u.searchParams].find(([, v]) => /^\d{1,20}$/.test(v));
    if (!param) return null;
    value = param[1];
    pattern = `[?&]${escapeRegExp(param[0])}=(\\d+)`;
  }
  return { value, stated: false, evidence: { source: source('url', pattern, 0.7), fromUrl: true, pattern } };
}

/** The photo: structured image, og:image, else the first image in the ad's part (lazy-loading attributes too). */
function photoOf($: CheerioAPI, scope: ProfileScope, base: string, ld: StructuredEntity | undefined, micro: StructuredEntity | undefined): { url: string | null; evidence: UrlAttribute | null } {
  const m = micro?.facts.image;
  if (m?.el) {
    const attr = m.attr ?? 'src';
    return { url: canonicalUrl(m.value, base), evidence: { selector: `${itemSelector(micro!.type)} [itemprop="${m.path}"]`, attribute: attr } };
  }
  const index = pageIndex($);
  for (const root of scope.roots) {
    const r = index.pos.get(root)!;
    for (let i = r; i <= index.end[r]!; i++) {
      const el = index.order[i]!;
      if (tagName(el) !== 'img') continue;
      const a = el.attribs ?? {};
      const attr = ['data-src', 'data-lazy-src', 'data-original', 'src'].find((k) => a[k] && !a[k]!.startsWith('data:'));
      // Icons and badges (an SVG, a picture a few pixels wide) are not the ad's photo.
      const tiny = [a.width, a.height].some((v) => v !== undefined && /^\d+$/.test(v) && Number(v) < 64);
      if (!attr || tiny || /\.svg(?:[?#]|$)/i.test(a[attr]!)) continue;
      return { url: canonicalUrl(a[attr]!, base), evidence: { selector: pathSelector($, el), attribute: attr } };
    }
  }
  const image = ld?.facts.image?.value ?? meta($, ['og:image'])?.value;
  if (image) return { url: canonicalUrl(image, base), evidence: ld?.facts.image ? null : { selector: 'meta[property="og:image"]', attribute: 'content' } };
  return { url: null, evidence: null };
}

/** Profile links (by the page's own link groups) inside the ad's part of the page. */
function profileLinksInside($: CheerioAPI, page: string, base: string, scope: ProfileScope): number {
  const links = pageLinks($, page, base);
  const paging = new Set(findPagination($, page, base, links).map((p) => p.el));
  const index = pageIndex($);
  const inRoots = (el: Element) => {
    const i = index.pos.get(el)!;
    return scope.roots.some((r) => {
      const p = index.pos.get(r)!;
      return p <= i && i <= index.end[p]!;
    });
  };
  const urls = new Set<string>();
  for (const g of groupLinks(links.filter((l) => !paging.has(l.el) && l.url !== page))) {
    if (g.kind !== 'profile') continue;
    for (const l of g.links) if (inRoots(l.el) && !l.chrome) urls.add(l.url);
  }
  return urls.size;
}

/**
 * What holds a label and its value: the table of a header cell (its value may sit in the row
 * below), the list of a dt, else the label's parent.
 */
function factHolder(label: Element): Element {
  const want = tagName(label) === 'th' || tagName(label) === 'td' ? 'table' : tagName(label) === 'dt' ? 'dl' : null;
  let el: Element = label;
  for (let p = label.parent; p && 'attribs' in p; p = p.parent) {
    el = p as Element;
    if (want === null || tagName(el) === want) break;
  }
  return el;
}

/**
 * The profile on a page, or null when the page is not one (a listing, an empty or unreadable
 * page). Fields are present only when found; `fieldSources` says where each came from.
 */
export function readGenericProfile(html: string, pageUrl: string): GenericProfile | null {
  const page = canonicalUrl(pageUrl);
  if (page === null) return null;
  const $ = loadHtml(html);
  const index = pageIndex($);
  if (index.order.length === 0) return null;
  const base = baseUrlOf($, page);

  const blocks = jsonLdBlocks($);
  const ld = jsonLdEntities(blocks)[0];
  const micros = microdataEntities($);
  const micro = micros[0];
  // Many items of one type are cards of a listing, not an ad.
  const sameType = micro ? microdataItems($).filter((m) => m.type === micro.type).length : 0;
  if (!ld && itemListUrls(blocks).length >= 3) return null;

  // First pass: the page without chrome, reviews and other ads, to find where the facts sit.
  const rough = profileScope($, page, micro?.el && sameType < 3 ? [micro.el] : []);
  const roughLabels = readLabelPairs($, rough.roots.length > 0 ? rough.roots : []);
  const factEls = (['age', 'gender', 'location'] as const)
    .map((f) => roughLabels[f]?.element)
    .filter((e): e is Element => e !== null && e !== undefined)
    .map(factHolder);
  const scope = factEls.length > 0 ? profileScope($, page, [...(micro?.el && sameType < 3 ? [micro.el] : []), ...factEls]) : rough;
  if (profileLinksInside($, page, base, scope) >= LISTING_LINKS) return null;
  const scopeSel = scopeSelector($, scope);
  const sameRoots = scope.roots.length === rough.roots.length && scope.roots.every((r, i) => r === rough.roots[i]);
  const labels = sameRoots ? roughLabels : readLabelPairs($, scope.roots);
  const mainMicro = sameType < 3 ? micro : undefined;

  const titleText = scope.heading ? inlineText([scope.heading]) : '';
  const descriptionText = scope.description ? blockText([scope.description]) : '';
  const title = first(
    structured($, ld, 'title'),
    structured($, mainMicro, 'title'),
    titleText ? { value: titleText, stated: false, evidence: { source: source('selector', pathSelector($, scope.heading!), 0.8), selector: pathSelector($, scope.heading!) } } : null,
    metaFound(meta($, ['og:title', 'twitter:title']), 0.6),
  );
  const description = first(
    structured($, ld, 'description'),
    structured($, mainMicro, 'description'),
    descriptionText ? { value: descriptionText, stated: false, evidence: { source: source('selector', pathSelector($, scope.description!), 0.7), selector: pathSelector($, scope.description!) } } : null,
    metaFound(meta($, ['og:description', 'description', 'twitter:description']), 0.5),
  );
  const texts = [title?.value ?? null, description?.value ?? null];

  const facts: Record<Fact, Found | null> = {
    age: first(structured($, ld, 'age'), structured($, mainMicro, 'age'), labelled(labels.age, scopeSel), guessed($, ageFromText(texts), 0.5, scope.description)),
    gender: first(
      structured($, ld, 'gender'),
      structured($, mainMicro, 'gender'),
      labelled(labels.gender, scopeSel),
      guessed($, genderFromBadges($, scope.roots), 0.6, null),
      guessed($, genderFromRunningText([title?.value ?? null]), 0.35, null),
    ),
    location: first(
      structured($, ld, 'location'),
      structured($, mainMicro, 'location'),
      labelled(labels.location, scopeSel),
      metaFound(meta($, ['geo.placename', 'og:locality', 'place:location:locality']), 0.6),
      guessed($, placeFromLines($, scope.roots), 0.6, null),
      guessed($, placeFromText(texts), 0.45, scope.description),
      guessed($, placeFromBreadcrumb($), 0.4, null),
      labelled(labels.unresolvedLocation, scopeSel),
    ),
  };

  const externalId = first(structured($, ld, 'externalId'), structured($, mainMicro, 'externalId'), dataId($, scope.root), labelled(labels.externalId, scopeSel), idFromUrl(page));

  // Phones and contacts from the ad's own part only.
  for (const root of scope.roots) root.attribs = { ...root.attribs, [SCOPE_MARK]: '' };
  const spec = { scope: `[${SCOPE_MARK}]` };
  const phones = scope.roots.length > 0 ? harvestPhones($, spec) : [];
  const contacts = scope.roots.length > 0 ? harvestContacts($, spec) : [];
  const inAd = (el: Element) => {
    const i = index.pos.get(el);
    if (i === undefined || (index.flags[i]! & FLAG_CHROME) !== 0) return false;
    return !scope.excluded.some((x) => {
      const p = index.pos.get(x)!;
      return p <= i && i <= index.end[p]!;
    });
  };
  const reveal = revealEndpoints($, page, base, inAd);

  const stated = (['age', 'gender', 'location'] as const).filter((f) => facts[f]?.stated).length;
  const guessedCount = (['age', 'gender', 'location'] as const).filter((f) => facts[f] && !facts[f]!.stated).length;
  const strong = stated + (phones.length > 0 ? 1 : 0) + (reveal.urls.length > 0 ? 1 : 0) + (ld || mainMicro ? 1 : 0);
  // A phone, a reveal button or structured data with a heading and a text of its own is an ad too.
  const ownText = scope.heading !== null && descriptionText.length >= 80;
  const isProfile = strong >= 2 || (strong >= 1 && (guessedCount >= 1 || ownText)) || (guessedCount >= 2 && description !== null);
  if (!isProfile) return null;

  const fields: Record<string, string | null> = {};
  const fieldSources: Record<string, FieldSource> = {};
  const fieldEvidence: Record<string, FieldEvidence> = {};
  for (const [key, found] of Object.entries({ title, description, ...facts })) {
    if (!found) continue;
    fields[key] = found.value;
    fieldSources[key] = found.evidence.source;
    fieldEvidence[key] = found.evidence;
  }
  if (externalId) fieldSources.externalId = externalId.evidence.source;

  const photo = photoOf($, scope, base, ld, mainMicro);
  const raw: RawProfile = { url: page, externalId: externalId?.value ?? null, fields, phones, contacts, fieldSources };
  return {
    page: { raw, reveals: reveal.urls, photo: photo.url },
    evidence: {
      fields: fieldEvidence,
      externalId: externalId?.evidence ?? null,
      phoneScope: scopeSel,
      excluded: [...new Set(scope.excluded.map((x) => pathSelector($, x)))],
      reveal: reveal.evidence,
      photo: photo.evidence,
    },
  };
}
