// The key check of the demo web: what the adapters read from the served pages is what the
// ground truth says, for every profile, and walking the listings finds exactly its profiles.
// Numbers are compared by digits (normalising them is not the extractor's job).

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { getAdapter } from '../../crawlers/index.ts';
import { extractListing, extractProfile } from '../../src/extract/index.ts';
import type { GroundTruthProfile } from '../../src/demo/ground-truth.ts';
import { SITE_SERVICE_NUMBERS } from '../../src/demo/phones.ts';
import { startDemoSites, type DemoSites } from '../../src/demo/server.ts';

let demo: DemoSites;

beforeAll(async () => {
  demo = await startDemoSites({ seed: 2025 });
});

afterAll(async () => {
  await demo?.close();
});

async function get(url: string): Promise<string> {
  const res = await fetch(url);
  if (res.status !== 200) throw new Error(`${res.status} for ${url}`);
  return res.text();
}

/** National significant number: what every written form of the number has in common. */
const nsn = (e164: string) => e164.replace(/^\+(46|44)/, '');

async function checkProfiles(truth: GroundTruthProfile[]): Promise<string[]> {
  const problems: string[] = [];
  const serviceDigits = SITE_SERVICE_NUMBERS.map(nsn);
  await Promise.all(
    truth.map(async (t) => {
      const adapter = getAdapter(demo.sites.find((s) => s.id === t.siteId)!.adapter)!;
      const raw = extractProfile(adapter, await get(t.url), t.url);
      const say = (what: string) => problems.push(`${t.url}: ${what}`);
      if (raw.url !== t.url) say(`url ${raw.url}`);
      if (raw.externalId !== t.externalId) say(`externalId ${raw.externalId} != ${t.externalId}`);
      const age = raw.fields.age ?? null;
      if (t.age === null ? age !== null && /\d/.test(age) : !age?.includes(String(t.age))) say(`age text ${age} for ${t.age}`);
      if (raw.fields.location !== t.locationText) say(`location ${raw.fields.location} != ${t.locationText}`);
      if (!raw.fields.gender && !raw.fields.category) say('no gender text');
      const candidates = raw.phones.map((p) => p.text.replace(/\D/g, ''));
      for (const phone of t.phones) {
        if (!candidates.some((c) => c.endsWith(nsn(phone)))) say(`phone ${phone} not among ${JSON.stringify(raw.phones)}`);
      }
      if (t.phones.length === 0 && raw.phones.length > 0) say(`phones on a profile without: ${JSON.stringify(raw.phones)}`);
      for (const c of candidates) if (serviceDigits.some((s) => c.endsWith(s))) say(`site service number ${c}`);
    }),
  );
  return problems.sort();
}

/** Listing pages each profile URL was found on. */
const seenOn = new Map<string, Set<string>>();

async function walkListings(): Promise<Set<string>> {
  const found = new Set<string>();
  seenOn.clear();
  for (const site of demo.sites) {
    const adapter = getAdapter(site.adapter)!;
    const seen = new Set(site.startUrls);
    const queue = [...site.startUrls];
    while (queue.length > 0) {
      const url = queue.shift()!;
      const { profileUrls, listingUrls } = extractListing(adapter, await get(url), url);
      for (const p of profileUrls) {
        found.add(p);
        seenOn.set(p, (seenOn.get(p) ?? new Set()).add(url));
      }
      for (const l of listingUrls) {
        if (!seen.has(l)) {
          seen.add(l);
          queue.push(l);
        }
      }
      if (seen.size > 500) throw new Error(`listing walk of ${site.id} does not end`);
    }
  }
  return found;
}

describe('the adapters on the demo web', () => {
  it('read every profile as the ground truth states it (epoch 0)', async () => {
    const truth = demo.groundTruth();
    expect(truth.length).toBeGreaterThan(250);
    expect(await checkProfiles(truth)).toEqual([]);
  });

  it('find exactly the ground-truth profiles by walking the listings (epoch 0)', async () => {
    const found = await walkListings();
    expect([...found].sort()).toEqual(demo.groundTruth().map((t) => t.url).sort());
  });

  it('do the same a month later (epoch 1)', async () => {
    demo.setEpoch(1);
    try {
      const truth = demo.groundTruth();
      expect(await checkProfiles(truth)).toEqual([]);
      expect([...(await walkListings())].sort()).toEqual(truth.map((t) => t.url).sort());
    } finally {
      demo.setEpoch(0);
    }
  });

  it('count an ad listed under two cities once', async () => {
    const found = await walkListings();
    const cityPages = (u: string) => new Set([...(seenOn.get(u) ?? [])].map((l) => new URL(l).pathname).filter((p) => p.startsWith('/stad/')));
    const twice = [...found].filter((u) => cityPages(u).size >= 2);
    expect(twice.length).toBeGreaterThan(0);
    const stad = demo.groundTruth().filter((t) => t.siteId === 'demo-stad');
    expect([...found].filter((u) => u.startsWith(`${demo.sites[0]!.baseUrl}/`)).sort()).toEqual(stad.map((t) => t.url).sort());
  });
});
