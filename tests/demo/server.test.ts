import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { getAdapter } from '../../crawlers/index.ts';
import { startDemoSites, type DemoSites } from '../../src/demo/server.ts';

let demo: DemoSites;

beforeAll(async () => {
  demo = await startDemoSites({ seed: 11 });
});

afterAll(async () => {
  await demo?.close();
});

describe('startDemoSites', () => {
  it('serves three sites on distinct loopback ports, each naming a registered adapter', () => {
    expect(demo.sites.map((s) => s.id)).toEqual(['demo-stad', 'demo-annons', 'demo-tabell']);
    expect(new Set(demo.sites.map((s) => s.baseUrl)).size).toBe(3);
    for (const site of demo.sites) {
      expect(site.baseUrl).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
      expect(getAdapter(site.adapter)).toBeDefined();
      expect(site.startUrls.length).toBeGreaterThan(0);
      for (const u of site.startUrls) expect(u.startsWith(`${site.baseUrl}/`)).toBe(true);
    }
  });

  it('serves the start pages and every ground-truth profile with 200 and text/html', async () => {
    const urls = [...demo.sites.flatMap((s) => s.startUrls), ...demo.groundTruth().map((t) => t.url)];
    const statuses = await Promise.all(
      urls.map(async (u) => {
        const res = await fetch(u);
        await res.arrayBuffer();
        return `${res.status} ${res.headers.get('content-type')}`;
      }),
    );
    expect(new Set(statuses)).toEqual(new Set(['200 text/html; charset=utf-8']));
  });

  it('answers unknown paths, out-of-range pages and unknown profiles with 404', async () => {
    const [stad, annons, tabell] = demo.sites;
    for (const u of [
      `${stad!.baseUrl}/nope`,
      `${stad!.baseUrl}/stad/atlantis`,
      `${stad!.baseUrl}/stad/stockholm?sida=999`,
      `${stad!.baseUrl}/stad/stockholm?sida=abc`,
      `${stad!.baseUrl}/annons/nobody-1`,
      `${annons!.baseUrl}/annonser?page=0`,
      `${annons!.baseUrl}/a/1/x`,
      `${tabell!.baseUrl}/profile.php?id=999999`,
      `${tabell!.baseUrl}/profile.php`,
    ]) {
      const res = await fetch(u);
      expect(res.status, u).toBe(404);
      expect(res.headers.get('content-type')).toBe('text/html; charset=utf-8');
      await res.arrayBuffer();
    }
  });

  it('serves a robots.txt that allows the listings and profiles', async () => {
    for (const site of demo.sites) {
      const res = await fetch(`${site.baseUrl}/robots.txt`);
      expect(res.status).toBe(200);
      expect(res.headers.get('content-type')).toBe('text/plain; charset=utf-8');
      const body = await res.text();
      expect(body).toMatch(/^User-agent: \*/);
      const disallowed = body.split('\n').filter((l) => l.startsWith('Disallow:')).map((l) => l.slice(9).trim());
      for (const u of [...site.startUrls, ...demo.groundTruth().filter((t) => t.siteId === site.id).map((t) => t.url)]) {
        const path = new URL(u).pathname;
        expect(disallowed.some((d) => d && path.startsWith(d))).toBe(false);
      }
    }
  });

  it('answers HEAD without a body and refuses other methods', async () => {
    const site = demo.sites[0]!;
    const head = await fetch(site.startUrls[0]!, { method: 'HEAD' });
    expect(head.status).toBe(200);
    expect(await head.text()).toBe('');
    const post = await fetch(site.startUrls[0]!, { method: 'POST', body: 'x' });
    expect(post.status).toBe(405);
    await post.arrayBuffer();
  });

  it('switches every site to another epoch', async () => {
    const truth0 = demo.groundTruth();
    demo.setEpoch(1);
    try {
      const truth1 = demo.groundTruth();
      const urls1 = new Set(truth1.map((t) => t.url));
      const gone = truth0.filter((t) => !urls1.has(t.url));
      const added = truth1.filter((t) => !truth0.some((o) => o.url === t.url));
      expect(gone.length).toBeGreaterThan(0);
      expect(added.length).toBeGreaterThan(0);
      expect((await fetch(gone[0]!.url)).status).toBe(404);
      expect((await fetch(added[0]!.url)).status).toBe(200);
    } finally {
      demo.setEpoch(0);
    }
    expect(demo.groundTruth()).toEqual(truth0);
  });

  it('closes its servers', async () => {
    const other = await startDemoSites({ seed: 3 });
    const url = other.sites[0]!.startUrls[0]!;
    expect((await fetch(url)).status).toBe(200);
    await other.close();
    await expect(fetch(url)).rejects.toThrow();
  });
});
