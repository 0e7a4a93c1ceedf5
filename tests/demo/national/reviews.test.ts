// Review sections (three sites of the national web): buyers' reviews that name other ages, places,
// dates and prices than the ad. They are a hard negative for extraction, so besides their shape
// these tests check that every nat-* adapter reads the same profile with and without them.

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { getAdapter } from '../../../crawlers/index.ts';
import type { FieldSpec, SiteAdapter } from '../../../crawlers/types.ts';
import { esc } from '../../../src/demo/html.ts';
import { NATIONAL_LAYOUTS } from '../../../src/demo/national/layouts/index.ts';
import { startNationalWeb, type NationalWeb } from '../../../src/demo/national/server.ts';
import { DISTRESS_CUES } from '../../../src/demo/national/text.ts';
import type { NationalProfile, NationalSite, NationalWorld } from '../../../src/demo/national/types.ts';
import { generateNationalWorld } from '../../../src/demo/national/world.ts';
import { truthFromWorld } from '../../../src/eval/truth.ts';
import { loadHtml } from '../../../src/extract/dom.ts';
import { extractProfile } from '../../../src/extract/profile.ts';
import { findPhonesInText } from '../../../src/normalise/phone.ts';

const reviewSiteIds = (w: NationalWorld) => new Set(w.sites.filter((s) => s.reviews).map((s) => s.id));
const cueIn = (text: string) => DISTRESS_CUES.find((c) => text.toLowerCase().includes(c.phrase.toLowerCase()));

describe('reviews in the world', () => {
  // The full base year and a later one, whose new ads get their reviews from churn.
  const world = generateNationalWorld({ seed: 2025 });
  const later = generateNationalWorld({ seed: 2025, year: 2027 });

  it('gives 0-4 reviews to ads on the three review sites only, in both years', () => {
    for (const w of [world, later]) {
      const ids = reviewSiteIds(w);
      expect(ids.size).toBe(3);
      for (const p of w.profiles) {
        if (!ids.has(p.siteId)) expect(p.reviews, p.id).toEqual([]);
        else expect(p.reviews.length).toBeLessThanOrEqual(4);
      }
      for (const id of ids) expect(w.profiles.some((p) => p.siteId === id && p.reviews.length > 0), id).toBe(true);
      const fresh = new Set(w.changes?.appeared ?? []);
      if (fresh.size > 0) expect(w.profiles.some((p) => fresh.has(p.id) && p.reviews.length > 0)).toBe(true);
    }
  });

  it('keeps an ad’s reviews from one year to the next', () => {
    const before = new Map(world.profiles.map((p) => [p.id, p]));
    const kept = later.profiles.filter((p) => before.has(p.id));
    expect(kept.length).toBeGreaterThan(1000);
    for (const p of kept) expect(p.reviews).toEqual(before.get(p.id)!.reviews);
  });

  it('writes dated, rated reviews in the site’s language, before the mapping that first saw the ad', () => {
    const sites = new Map(world.sites.map((s) => [s.id, s]));
    for (const p of world.profiles) {
      for (const r of p.reviews) {
        expect(r.date < `${p.firstYear}-03-01`).toBe(true);
        expect(r.date >= `${p.firstYear - 1}-03-01`).toBe(true);
        expect(r.rating).toBeGreaterThanOrEqual(1);
        expect(r.rating).toBeLessThanOrEqual(5);
        expect(r.author).not.toBe('');
        if (sites.get(p.siteId)!.language === 'en') expect(r.text).toMatch(/\b(?:she|he|her|him|I|SEK|kr)\b/);
      }
    }
  });

  it('never writes a phone number: no run of 7+ digits, nothing the phone reader takes', () => {
    for (const w of [world, later]) {
      for (const p of w.profiles) {
        for (const r of p.reviews) {
          expect(r.text, p.id).not.toMatch(/\d{7,}/);
          expect(r.author, p.id).not.toMatch(/\d{7,}/);
          expect(findPhonesInText(r.text), r.text).toEqual([]);
        }
      }
    }
  });

  it('names other ages and places than the ad states, and sometimes dates and prices', () => {
    const texts = world.profiles.flatMap((p) => p.reviews.map((r) => ({ p, text: r.text })));
    expect(texts.length).toBeGreaterThan(1000);
    for (const { p, text } of texts) {
      for (const m of text.matchAll(/(?:var|was|vara runt|Påstod|Claimed|Säkert|Must be|older than) (\d{2})\b/g)) expect(Number(m[1]), text).not.toBe(p.age);
    }
    const share = (re: RegExp) => texts.filter(({ text }) => re.test(text)).length / texts.length;
    expect(share(/\b\d{2}\b(?! ?(?:kr|SEK))/)).toBeGreaterThan(0.5);
    expect(share(/\b(?:kr|SEK)\b/)).toBeGreaterThan(0.3);
    expect(share(/\d{4}-\d{2}-\d{2}|\d{1,2}\/\d{1,2}/)).toBeGreaterThan(0.2);
    expect(share(/(?:hon|she) var 2\d|she was \d\d/i)).toBeGreaterThan(0.02);
  });

  it('puts a distress cue in about 5-10 % of reviewed ads, more often for organisation members', () => {
    const reviewed = world.profiles.filter((p) => p.reviews.length > 0);
    const distressed = (ps: NationalProfile[]) => ps.filter((p) => p.reviews.some((r) => r.distress)).length / ps.length;
    const share = distressed(reviewed);
    expect(share).toBeGreaterThanOrEqual(0.05);
    expect(share).toBeLessThanOrEqual(0.1);
    expect(distressed(reviewed.filter((p) => p.organisationId))).toBeGreaterThan(distressed(reviewed.filter((p) => !p.organisationId)));
    for (const p of reviewed) {
      for (const r of p.reviews) expect(cueIn(r.text) !== undefined, r.text).toBe(r.distress);
      expect(p.reviews.filter((r) => r.distress).length).toBeLessThanOrEqual(1);
    }
    const used = new Set(reviewed.flatMap((p) => p.reviews.map((r) => cueIn(r.text)?.phrase).filter(Boolean)));
    expect(used.size).toBeGreaterThanOrEqual(8);
  });

  it('keeps the distress in the ground truth, outside the scored fields', () => {
    const truth = truthFromWorld(world, (site, id) => `http://${site}/${id}`);
    const byUrl = new Map(world.profiles.map((p) => [`http://${p.siteId}/${p.id}`, p]));
    expect(truth.filter((t) => t.reviewDistress).length).toBeGreaterThan(50);
    for (const t of truth) expect(t.reviewDistress).toBe(byUrl.get(t.url)!.reviews.some((r) => r.distress));
  });
});

describe('review sections on the served web', () => {
  let web: NationalWeb;

  beforeAll(async () => {
    web = await startNationalWeb({ seed: 2025, sites: 10, profiles: 800 });
  });
  afterAll(async () => {
    await web?.close();
  });

  it('shows every review on every profile page of a review site, and no review section anywhere else', async () => {
    const sites = new Map(web.world.sites.map((s) => [s.id, s]));
    const truth = web.groundTruth();
    const profiles = new Map(web.world.profiles.map((p) => [web.urlFor(p.siteId, p.id), p]));
    const bad: string[] = [];
    let shown = 0;
    for (let i = 0; i < truth.length; i += 50) {
      const pages = await Promise.all(truth.slice(i, i + 50).map(async (t) => ({ t, body: await (await fetch(t.url)).text() })));
      for (const { t, body } of pages) {
        const p = profiles.get(t.url)!;
        const has = body.includes('class="reviews"');
        if (has !== sites.get(p.siteId)!.reviews) bad.push(`${t.url}: review section ${has ? 'on a site without reviews' : 'missing'}`);
        const count = (body.match(/<div class="review"/g) ?? []).length;
        if (count !== p.reviews.length) bad.push(`${t.url}: ${count} reviews shown, ${p.reviews.length} written`);
        for (const r of p.reviews) if (!body.includes(esc(r.text)) || !body.includes(esc(r.author))) bad.push(`${t.url}: review text or author missing`);
        shown += count;
      }
    }
    expect(bad).toEqual([]);
    expect(shown).toBeGreaterThan(100);
    for (const site of web.sites) {
      for (const url of site.startUrls) expect(await (await fetch(url)).text(), url).not.toContain('class="review');
    }
  });
});

/**
 * The adapter's selectors and phone scope that take in review text. The pages' reviews hold no
 * number and their labels differ, so reading them today changes nothing; a scope that holds them
 * would still read the first review that does, so the scopes must leave them out.
 */
function reviewsInScope(adapter: SiteAdapter, html: string): string[] {
  const $ = loadHtml(html);
  expect($('.reviews .review-text').length + $('.reviews .no-reviews').length).toBeGreaterThan(0);
  const selectors: [string, string][] = [];
  for (const [key, spec] of Object.entries(adapter.profile.fields)) {
    for (const s of (Array.isArray(spec) ? spec : [spec]) as FieldSpec[]) if (s.selector) selectors.push([key, s.selector]);
  }
  if (adapter.profile.phones?.scope) selectors.push(['phones', adapter.profile.phones.scope]);
  const bad: string[] = [];
  for (const [key, selector] of selectors) {
    $(selector).each((_, el) => {
      if ($(el).closest('.reviews').length > 0 || $(el).find('.reviews, .review-text').length > 0) bad.push(`${key}: ${selector}`);
    });
  }
  return [...new Set(bad)];
}

describe('adapters keep reviews out of the profile', () => {
  // The review sites' ads (which have reviews) rendered under every layout, with and without the
  // section: an adapter that reads anything of a review would read a different profile.
  const world = generateNationalWorld({ seed: 2025, sites: 10, profiles: 800 });
  const ids = reviewSiteIds(world);
  const reviewed = world.profiles.filter((p) => ids.has(p.siteId) && p.reviews.length > 0);

  for (const layout of NATIONAL_LAYOUTS.values()) {
    it(`${layout.id}: reads the same fields and phones with the review section as without`, () => {
      const adapter = getAdapter(layout.adapter)!;
      expect(adapter).toBeDefined();
      const page = (site: NationalSite, p: NationalProfile, profiles: readonly NationalProfile[]) => {
        const url = new URL(`http://127.0.0.1${layout.profilePath(p)}`);
        const res = layout.build(site, profiles).serve({ path: url.pathname, query: url.searchParams }, 'http://127.0.0.1');
        expect(res?.status).toBe(200);
        return { html: res!.body, url: url.href };
      };
      let compared = 0;
      for (const id of ids) {
        const base = world.sites.find((s) => s.id === id)!;
        const profiles = reviewed.filter((p) => p.siteId === id).slice(0, 40);
        const withReviews: NationalSite = { ...base, layout: layout.id, reviews: true };
        const without: NationalSite = { ...withReviews, reviews: false };
        for (const p of profiles) {
          const a = page(withReviews, p, profiles);
          const b = page(without, p, profiles);
          expect(a.html).toContain('class="reviews"');
          expect(b.html).not.toContain('class="reviews"');
          expect(extractProfile(adapter, a.html, a.url), p.id).toEqual(extractProfile(adapter, b.html, b.url));
          expect(reviewsInScope(adapter, a.html), p.id).toEqual([]);
          compared++;
        }
      }
      expect(compared).toBeGreaterThanOrEqual(60);
    });
  }
});
