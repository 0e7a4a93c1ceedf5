// The national web's server: every profile of the ground truth is a page, unknown paths are 404,
// and injected failures are deterministic and hit only a URL's first request.

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startNationalWeb, type NationalWeb } from '../../../src/demo/national/server.ts';
import { NATIONAL_LAYOUTS } from '../../../src/demo/national/layouts/index.ts';
import { getAdapter } from '../../../crawlers/index.ts';

async function get(url: string): Promise<{ status: number; type: string; body: string }> {
  const res = await fetch(url);
  return { status: res.status, type: res.headers.get('content-type') ?? '', body: await res.text() };
}

describe('the national web server', () => {
  let web: NationalWeb;

  beforeAll(async () => {
    web = await startNationalWeb({ seed: 7, sites: 8, profiles: 600 });
  });
  afterAll(async () => {
    await web?.close();
  });

  it('serves every ground-truth profile as HTML', async () => {
    const truth = web.groundTruth();
    expect(truth).toHaveLength(600);
    const bad: string[] = [];
    for (let i = 0; i < truth.length; i += 50) {
      const batch = await Promise.all(truth.slice(i, i + 50).map(async (t) => ({ t, r: await get(t.url) })));
      for (const { t, r } of batch) {
        if (r.status !== 200 || !r.type.startsWith('text/html')) bad.push(`${t.url} ${r.status} ${r.type}`);
        else if (t.externalId && !r.body.includes(t.externalId)) bad.push(`${t.url} lacks its id`);
      }
    }
    expect(bad).toEqual([]);
  });

  it('serves start pages, robots.txt, and names registered adapters', async () => {
    for (const site of web.sites) {
      expect(getAdapter(site.adapter), site.adapter).toBeDefined();
      expect(NATIONAL_LAYOUTS.get(site.renderedLayout as never)).toBeDefined();
      for (const url of site.startUrls) expect((await get(url)).status).toBe(200);
      const robots = await get(new URL('/robots.txt', site.baseUrl).href);
      expect(robots.status).toBe(200);
      expect(robots.body).toMatch(/^User-agent: \*/);
    }
  });

  it('answers 404 for unknown paths and profiles', async () => {
    const base = web.sites[0]!.baseUrl;
    for (const path of ['/no-such-page', '/annons/999999999', '/profile.php?id=999999999', '/ad/999999999', '/lista/99999', '/annonser?page=9999']) {
      expect((await get(new URL(path, base).href)).status).toBe(404);
    }
  });

  it('keeps site phones in footers only and escapes text', async () => {
    const truth = web.groundTruth();
    const page = await get(truth[0]!.url);
    expect(page.body).toContain('tel:+442079460999');
    expect(page.body).not.toMatch(/<script>/);
  });
});

describe('error injection', () => {
  it('fails the same URLs on each start, and a retry succeeds', async () => {
    const statuses = async (): Promise<{ first: number[]; second: number[]; injected: number }> => {
      const web = await startNationalWeb({ seed: 3, sites: 4, profiles: 120, errorRate: 0.3, latencyMs: 1 });
      try {
        const urls = web.groundTruth().map((t) => t.url);
        const first: number[] = [];
        for (const u of urls) first.push((await get(u)).status);
        const second: number[] = [];
        for (const u of urls) second.push((await get(u)).status);
        return { first, second, injected: web.injectedErrors() };
      } finally {
        await web.close();
      }
    };
    const a = await statuses();
    const b = await statuses();
    expect(a.first).toEqual(b.first);
    const failed = a.first.filter((s) => s === 503).length;
    expect(failed).toBeGreaterThan(10);
    expect(failed).toBeLessThan(70);
    expect(a.injected).toBe(failed);
    expect(a.second.every((s) => s === 200)).toBe(true);
  });

  it('rejects an impossible error rate', async () => {
    await expect(startNationalWeb({ seed: 1, sites: 4, profiles: 10, errorRate: 1 })).rejects.toThrow(RangeError);
  });
});
