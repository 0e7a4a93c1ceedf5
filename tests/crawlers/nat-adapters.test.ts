// Each national layout read by its nat-* adapter, page by page without a server: every profile's
// id, age, gender word and place come out of its page, the site's own number never does, and the
// first listing page links to exactly the profiles it shows.

import { describe, expect, it } from 'vitest';
import { getAdapter } from '../../crawlers/index.ts';
import { extractListing, extractProfile, revealUrls, revealedPhones } from '../../src/extract/index.ts';
import { NATIONAL_LAYOUTS } from '../../src/demo/national/layouts/index.ts';
import { SITE_SUPPORT_NUMBER } from '../../src/demo/national/layouts/shared.ts';
import { generateNationalWorld } from '../../src/demo/national/world.ts';

const BASE = 'http://nat.demo.test';
const world = generateNationalWorld({ seed: 99, sites: 6, profiles: 400 });
const digits = (s: string) => s.replace(/\D/g, '');
const SUPPORT_TAIL = SITE_SUPPORT_NUMBER.slice(-8);

for (const layout of NATIONAL_LAYOUTS.values()) {
  describe(`${layout.adapter} on the ${layout.id} layout`, () => {
    const adapter = getAdapter(layout.adapter)!;
    // Every site of the world rendered in this layout, so both languages and all styles occur.
    const sites = world.sites.map((s) => ({ site: s, profiles: world.profiles.filter((p) => p.siteId === s.id) }));

    it('is registered', () => {
      expect(adapter?.name).toBe(layout.adapter);
    });

    it('reads every profile page, and never the site number', () => {
      const wrong: string[] = [];
      for (const { site, profiles } of sites) {
        const index = layout.build(site, profiles);
        for (const p of profiles) {
          const path = layout.profilePath(p);
          const [pathname, search = ''] = path.split('?');
          const page = index.serve({ path: pathname!, query: new URLSearchParams(search) }, BASE);
          if (!page || page.status !== 200) {
            wrong.push(`${path}: not served`);
            continue;
          }
          const got = extractProfile(adapter, page.body, BASE + path);
          // "Show number" endpoints answer what the page leaves out, as the crawler fetches them.
          for (const url of revealUrls(adapter, page.body, BASE + path)) {
            const u = new URL(url);
            const answer = index.serve({ path: u.pathname, query: u.searchParams }, BASE);
            if (answer?.status === 200) got.phones.push(...revealedPhones(answer.body, answer.contentType));
            else wrong.push(`${url}: reveal not served`);
          }
          if (got.externalId !== p.externalId) wrong.push(`${path}: id ${got.externalId}`);
          if (p.age !== null && !(got.fields.age ?? '').includes(String(p.age))) wrong.push(`${path}: age ${got.fields.age}`);
          if (!got.fields.gender) wrong.push(`${path}: no gender`);
          if (!(got.fields.location ?? '').includes(p.locality)) wrong.push(`${path}: location ${got.fields.location}`);
          if (got.phones.some((c) => digits(c.text).endsWith(SUPPORT_TAIL)) && !p.phones.includes(SITE_SUPPORT_NUMBER)) {
            wrong.push(`${path}: took the site number`);
          }
          if (p.phones.length > 0 && got.phones.length === 0) wrong.push(`${path}: no phones`);
        }
      }
      expect(wrong.slice(0, 10)).toEqual([]);
    });

    it('links the first listing page to profiles and onwards', () => {
      const { site, profiles } = sites.find((s) => s.profiles.length > 40)!;
      const index = layout.build(site, profiles);
      const start = new URL(layout.startPaths[0]!, BASE);
      const page = index.serve({ path: start.pathname, query: start.searchParams }, BASE)!;
      const links = extractListing(adapter, page.body, start.href);
      const known = new Set(profiles.map((p) => BASE + layout.profilePath(p)));
      expect(links.profileUrls.length + links.listingUrls.length).toBeGreaterThan(0);
      for (const u of links.profileUrls) expect(known.has(u), u).toBe(true);
      expect(links.listingUrls.length).toBeGreaterThan(0);
    });
  });
}
