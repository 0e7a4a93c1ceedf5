// What a page states as schema.org data: JSON-LD blocks (any nesting, @graph, arrays) and
// microdata (itemscope/itemprop). The ad is the entity that is not the site (WebSite,
// Organization), not a review and not a list, and that carries the most facts. Each fact keeps
// the path it was read from, the evidence a suggested adapter needs.

import type { CheerioAPI } from 'cheerio';
import type { AnyNode, Element } from 'domhandler';
import { childNodes, isElement, pageIndex, selectAll, tagName } from '../dom.ts';
import { fold } from '../fold.ts';
import { inlineText } from '../text.ts';
import { jsonLdBlocks } from '../json-ld.ts';

export type StructuredFact = 'age' | 'gender' | 'location' | 'description' | 'title' | 'externalId' | 'image';

export interface StructuredValue {
  value: string;
  /** JSON-LD: the property path (`Person.address.addressLocality`); microdata: the itemprop. */
  path: string;
  /** Microdata only: the element the value was read from. */
  el?: Element;
  /** Microdata only: the attribute holding the value (`content`, `src`), when not the text. */
  attr?: string;
}

export interface StructuredEntity {
  source: 'json-ld' | 'microdata';
  /** The schema.org type as written, without its URL (`Person`, `Product`). */
  type: string;
  facts: Partial<Record<StructuredFact, StructuredValue>>;
  /** Microdata: the itemscope element. */
  el?: Element;
}

type Json = Record<string, unknown>;

/** Types that describe the site, a page, a list or an opinion rather than an ad. */
const NOT_THE_AD = new Set([
  'website', 'webpage', 'organization', 'corporation', 'onlinestore', 'searchaction', 'breadcrumblist', 'listitem', 'itemlist',
  'collectionpage', 'searchresultspage', 'review', 'rating', 'aggregaterating', 'comment', 'imageobject', 'sitenavigationelement',
  'wpheader', 'wpfooter', 'wpsidebar', 'postaladdress', 'place', 'city', 'country', 'propertyvalue', 'contactpoint', 'offercatalog',
  'quantitativevalue', 'pricespecification', 'unitpricespecification', 'videoobject', 'entrypoint', 'readaction',
]);
const SITE_KEYS = new Set(['publisher', 'provider', 'ispartof', 'sourceorganization', 'author', 'creator', 'review', 'reviews', 'aggregaterating', 'breadcrumb', 'potentialaction']);

function typeName(value: unknown): string[] {
  const list = Array.isArray(value) ? value : [value];
  return list.filter((x): x is string => typeof x === 'string').map((t) => t.replace(/^.*[/#]/, ''));
}

function str(v: unknown): string | null {
  if (typeof v === 'string' && v.trim() !== '') return v.trim();
  if (typeof v === 'number' && Number.isFinite(v)) return String(v);
  return null;
}

function obj(v: unknown): Json | null {
  return v !== null && typeof v === 'object' && !Array.isArray(v) ? (v as Json) : null;
}

function first(v: unknown): unknown {
  return Array.isArray(v) ? v[0] : v;
}

/** A place as JSON-LD writes it: a string, a Place/City with a name, or an address. */
function placeOf(v: unknown, path: string): StructuredValue | null {
  const s = str(first(v));
  if (s) return { value: s, path };
  const o = obj(first(v));
  if (!o) return null;
  const address = o.address;
  const locality = str(obj(first(address))?.addressLocality) ?? str(o.addressLocality);
  if (locality) return { value: locality, path: obj(first(address)) ? `${path}.address.addressLocality` : `${path}.addressLocality` };
  const region = str(obj(first(address))?.addressRegion) ?? str(o.addressRegion);
  if (region) return { value: region, path: `${path}.addressRegion` };
  if (typeof address === 'string' && address.trim()) return { value: address.trim(), path: `${path}.address` };
  const name = str(o.name);
  return name ? { value: name, path: `${path}.name` } : null;
}

const AGE_NAMES = new Set(['age', 'alder', 'years']);
const PLACE_NAMES = new Set(['city', 'stad', 'ort', 'location', 'plats', 'town', 'omrade', 'area']);
const GENDER_NAMES = new Set(['gender', 'kon', 'sex']);

/** `additionalProperty: [{name: "age", value: 24}]`, the way schema.org states facts it has no property for. */
function additional(o: Json, type: string, names: Set<string>): StructuredValue | null {
  const props = o.additionalProperty;
  for (const p of Array.isArray(props) ? props : [props]) {
    const pv = obj(p);
    if (!pv) continue;
    const name = fold(String(pv.name ?? pv.propertyID ?? ''));
    const value = str(pv.value);
    if (value && names.has(name)) return { value, path: `${type}.additionalProperty[name=${String(pv.name ?? pv.propertyID)}].value` };
  }
  return null;
}

function jsonLdFacts(o: Json, type: string): Partial<Record<StructuredFact, StructuredValue>> {
  const facts: Partial<Record<StructuredFact, StructuredValue>> = {};
  const age = str(o.age) ?? null;
  if (age) facts.age = { value: age, path: `${type}.age` };
  else {
    const prop = additional(o, type, AGE_NAMES);
    const born = str(o.birthDate);
    if (prop) facts.age = prop;
    else if (born) facts.age = { value: `Född ${born}`, path: `${type}.birthDate` };
  }
  const gender = str(first(o.gender)) ?? null;
  if (gender) facts.gender = { value: gender.replace(/^https?:\/\/schema\.org\//i, ''), path: `${type}.gender` };
  else {
    const prop = additional(o, type, GENDER_NAMES);
    if (prop) facts.gender = prop;
  }
  for (const key of ['address', 'homeLocation', 'location', 'areaServed', 'availableAtOrFrom', 'contentLocation', 'workLocation']) {
    if (o[key] === undefined) continue;
    const place = key === 'address' && typeof o[key] !== 'string' ? placeOf({ address: o[key] }, type) : placeOf(o[key], `${type}.${key}`);
    if (place) {
      facts.location = place;
      break;
    }
  }
  facts.location ??= additional(o, type, PLACE_NAMES) ?? undefined;
  const description = str(o.description);
  if (description) facts.description = { value: description, path: `${type}.description` };
  const title = str(o.headline) ?? (/person/i.test(type) ? null : str(o.name));
  if (title) facts.title = { value: title, path: `${type}.${str(o.headline) ? 'headline' : 'name'}` };
  for (const key of ['identifier', 'sku', 'productID', 'mpn']) {
    const v = str(first(o[key])) ?? str(obj(first(o[key]))?.value);
    if (v) {
      facts.externalId = { value: v, path: `${type}.${key}` };
      break;
    }
  }
  const image = str(first(o.image)) ?? str(obj(first(o.image))?.url) ?? str(obj(first(o.image))?.contentUrl);
  if (image) facts.image = { value: image, path: `${type}.image` };
  for (const k of Object.keys(facts) as StructuredFact[]) if (facts[k] === undefined) delete facts[k];
  return facts;
}

export { jsonLdBlocks };

/** Objects of the JSON-LD blocks that have a type, with the type, outside the site's own entities. */
function jsonLdObjects(blocks: readonly unknown[]): { o: Json; types: string[] }[] {
  const out: { o: Json; types: string[] }[] = [];
  const stack: { value: unknown; depth: number }[] = blocks.map((value) => ({ value, depth: 0 }));
  while (stack.length > 0 && out.length < 500) {
    const { value, depth } = stack.pop()!;
    if (depth > 24 || value === null || typeof value !== 'object') continue;
    if (Array.isArray(value)) {
      for (const v of value) stack.push({ value: v, depth: depth + 1 });
      continue;
    }
    const o = value as Json;
    const types = typeName(o['@type']);
    if (types.length > 0) out.push({ o, types });
    for (const [k, v] of Object.entries(o)) if (!SITE_KEYS.has(k.toLowerCase())) stack.push({ value: v, depth: depth + 1 });
  }
  return out;
}

/** URLs a JSON-LD ItemList names (a listing page's own statement of what it lists). */
export function itemListUrls(blocks: readonly unknown[]): string[] {
  const out: string[] = [];
  for (const { o, types } of jsonLdObjects(blocks)) {
    if (!types.some((t) => t.toLowerCase() === 'itemlist')) continue;
    const items = o.itemListElement;
    for (const it of Array.isArray(items) ? items : [items]) {
      const e = obj(it);
      const url = str(e?.url) ?? str(obj(e?.item)?.url) ?? str(obj(e?.item)?.['@id']) ?? (typeof e?.item === 'string' ? e.item : null);
      if (url) out.push(url);
    }
  }
  return out;
}

function factCount(e: StructuredEntity): number {
  return (['age', 'gender', 'location', 'description', 'externalId'] as const).filter((k) => e.facts[k]).length;
}

/** The ads a page's JSON-LD describes, most facts first. */
export function jsonLdEntities(blocks: readonly unknown[]): StructuredEntity[] {
  return jsonLdObjects(blocks)
    .filter(({ types }) => types.every((t) => !NOT_THE_AD.has(t.toLowerCase())))
    .map(({ o, types }) => ({ source: 'json-ld' as const, type: types[0]!, facts: jsonLdFacts(o, types[0]!) }))
    .filter((e) => factCount(e) > 0)
    .sort((a, b) => factCount(b) - factCount(a));
}

// ---- microdata ----

function itemType(el: Element): string {
  return typeName((el.attribs?.itemtype ?? '').trim().split(/\s+/)[0] ?? '')[0] ?? '';
}

function isScope(el: Element): boolean {
  return el.attribs?.itemscope !== undefined;
}

/** Items nested as a place of the ad (its address) belong to it; others (reviews, offers of others) do not. */
const PLACE_PROPS = new Set(['address', 'homelocation', 'location', 'areaserved', 'availableatorfrom', 'contentlocation', 'workLocation'.toLowerCase()]);

/** The itemprop elements of an item, not those of items nested in it except its place. */
function itemProps(item: Element): Element[] {
  const out: Element[] = [];
  const stack: AnyNode[] = [...childNodes(item)].reverse();
  while (stack.length > 0 && out.length < 500) {
    const n = stack.pop()!;
    if (!isElement(n)) continue;
    const prop = (n.attribs?.itemprop ?? '').trim();
    if (prop) out.push(n);
    if (isScope(n) && !PLACE_PROPS.has(prop.toLowerCase())) continue;
    stack.push(...[...childNodes(n)].reverse());
  }
  return out;
}

function propValue(el: Element): { value: string; attr?: string } | null {
  const name = tagName(el);
  const a = el.attribs ?? {};
  if (a.content !== undefined) return a.content.trim() ? { value: a.content.trim(), attr: 'content' } : null;
  if (name === 'img' || name === 'source') return a.src ? { value: a.src, attr: 'src' } : null;
  if (name === 'time' && a.datetime) return { value: a.datetime, attr: 'datetime' };
  if (name === 'data' || name === 'meter') return a.value ? { value: a.value, attr: 'value' } : null;
  const text = inlineText([el]);
  if (text) return { value: text };
  if ((name === 'a' || name === 'link') && a.href) return { value: a.href, attr: 'href' };
  return null;
}

const MICRO_PROPS: Record<StructuredFact, readonly string[]> = {
  age: ['age'],
  gender: ['gender'],
  location: ['addressLocality', 'homeLocation', 'areaServed', 'location', 'address', 'addressRegion'],
  description: ['description'],
  title: ['headline', 'name'],
  externalId: ['identifier', 'sku', 'productID'],
  image: ['image', 'photo'],
};

function microFacts(item: Element, type: string): Partial<Record<StructuredFact, StructuredValue>> {
  const props = itemProps(item);
  const facts: Partial<Record<StructuredFact, StructuredValue>> = {};
  for (const [fact, names] of Object.entries(MICRO_PROPS) as [StructuredFact, readonly string[]][]) {
    if (fact === 'title' && /person/i.test(type) && !props.some((p) => /\bheadline\b/i.test(p.attribs?.itemprop ?? ''))) {
      // A Person's name is a person's name; the ad's heading is read elsewhere.
      const named = props.find((p) => /\bname\b/i.test(p.attribs?.itemprop ?? '') && /^h[1-3]$/.test(tagName(p)));
      if (!named) continue;
    }
    for (const name of names) {
      const el = props.find((p) => (p.attribs?.itemprop ?? '').split(/\s+/).some((x) => x.toLowerCase() === name.toLowerCase()) && !isScope(p));
      const v = el ? propValue(el) : null;
      if (el && v) {
        facts[fact] = { value: v.value, path: name, el, ...(v.attr ? { attr: v.attr } : {}) };
        break;
      }
    }
  }
  return facts;
}

/** Microdata items of the page that may be ads (not the site, not reviews), each once, in page order. */
export function microdataItems($: CheerioAPI): { el: Element; type: string }[] {
  const index = pageIndex($);
  const out: { el: Element; type: string }[] = [];
  let reviewEnd = -1;
  for (let i = 0; i < index.order.length; i++) {
    const el = index.order[i]!;
    if (!isScope(el)) continue;
    const type = itemType(el);
    const t = type.toLowerCase();
    if (i <= reviewEnd) continue;
    if (t === 'review' || t === 'comment') {
      reviewEnd = index.end[i]!;
      continue;
    }
    if (!t || NOT_THE_AD.has(t)) continue;
    if ((el.attribs?.itemprop ?? '') && out.some((o) => index.pos.get(o.el)! < i && i <= index.end[index.pos.get(o.el)!]!)) continue;
    out.push({ el, type });
  }
  return out;
}

/** The ads a page's microdata describes, most facts first. */
export function microdataEntities($: CheerioAPI): StructuredEntity[] {
  return microdataItems($)
    .map(({ el, type }) => ({ source: 'microdata' as const, type, el, facts: microFacts(el, type) }))
    .filter((e) => factCount(e) > 0)
    .sort((a, b) => factCount(b) - factCount(a));
}

/** The selector of an item's type, as a suggested adapter would scope to it. */
export function itemSelector(type: string): string {
  return `[itemscope][itemtype$="/${type}"]`;
}
