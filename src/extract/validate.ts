// Adapters are data written by hand; a typo in a selector or pattern would otherwise show up as
// a silently empty field in a mapping run. This finds such mistakes up front.

import { load } from 'cheerio';
import type { FieldSpec, SiteAdapter, UrlAttribute } from '../../crawlers/types.ts';
import { parseJsonPath } from './json-listing.ts';

function checkSelector(problems: string[], where: string, selector: string | undefined): void {
  if (selector === undefined) return;
  if (!selector.trim()) {
    problems.push(`${where}: empty selector`);
    return;
  }
  try {
    load('<p></p>')(selector);
  } catch (e) {
    problems.push(`${where}: invalid selector ${JSON.stringify(selector)} (${(e as Error).message})`);
  }
}

function checkPattern(problems: string[], where: string, pattern: string | undefined): void {
  if (pattern === undefined) return;
  try {
    new RegExp(pattern, 'iu');
  } catch (e) {
    problems.push(`${where}: invalid pattern ${JSON.stringify(pattern)} (${(e as Error).message})`);
  }
}

function checkField(problems: string[], where: string, spec: FieldSpec | readonly FieldSpec[]): void {
  const specs: readonly FieldSpec[] = Array.isArray(spec) ? spec : [spec as FieldSpec];
  if (specs.length === 0) problems.push(`${where}: no way to read the field`);
  specs.forEach((s, i) => {
    const at = specs.length > 1 ? `${where}[${i}]` : where;
    if (!s.selector && s.label === undefined && !s.fromUrl) problems.push(`${at}: needs selector, label or fromUrl`);
    if (s.fromUrl && !s.pattern) problems.push(`${at}: fromUrl needs a pattern`);
    if (s.attr !== undefined && !s.selector) problems.push(`${at}: attr needs a selector`);
    const labels = s.label === undefined ? [] : Array.isArray(s.label) ? s.label : [s.label];
    if (s.label !== undefined && labels.every((l) => !l.trim())) problems.push(`${at}: empty label`);
    checkSelector(problems, at, s.selector);
    checkPattern(problems, at, s.pattern);
  });
}

function checkUrlAttribute(problems: string[], where: string, spec: UrlAttribute | undefined): void {
  if (spec === undefined) return;
  checkSelector(problems, `${where}.selector`, spec.selector);
  if (!spec.attribute?.trim()) problems.push(`${where}.attribute: empty`);
}

function checkJsonPath(problems: string[], where: string, path: string | undefined): void {
  if (path === undefined) return;
  try {
    parseJsonPath(path);
  } catch (e) {
    problems.push(`${where}: ${(e as Error).message}`);
  }
}

/** Field names that hold a person's name: read only with a stated reason (least data). */
const PERSONAL_FIELD = /^(?:name|namn|alias|nick(?:name)?|first_?name|last_?name|full_?name|fornamn|förnamn|efternamn|smeknamn)$/i;

/** Problems with an adapter (empty when it is usable). */
export function validateAdapter(adapter: SiteAdapter): string[] {
  const problems: string[] = [];
  if (!/^[a-z0-9][a-z0-9-]*$/.test(adapter.name)) problems.push(`name ${JSON.stringify(adapter.name)}: use lower-case letters, digits and dashes`);
  if (!adapter.description.trim()) problems.push('description is empty');
  if (adapter.render !== 'http' && adapter.render !== 'browser') problems.push(`render ${String(adapter.render)}`);
  checkPattern(problems, 'profileUrlPattern', adapter.profileUrlPattern);
  // An adapter with its own reader needs no listing spec: an empty one is not a mistake.
  if (!adapter.reader || adapter.listing.profileLinks !== '') checkSelector(problems, 'listing.profileLinks', adapter.listing.profileLinks);
  checkSelector(problems, 'listing.nextPage', adapter.listing.nextPage);
  checkSelector(problems, 'listing.listingLinks', adapter.listing.listingLinks);
  if (adapter.profile.externalId) checkField(problems, 'profile.externalId', adapter.profile.externalId);
  for (const [key, spec] of Object.entries(adapter.profile.fields)) checkField(problems, `profile.fields.${key}`, spec);
  for (const key of Object.keys(adapter.profile.fields).filter((k) => PERSONAL_FIELD.test(k))) {
    const reason = adapter.personalFields?.[key]?.trim() ?? '';
    if (reason.length < 10) {
      problems.push(`profile.fields.${key}: holds a person's name; Kartla keeps no names unless the adapter says why in personalFields.${key} (at least 10 characters)`);
    }
  }
  checkSelector(problems, 'profile.phones.scope', adapter.profile.phones?.scope);
  adapter.profile.phones?.selectors?.forEach((s, i) => checkSelector(problems, `profile.phones.selectors[${i}]`, s));
  checkUrlAttribute(problems, 'profile.phones.reveal', adapter.profile.phones?.reveal);
  const json = adapter.listing.json;
  if (json) {
    if (!json.urlPattern?.trim()) problems.push('listing.json.urlPattern: empty');
    checkPattern(problems, 'listing.json.urlPattern', json.urlPattern);
    checkUrlAttribute(problems, 'listing.json.start', json.start);
    checkJsonPath(problems, 'listing.json.profileUrls', json.profileUrls);
    checkJsonPath(problems, 'listing.json.next.path', json.next?.path);
    if (json.next?.queryParam !== undefined && !json.next.queryParam.trim()) problems.push('listing.json.next.queryParam: empty');
  }
  return problems;
}
