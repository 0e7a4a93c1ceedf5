// The crawler against a site that misbehaves in every way the issue lists: pages that are not
// HTML, too large (declared or streamed), too slow, failing with 5xx, redirecting off-site, and
// links to other hosts. Each bad page is an error on the site run; the good pages are still read.

import { existsSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { SiteAdapter } from '../../crawlers/types.ts';
import { crawlSettingsSchema } from '../../src/config/sites-schema.ts';
import type { ResolvedSite } from '../../src/config/sites-loader.ts';
import { crawlSite, type SiteCrawlResult } from '../../src/crawl/site-crawler.ts';
import type { RawProfile } from '../../src/model/profile.ts';
import { startLocalServer, type LocalServer } from '../helpers/local-server.ts';
import { localSite, timedServer } from './test-site.ts';

const adapter: SiteAdapter = {
  name: 'test-hostile',
  description: 'test adapter',
  render: 'http',
  listing: { profileLinks: 'a.profile', nextPage: 'a[rel=next]' },
  profile: {
    externalId: { fromUrl: true, pattern: '/p/(\\w+)' },
    fields: { age: { label: 'Ålder' }, location: { label: 'Stad' } },
    phones: { scope: 'main' },
  },
};

const profilePage = (id: string) =>
  `<html><body><main><h1>Profil ${id}</h1><dl><dt>Ålder</dt><dd>2${id.length} år</dd><dt>Stad</dt><dd>Umeå</dd></dl><p>Ring 070-174 06 ${id.padStart(2, '0').slice(-2)}</p></main></body></html>`;

const LIMIT = 20_000;
let server: LocalServer;
let result: SiteCrawlResult;
const profiles: RawProfile[] = [];

beforeAll(async () => {
  server = await startLocalServer((req, res) => {
    const url = req.url ?? '/';
    const html = (body: string, status = 200) => {
      res.writeHead(status, { 'content-type': 'text/html; charset=utf-8' });
      res.end(body);
    };
    if (url === '/start') {
      return html(`<html><body>
        <a class="profile" href="/p/10">a</a><a class="profile" href="/p/11">b</a>
        <a class="profile" href="/p/big">big</a><a class="profile" href="/p/streamed">streamed</a>
        <a class="profile" href="/p/pdf">pdf</a><a class="profile" href="/p/slow">slow</a>
        <a class="profile" href="/p/fail">5xx</a><a class="profile" href="/p/away">away</a>
        <a class="profile" href="/p/gone">404</a>
        <a class="profile" href="http://127.0.0.2:1/p/elsewhere">other host</a>
        <a rel="next" href="/start?page=2">next</a></body></html>`);
    }
    if (url === '/start?page=2') return html('<html><body><a class="profile" href="/p/12">c</a><a class="profile" href="/p/10">dup</a></body></html>');
    if (url === '/p/big') {
      res.writeHead(200, { 'content-type': 'text/html', 'content-length': String(LIMIT * 3) });
      return res.end('x'.repeat(LIMIT * 3));
    }
    if (url === '/p/streamed') {
      res.writeHead(200, { 'content-type': 'text/html' });
      for (let i = 0; i < 10; i++) res.write('<p>' + 'y'.repeat(LIMIT / 4) + '</p>');
      return res.end();
    }
    if (url === '/p/pdf') {
      res.writeHead(200, { 'content-type': 'application/pdf' });
      return res.end('%PDF-1.4 binary');
    }
    if (url === '/p/slow') return; // never answers
    if (url === '/p/fail') return html('boom', 503);
    if (url === '/p/away') {
      res.writeHead(302, { location: 'http://127.0.0.2:1/p/elsewhere' });
      return res.end();
    }
    if (url.startsWith('/p/gone')) return html('not here', 404);
    const match = /^\/p\/(\d+)$/.exec(url);
    if (match) return html(profilePage(match[1]!));
    return html('nope', 404);
  });

  const site = localSite(server, { id: 'hostile', name: 'Hostile', adapter: adapter.name, startUrls: [`${server.url}/start`] });
  const settings = crawlSettingsSchema.parse({ maxPageBytes: LIMIT, requestTimeoutSecs: 2, maxRetries: 1, retryBackoffMs: 10, userAgent: 'KartlaTest/1.0' });
  result = await crawlSite(site, adapter, settings, { onProfile: (raw) => void profiles.push(raw) });
}, 60_000);

afterAll(async () => {
  await server?.close();
});

describe('crawling a hostile site', () => {
  it('reads every good profile once, across listing pages', () => {
    expect(profiles.map((p) => p.externalId).sort()).toEqual(['10', '11', '12']);
    expect(profiles.find((p) => p.externalId === '11')?.fields.age).toContain('22');
  });

  it('counts each bad page as an error of the right kind and goes on', () => {
    const kinds = Object.fromEntries(result.errors.map((e) => [new URL(e.url).pathname, e.kind]));
    expect(kinds).toEqual({
      '/p/big': 'too-large',
      '/p/streamed': 'too-large',
      '/p/pdf': 'not-html',
      '/p/slow': 'timeout',
      '/p/fail': 'http-status',
      '/p/away': 'off-site-redirect',
      '/p/gone': 'http-status',
    });
    expect(result.errors.find((e) => e.url.endsWith('/p/streamed'))?.reason).toMatch(/page larger than the limit of 20000 bytes/);
    expect(result.errorCount).toBe(7);
    expect(result.listingPages).toBe(2);
  });

  it('retries a 5xx page, but not a page that will be just as large or off-site next time', () => {
    expect(server.hits.filter((h) => h === '/p/fail')).toHaveLength(2);
    expect(server.hits.filter((h) => h === '/p/big')).toHaveLength(1);
    expect(server.hits.filter((h) => h === '/p/streamed')).toHaveLength(1);
    expect(server.hits.filter((h) => h === '/p/away')).toHaveLength(1);
    expect(server.hits.filter((h) => h === '/p/pdf')).toHaveLength(1);
  });

  it('never leaves the site: no request went to another host', () => {
    // The other host (127.0.0.2:1) would have produced a network error; there is none.
    expect(result.errors.some((e) => e.url.includes('127.0.0.2'))).toBe(false);
  });

  it('keeps crawlee storage in memory: no ./storage folder appears', () => {
    expect(existsSync(path.resolve('storage'))).toBe(false);
  });
});

describe('politeness', () => {
  it('sends the configured User-Agent', async () => {
    const agents: string[] = [];
    const s = await startLocalServer((req, res) => {
      agents.push(String(req.headers['user-agent']));
      res.writeHead(200, { 'content-type': 'text/html' });
      res.end('<html><body>empty listing</body></html>');
    });
    try {
      const site: ResolvedSite = { id: 'ua', name: 'UA', adapter: adapter.name, startUrls: [`${s.url}/`], allowedHosts: [s.host], maxRequestsPerMinute: 60, maxConcurrency: 1, enabled: true, local: true, robotsOverride: null, notes: null };
      const r = await crawlSite(site, adapter, crawlSettingsSchema.parse({ userAgent: 'KartlaTest/2.0 (contact: test)' }), { onProfile: () => undefined });
      expect(r.pagesFetched).toBe(1);
      // robots.txt is asked first, with the same User-Agent as the pages.
      expect(s.hits).toEqual(['/robots.txt', '/']);
      expect(agents).toEqual(['KartlaTest/2.0 (contact: test)', 'KartlaTest/2.0 (contact: test)']);
    } finally {
      await s.close();
    }
  });

  it('keeps to maxRequestsPerMinute evenly, not in a burst, and to maxConcurrency', async () => {
    const s = await timedServer(9, 30, profilePage('1'));
    try {
      const r = await crawlSite(localSite(s, { adapter: adapter.name, maxRequestsPerMinute: 300, maxConcurrency: 2 }), adapter, crawlSettingsSchema.parse({}), { onProfile: () => undefined });
      expect(r.pagesFetched).toBe(10);
      const times = s.arrivals;
      const gaps = times.slice(1).map((t, i) => t - times[i]!);
      // 300 a minute is one request every 200 ms (robots.txt is one of them). Requests leave on
      // that beat; they arrive with some network jitter, so each gap is checked loosely and the
      // whole span tightly.
      for (const gap of gaps) expect(gap).toBeGreaterThanOrEqual(100);
      expect(times.at(-1)! - times[0]!).toBeGreaterThanOrEqual(10 * 200 - 50);
      expect(s.maxInFlight()).toBeLessThanOrEqual(2);
    } finally {
      await s.close();
    }
  });

  it('sends a site whose adapter needs a browser to the browser path, which says what to do without Chromium', async () => {
    const s = await startLocalServer((_req, res) => res.end('<html></html>'));
    const saved = process.env.KARTLA_CHROMIUM;
    delete process.env.KARTLA_CHROMIUM;
    try {
      const site: ResolvedSite = { id: 'js', name: 'JS', adapter: 'test-browser', startUrls: [`${s.url}/`], allowedHosts: [s.host], maxRequestsPerMinute: 60, maxConcurrency: 1, enabled: true, local: true, robotsOverride: null, notes: null };
      const settings = crawlSettingsSchema.parse({ chromium: '/nonexistent/chromium' });
      const r = await crawlSite(site, { ...adapter, name: 'test-browser', render: 'browser' }, settings, { onProfile: () => undefined });
      expect(r.pagesFetched).toBe(0);
      expect(r.failedStartUrls).toBe(1);
      expect(r.errors[0]?.reason).toMatch(/^Chromium not found at \/nonexistent\/chromium .*apt-get install -y chromium.*KARTLA_CHROMIUM/);
      expect(s.hits).toEqual([]);
    } finally {
      if (saved !== undefined) process.env.KARTLA_CHROMIUM = saved;
      await s.close();
    }
  });

  it('fails a site that cannot be reached, with the reason', async () => {
    const { closedPort } = await import('../helpers/local-server.ts');
    const port = await closedPort();
    const site: ResolvedSite = { id: 'down', name: 'Down', adapter: adapter.name, startUrls: [`http://127.0.0.1:${port}/`], allowedHosts: [`127.0.0.1:${port}`], maxRequestsPerMinute: 600, maxConcurrency: 1, enabled: true, local: true, robotsOverride: null, notes: null };
    const r = await crawlSite(site, adapter, crawlSettingsSchema.parse({ maxRetries: 1, retryBackoffMs: 10 }), { onProfile: () => undefined });
    expect(r.pagesFetched).toBe(0);
    expect(r.failedStartUrls).toBe(1);
    expect(r.errors[0]?.kind).toBe('network');
    expect(r.errors[0]?.reason).toBe(`connection refused: http://127.0.0.1:${port}/`);
  });
});

describe('page encodings', () => {
  // Each page says "Malmö" in its own charset; a page decoded as the wrong one would say "MalmÃ¶" or "Malm�".
  const encodings: [string, (text: string) => Buffer][] = [
    ['utf-8', (t) => Buffer.from(t, 'utf8')],
    ['latin1', (t) => Buffer.from(t, 'latin1')],
    ['iso-8859-1', (t) => Buffer.from(t, 'latin1')],
    ['windows-1252', (t) => Buffer.from(t, 'latin1')],
  ];
  it.each(encodings)('reads a page served as %s in that charset', async (charset, encode) => {
    const server = await startLocalServer((req, res) => {
      res.writeHead(200, { 'content-type': `text/html; charset=${charset}` });
      if (req.url === '/') res.end(encode('<html><body><a class="profile" href="/p/1">Annons</a></body></html>'));
      else res.end(encode('<html><body><main><h1>Profil</h1><dl><dt>Ålder</dt><dd>25 år</dd><dt>Stad</dt><dd>Malmö</dd></dl></main></body></html>'));
    });
    try {
      const read: RawProfile[] = [];
      const r = await crawlSite(localSite(server), adapter, crawlSettingsSchema.parse({ maxRetries: 0 }), { onProfile: (raw) => void read.push(raw) });
      expect(r.errorCount).toBe(0);
      expect(read).toHaveLength(1);
      expect(read[0]!.fields.location).toBe('Malmö');
      expect(read[0]!.fields.age).toBe('25 år');
    } finally {
      await server.close();
    }
  });
});
