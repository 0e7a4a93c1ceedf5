// Photos and contacts on the national web: the weaker ties between ads besides shared phones.
// The world gives them realistic shares (stock photos reused within an organisation, shared
// Telegram names and mailboxes, independents' own), keeps them across years, the server answers
// each ad's photo at an address of its own, and every layout shows photo and contacts where its
// adapter looks, with the site's own mailbox and reviewers' @nicks outside the ad.

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { getAdapter } from '../../../crawlers/index.ts';
import type { SiteAdapter } from '../../../crawlers/types.ts';
import { placeholderPhoto, syntheticPhoto } from '../../../src/demo/photos.ts';
import { NATIONAL_LAYOUTS } from '../../../src/demo/national/layouts/index.ts';
import { PLACEHOLDER_PATH, photoPath, supportEmail } from '../../../src/demo/national/layouts/shared.ts';
import { startNationalWeb, type NationalWeb } from '../../../src/demo/national/server.ts';
import {
  EMAIL_DOMAINS, INDEPENDENT_CONTACT_SHARE, ORGANISATION_CONTACT_SHARE, PHOTO_POOL_CAP, PHOTO_SHARE, photoVariant,
} from '../../../src/demo/national/ties.ts';
import type { NationalProfile, NationalWorld } from '../../../src/demo/national/types.ts';
import { generateNationalWorld } from '../../../src/demo/national/world.ts';
import { loadHtml } from '../../../src/extract/dom.ts';
import { extractProfile } from '../../../src/extract/profile.ts';
import { findContacts } from '../../../src/normalise/contacts.ts';

const world = generateNationalWorld({ seed: 2025 });
const next = generateNationalWorld({ seed: 2025, year: 2026 });

function groupBy<T, K>(items: readonly T[], key: (t: T) => K): Map<K, T[]> {
  const m = new Map<K, T[]>();
  for (const t of items) m.set(key(t), [...(m.get(key(t)) ?? []), t]);
  return m;
}

const photoSeeds = (w: NationalWorld) => groupBy(w.profiles.filter((p) => p.photo), (p) => p.photo!.seed);
const share = (part: number, whole: number) => part / whole;

describe('photos in the world', () => {
  it('gives most ads a photo, in the site’s variant', () => {
    for (const w of [world, next]) {
      const withPhoto = w.profiles.filter((p) => p.photo);
      expect(Math.abs(share(withPhoto.length, w.profiles.length) - PHOTO_SHARE)).toBeLessThan(0.02);
      for (const p of withPhoto) {
        expect(p.photo!.variant).toBe(photoVariant(p.siteId));
        expect(p.photo!.variant).toBeGreaterThanOrEqual(0);
        expect(p.photo!.variant).toBeLessThanOrEqual(5);
      }
    }
  });

  it('gives every independent a picture nobody else shows', () => {
    for (const w of [world, next]) {
      const bySeed = photoSeeds(w);
      const shared = w.profiles.filter((p) => p.organisationId === null && p.photo && bySeed.get(p.photo.seed)!.length > 1);
      expect(shared).toEqual([]);
    }
  });

  it('lets organisation members reuse stock photos: about half of them, each photo on a few ads of one organisation', () => {
    for (const w of [world, next]) {
      const bySeed = photoSeeds(w);
      const members = w.profiles.filter((p) => p.organisationId !== null && p.photo);
      const pooled = members.filter((p) => w.organisations.find((o) => o.id === p.organisationId)!.photoSeeds.includes(p.photo!.seed));
      expect(share(pooled.length, members.length)).toBeGreaterThan(0.43);
      expect(share(pooled.length, members.length)).toBeLessThan(0.57);
      // Most pooled ads share their picture with another ad of the same organisation.
      const sharing = pooled.filter((p) => bySeed.get(p.photo!.seed)!.length > 1);
      expect(share(sharing.length, pooled.length)).toBeGreaterThan(0.8);
      for (const ads of bySeed.values()) {
        expect(ads.length).toBeLessThanOrEqual(PHOTO_POOL_CAP);
        expect(new Set(ads.map((p) => p.organisationId)).size).toBe(1);
        // Kartla takes a picture on 25 or more profiles of a site for the placeholder.
        for (const onSite of groupBy(ads, (p) => p.siteId).values()) expect(onSite.length).toBeLessThanOrEqual(20);
      }
    }
  });

  it('keeps the photos of continuing ads and gives new ads new pictures or their organisation’s', () => {
    const before = new Map(world.profiles.map((p) => [p.id, p]));
    const oldSeeds = new Set(world.profiles.flatMap((p) => (p.photo ? [p.photo.seed] : [])));
    let kept = 0;
    for (const p of next.profiles) {
      const old = before.get(p.id);
      if (old) {
        expect(p.photo, p.id).toEqual(old.photo);
        kept++;
      } else if (p.photo && oldSeeds.has(p.photo.seed)) {
        const org = next.organisations.find((o) => o.id === p.organisationId);
        expect(org?.photoSeeds, p.id).toContain(p.photo.seed);
      }
    }
    expect(kept).toBeGreaterThan(1000);
  });
});

describe('contacts in the world', () => {
  const members = world.profiles.filter((p) => p.organisationId !== null);
  const independents = world.profiles.filter((p) => p.organisationId === null);
  const has = (kind: string) => (x: { contacts: readonly { kind: string }[] }) => x.contacts.some((c) => c.kind === kind);

  it('gives a quarter of the organisations a Telegram name and about a sixth an e-mail address', () => {
    const orgs = world.organisations;
    expect(share(orgs.filter(has('telegram')).length, orgs.length)).toBeGreaterThan(ORGANISATION_CONTACT_SHARE.telegram - 0.05);
    expect(share(orgs.filter(has('telegram')).length, orgs.length)).toBeLessThan(ORGANISATION_CONTACT_SHARE.telegram + 0.08);
    expect(share(orgs.filter(has('email')).length, orgs.length)).toBeGreaterThan(ORGANISATION_CONTACT_SHARE.email - 0.05);
    expect(share(orgs.filter(has('email')).length, orgs.length)).toBeLessThan(ORGANISATION_CONTACT_SHARE.email + 0.08);
  });

  it('gives organisations with ads without a number a contact more often', () => {
    const noPhone = new Set(members.filter((p) => p.phones.length === 0).map((p) => p.organisationId));
    const orgs = world.organisations.filter((o) => noPhone.has(o.id));
    expect(orgs.length).toBeGreaterThan(10);
    expect(share(orgs.filter((o) => o.contacts.length > 0).length, orgs.length)).toBeGreaterThan(0.4);
  });

  it('shows an organisation’s contacts on many of its ads, and no other', () => {
    let withContact = 0;
    let shown = 0;
    for (const p of members) {
      const org = world.organisations.find((o) => o.id === p.organisationId)!;
      for (const c of p.contacts) expect(org.contacts, p.id).toContainEqual(c);
      if (org.contacts.length > 0) {
        withContact++;
        if (p.contacts.length > 0) shown++;
      }
    }
    expect(share(shown, withContact)).toBeGreaterThan(0.5);
    expect(share(shown, withContact)).toBeLessThan(0.85);
  });

  it('gives a few independents a Telegram name or e-mail address of their own', () => {
    expect(Math.abs(share(independents.filter(has('telegram')).length, independents.length) - INDEPENDENT_CONTACT_SHARE.telegram)).toBeLessThan(0.015);
    expect(Math.abs(share(independents.filter(has('email')).length, independents.length) - INDEPENDENT_CONTACT_SHARE.email)).toBeLessThan(0.012);
    // Each owner's contact is its own: an independent's never shows on another ad, nor an organisation's on another organisation's.
    const owners = groupBy(world.profiles.flatMap((p) => p.contacts.map((c) => ({ value: c.value, owner: p.organisationId ?? p.id }))), (x) => x.value);
    for (const [value, list] of owners) expect(new Set(list.map((x) => x.owner)).size, value).toBe(1);
  });

  it('writes contacts normalised, e-mail on reserved domains only', () => {
    const all = [...world.profiles, ...next.profiles].flatMap((p) => p.contacts);
    expect(all.length).toBeGreaterThan(1500);
    for (const c of all) {
      if (c.kind === 'telegram') expect(c.value).toMatch(/^[a-z][a-z0-9_]{4,31}$/);
      else {
        expect(c.value).toMatch(/^[a-z0-9._]+@[a-z0-9.-]+$/);
        const domain = c.value.split('@')[1]!;
        expect((EMAIL_DOMAINS as readonly string[]).includes(domain) || domain.endsWith('.test'), c.value).toBe(true);
      }
    }
  });

  it('keeps the contacts of continuing ads and of their organisations', () => {
    const before = new Map(world.profiles.map((p) => [p.id, p]));
    for (const p of next.profiles) {
      const old = before.get(p.id);
      if (old) expect(p.contacts, p.id).toEqual(old.contacts);
    }
    const orgsBefore = new Map(world.organisations.map((o) => [o.id, o]));
    for (const o of next.organisations) if (orgsBefore.has(o.id)) expect(o.contacts).toEqual(orgsBefore.get(o.id)!.contacts);
  });
});

// ---- pages ----

const BASE = 'http://nat.demo.test';

/** The URL the adapter's photo spec names on the page, resolved as the crawler resolves it. */
function photoUrl(adapter: SiteAdapter, html: string, pageUrl: string): string | null {
  const spec = adapter.profile.photo;
  if (!spec) return null;
  const value = loadHtml(html)(spec.selector).first().attr(spec.attribute);
  return value ? new URL(value, pageUrl).href : null;
}

/** What the adapter's profile scope shows, links included, with spelled-out addresses undone. */
function scopeText(adapter: SiteAdapter, html: string): string {
  const $ = loadHtml(html);
  const scope = adapter.profile.phones?.scope ?? 'body';
  const parts: string[] = [];
  $(scope).each((_, el) => {
    parts.push($(el).text());
    $(el).find('[href]').each((_, a) => void parts.push($(a).attr('href') ?? ''));
  });
  return parts
    .join(' ')
    .toLowerCase()
    .replace(/\s*(?:\[at\]|\(at\)| snabel-a | at )\s*/g, '@')
    .replace(/\s*(?:\[dot\]| punkt | dot )\s*/g, '.');
}

describe('photos and contacts on every layout', () => {
  const small = generateNationalWorld({ seed: 99, sites: 6, profiles: 400 });
  // Ads with contacts and without photos first, so every layout meets both.
  const sample = [
    ...small.profiles.filter((p) => p.contacts.length > 0),
    ...small.profiles.filter((p) => p.photo === null).slice(0, 20),
    ...small.profiles.slice(0, 40),
  ];

  for (const layout of NATIONAL_LAYOUTS.values()) {
    it(`${layout.id}: the adapter's photo spec finds the ad's photo, and the contacts are in the ad`, () => {
      const adapter = getAdapter(layout.adapter)!;
      expect(adapter.profile.photo).toBeDefined();
      const wrong: string[] = [];
      let mentions = 0;
      const bySite = groupBy(sample, (p) => p.siteId);
      for (const [siteId, profiles] of bySite) {
        const site = { ...small.sites.find((s) => s.id === siteId)!, layout: layout.id };
        const index = layout.build(site, profiles);
        for (const p of profiles) {
          const path = layout.profilePath(p);
          const url = new URL(path, BASE);
          const page = index.serve({ path: url.pathname, query: url.searchParams }, BASE);
          if (!page) {
            wrong.push(`${path}: not served`);
            continue;
          }
          const photo = photoUrl(adapter, page.body, url.href);
          const expected = new URL(p.photo ? `/photos/${p.externalId}.jpg` : PLACEHOLDER_PATH, BASE).href;
          if (photo !== expected) wrong.push(`${path}: photo ${photo}, expected ${expected}`);
          const text = scopeText(adapter, page.body);
          for (const c of p.contacts) if (!text.includes(c.value)) wrong.push(`${path}: ${c.kind} ${c.value} not in the ad`);
          // And Kartla reads exactly them, whatever form the ad writes them in.
          const read = findContacts(extractProfile(adapter, page.body, url.href).contacts ?? []).map((c) => `${c.kind}:${c.value}`);
          const want = p.contacts.map((c) => `${c.kind}:${c.value}`);
          if ([...new Set(read)].sort().join() !== [...want].sort().join()) wrong.push(`${path}: read ${read.join()} for ${want.join()}`);
          // The site's own mailbox is on the page, outside the ad.
          if (!page.body.includes(supportEmail(site))) wrong.push(`${path}: no site mailbox`);
          if (text.includes(supportEmail(site))) wrong.push(`${path}: site mailbox inside the ad`);
          // A reviewer's "@nick" is no contact of the ad's.
          const $ = loadHtml(page.body);
          $('.review-mention').each((_, el) => {
            mentions++;
            if (text.includes($(el).text().toLowerCase().trim())) wrong.push(`${path}: review mention inside the ad`);
          });
        }
      }
      expect(wrong.slice(0, 10)).toEqual([]);
      if (small.sites.some((s) => s.reviews)) expect(mentions).toBeGreaterThan(0);
    });
  }

  it('gives each ad a photo address of its own, so the address never tells which pictures are shared', () => {
    const paths = small.profiles.filter((p) => p.photo).map((p) => `${p.siteId}${photoPath(p)}`);
    expect(new Set(paths).size).toBe(paths.length);
    for (const p of small.profiles) if (p.photo) expect(photoPath(p)).not.toContain(String(p.photo.seed));
  });

  it('writes contacts in several forms', () => {
    const pages = [...NATIONAL_LAYOUTS.values()].map((layout) => {
      const site = { ...world.sites[0]!, layout: layout.id };
      const profiles = world.profiles.filter((p) => p.contacts.length > 0).slice(0, 300);
      const index = layout.build(site, profiles);
      return profiles.map((p) => {
        const url = new URL(layout.profilePath(p), BASE);
        return index.serve({ path: url.pathname, query: url.searchParams }, BASE)?.body ?? '';
      });
    });
    const all = pages.flat().join('\n');
    for (const form of ['https://t.me/', 'Telegram: @', 'TG @', 'mailto:', '[at]', '(at)', ' snabel-a ']) expect(all, form).toContain(form);
  });
});

describe('photos on the national web server', () => {
  let web: NationalWeb;

  beforeAll(async () => {
    web = await startNationalWeb({ seed: 7, sites: 8, profiles: 600 });
  });
  afterAll(async () => {
    await web?.close();
  });

  const siteOf = (p: NationalProfile) => web.sites.find((s) => s.id === p.siteId)!;
  const fetchPhoto = async (p: NationalProfile, path = photoPath(p)) => {
    const res = await fetch(new URL(path, siteOf(p).baseUrl));
    return { status: res.status, type: res.headers.get('content-type') ?? '', bytes: Buffer.from(await res.arrayBuffer()) };
  };

  it('answers an ad’s photo address with the JPEG of its picture', async () => {
    const p = web.world.profiles.find((x) => x.photo)!;
    const got = await fetchPhoto(p);
    expect(got.status).toBe(200);
    expect(got.type).toBe('image/jpeg');
    expect(got.bytes.subarray(0, 2).toString('hex')).toBe('ffd8');
    expect(got.bytes.equals(await syntheticPhoto(p.photo!.seed, p.photo!.variant))).toBe(true);
  });

  it('answers the same bytes for two ads with the same picture on one site, other bytes on another site', async () => {
    const pairs = [...groupBy(web.world.profiles.filter((p) => p.photo), (p) => `${p.photo!.seed}:${p.photo!.variant}`).values()];
    const same = pairs.find((ads) => ads.length > 1)!;
    expect(same).toBeDefined();
    const [a, b] = await Promise.all([fetchPhoto(same[0]!), fetchPhoto(same[1]!)]);
    expect(a.bytes.equals(b.bytes)).toBe(true);
    const acrossSites = [...groupBy(web.world.profiles.filter((p) => p.photo), (p) => p.photo!.seed).values()].find(
      (ads) => new Set(ads.map((p) => p.photo!.variant)).size > 1,
    );
    if (acrossSites) {
      const other = acrossSites.find((p) => p.photo!.variant !== acrossSites[0]!.photo!.variant)!;
      expect((await fetchPhoto(acrossSites[0]!)).bytes.equals((await fetchPhoto(other)).bytes)).toBe(false);
    }
  });

  it('serves the site’s placeholder for ads without a photo, and 404 for unknown photos', async () => {
    const p = web.world.profiles.find((x) => x.photo === null)!;
    expect(photoPath(p)).toBe(PLACEHOLDER_PATH);
    const got = await fetchPhoto(p);
    expect(got.status).toBe(200);
    expect(got.type).toBe('image/jpeg');
    expect(got.bytes.equals(await placeholderPhoto(p.siteId))).toBe(true);
    // An ad without a photo has no photo address of its own.
    expect((await fetchPhoto(p, `/photos/${p.externalId}.jpg`)).status).toBe(404);
    for (const path of ['/photos/999999999.jpg', '/photos/.jpg', '/photos/%E0%A4%A.jpg', '/photos/1/2.jpg']) {
      expect((await fetchPhoto(p, path)).status, path).toBe(404);
    }
  });

  it('lets injected failures hit photos too, and a retry succeed', async () => {
    const flaky = await startNationalWeb({ seed: 3, sites: 4, profiles: 120, errorRate: 0.5 });
    try {
      const urls = flaky.world.profiles
        .filter((p) => p.photo)
        .map((p) => new URL(photoPath(p), flaky.sites.find((s) => s.id === p.siteId)!.baseUrl).href);
      const first = await Promise.all(urls.map(async (u) => (await fetch(u)).status));
      expect(first.filter((s) => s === 503).length).toBeGreaterThan(10);
      const second = await Promise.all(urls.map(async (u) => (await fetch(u)).status));
      expect(second.every((s) => s === 200)).toBe(true);
    } finally {
      await flaky.close();
    }
  });
});
