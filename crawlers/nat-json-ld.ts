// Sites whose profile facts are only in a schema.org Person block: the visible page has a heading
// and the ad text. The selectors find the page parts; refine reads the Person block, which no
// selector can (script contents are not page text). Phones in JSON-LD `telephone` are harvested
// by the engine, which already skips the WebSite/Organization block with the site's own number.

import type { CheerioAPI } from 'cheerio';
import type { RawProfile } from '../src/model/profile.ts';
import type { SiteAdapter } from './types.ts';

type Json = Record<string, unknown>;

function persons($: CheerioAPI): Json[] {
  const out: Json[] = [];
  $('script[type="application/ld+json"]').each((_, el) => {
    let data: unknown;
    try {
      data = JSON.parse($(el).text());
    } catch {
      return;
    }
    for (const item of Array.isArray(data) ? data : [data]) {
      if (item && typeof item === 'object' && (item as Json)['@type'] === 'Person') out.push(item as Json);
    }
  });
  return out;
}

function str(v: unknown): string | null {
  if (typeof v === 'string' && v.trim()) return v.trim();
  if (typeof v === 'number' && Number.isFinite(v)) return String(v);
  return null;
}

/** schema.org writes age as a PropertyValue named "age" (Person has no age of its own). */
function ageOf(person: Json): string | null {
  const props = person.additionalProperty;
  for (const prop of Array.isArray(props) ? props : [props]) {
    if (prop && typeof prop === 'object' && String((prop as Json).name ?? '').toLowerCase() === 'age') return str((prop as Json).value);
  }
  return null;
}

function refine(found: RawProfile, $: CheerioAPI): RawProfile {
  const person = persons($)[0];
  if (!person) return found;
  const address = person.address && typeof person.address === 'object' ? (person.address as Json) : {};
  const fields = { ...found.fields };
  fields.age ??= ageOf(person);
  fields.gender ??= str(person.gender)?.replace(/^https?:\/\/schema\.org\//i, '') ?? null;
  fields.location ??= str(address.addressLocality);
  fields.description ??= str(person.description);
  return { ...found, externalId: found.externalId ?? str(person.identifier), fields };
}

export const natJsonLd: SiteAdapter = {
  name: 'nat-json-ld',
  description: 'National demo: rel=next paged tiles; profile facts only in a schema.org Person JSON-LD block',
  render: 'http',
  profileUrlPattern: '/escort/[a-z0-9-]+/\\d+$',
  listing: {
    profileLinks: '.grid a.tile',
    nextPage: 'a[rel="next"]',
  },
  profile: {
    externalId: { selector: 'article.profile-card', attr: 'data-id' },
    fields: {
      // age, gender and location come from the Person block (refine).
      title: { selector: 'article.profile-card h1' },
      description: { selector: 'article.profile-card .lead' },
    },
    // The buyers' reviews inside the card (review sites) are not the ad's.
    phones: { scope: 'article.profile-card > :not(.reviews)' },
    // The Person block's `image` names the same picture as the card's hero image.
    photo: { selector: 'article.profile-card img.hero', attribute: 'src' },
  },
  refine,
};
