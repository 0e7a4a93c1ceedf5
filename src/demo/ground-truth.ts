// What a correct mapping of the demo web finds: every profile with the facts its page states,
// keyed by the canonical URL a crawler ends up with. Tests and `kartla demo` score runs on it.

import { canonicalUrl } from '../extract/url.ts';
import type { DemoWorld } from './generator.ts';
import { demoSite } from './sites/index.ts';

export interface GroundTruthProfile {
  siteId: string;
  /** Canonical absolute URL (canonicalUrl() of the address the listings link to). */
  url: string;
  externalId: string | null;
  age: number | null;
  gender: 'woman' | 'man' | 'trans' | 'unknown';
  /** The place as the page writes it. */
  locationText: string | null;
  /** SCB municipality code of the place. */
  kommunCode: string | null;
  /** E.164, sorted, each once. */
  phones: string[];
}

/** Ground truth for a world served at `baseUrls` (site id → origin, e.g. http://127.0.0.1:41234). */
export function groundTruthFor(world: DemoWorld, baseUrls: Readonly<Record<string, string>>): GroundTruthProfile[] {
  const out: GroundTruthProfile[] = [];
  for (const p of world.profiles) {
    const site = demoSite(p.siteId);
    const base = baseUrls[p.siteId];
    if (!site || base === undefined) continue;
    const url = canonicalUrl(site.profilePath(p), base);
    if (url === null) throw new Error(`demo profile address is not a web address: ${base}${site.profilePath(p)}`);
    out.push({
      siteId: p.siteId,
      url,
      externalId: p.externalId,
      age: p.age,
      gender: p.gender,
      locationText: p.place.text,
      kommunCode: p.place.kommunCode,
      phones: [...new Set(p.phones.map((ph) => ph.e164))].sort(),
    });
  }
  return out.sort((a, b) => (a.siteId === b.siteId ? (a.url < b.url ? -1 : a.url > b.url ? 1 : 0) : a.siteId < b.siteId ? -1 : 1));
}
