// The crawler on sites that speak JSON: a listing continued by a "load more" API, and phone
// numbers behind "show number" endpoints. Good answers are read; broken, hostile and failing ones
// are errors on the site run, each profile is still handed on exactly once, and nothing leaves
// the site.

import type { ServerResponse } from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { SiteAdapter } from '../../crawlers/types.ts';
import { JSON_LISTING, JSON_PROFILE_URL_PATTERN } from '../helpers/json-listing-adapter.ts';
import { crawlSettingsSchema } from '../../src/config/sites-schema.ts';
import type { ResolvedSite } from '../../src/config/sites-loader.ts';
import { crawlSite, type SiteCrawlResult } from '../../src/crawl/site-crawler.ts';
import type { RawProfile } from '../../src/model/profile.ts';
import { startLocalServer, type LocalServer } from '../helpers/local-server.ts';
import { localSite } from './test-site.ts';

const settings = crawlSettingsSchema.parse({ requestTimeoutSecs: 2, maxRetries: 1, retryBackoffMs: 10, userAgent: 'KartlaTest/1.0' });

function siteFor(server: LocalServer, start: string, extra: Partial<ResolvedSite> = {}): ResolvedSite {
  return localSite(server, { id: 'json', name: 'JSON', startUrls: [`${server.url}${start}`], ...extra });
}

const sendHtml = (res: ServerResponse, body: string, status = 200) => {
  res.writeHead(status, { 'content-type': 'text/html; charset=utf-8' });
  res.end(body);
};
const sendJson = (res: ServerResponse, body: unknown, status = 200, type = 'application/json; charset=utf-8') => {
  res.writeHead(status, { 'content-type': type });
  res.end(typeof body === 'string' ? body : JSON.stringify(body));
};

const pathOf = (url: string) => {
  const u = new URL(url);
  return u.pathname + u.search;
};

describe('a listing fed by a JSON "load more" API', () => {
  const adapter: SiteAdapter = {
    name: 'test-json-listing',
    description: 'test',
    render: 'http',
    profileUrlPattern: JSON_PROFILE_URL_PATTERN,
    listing: JSON_LISTING,
    profile: {
      externalId: { fromUrl: true, pattern: '/annons/(\\d+)$' },
      fields: { age: { label: 'Ålder' } },
      phones: { scope: 'main' },
    },
  };

  let server: LocalServer;
  let result: SiteCrawlResult;
  const profiles: RawProfile[] = [];
  let flaky = 0;

  beforeAll(async () => {
    server = await startLocalServer((req, res) => {
      const url = req.url ?? '/';
      if (url === '/start') {
        return sendHtml(
          res,
          `<html><body><div class="grid"><a class="card" href="/annons/1">1</a><a class="card" href="/annons/2">2</a></div>
          <button class="load-more" data-endpoint="/api/ads?offset=2&amp;limit=2">Visa fler</button>
          <button class="load-more" data-endpoint="/api/ads?offset=100&amp;limit=2">wrong shape</button>
          <button class="load-more" data-endpoint="/api/ads?offset=200&amp;limit=2">loops</button>
          <button class="load-more" data-endpoint="/api/ads?offset=300&amp;limit=2">huge</button>
          <button class="load-more" data-endpoint="http://127.0.0.2:1/api/ads?offset=2&amp;limit=2">other host</button></body></html>`,
        );
      }
      if (url === '/api/ads?offset=2&limit=2') {
        // The first answer fails: a JSON page is retried like any page.
        if (flaky++ === 0) return sendJson(res, { error: 'busy' }, 503);
        return sendJson(res, {
          items: [
            { id: 3, url: '/annons/3' },
            { id: 4, url: '../annons/4' },
            { id: 99, url: 'http://127.0.0.2:1/annons/99' },
            { id: 0, url: '/konto/logga-in' },
          ],
          next: 4,
        });
      }
      // Labelled HTML, but JSON: read by its URL, not its label.
      if (url === '/api/ads?offset=4&limit=2') return sendJson(res, { items: [{ id: 5, url: '/annons/5' }], next: 6 }, 200, 'text/html');
      if (url === '/api/ads?offset=6&limit=2') return sendJson(res, '{"items": [{"id": 6, "url": "/annons/6"');
      if (url === '/api/ads?offset=100&limit=2') return sendJson(res, { items: 'none', next: 102 });
      if (url === '/api/ads?offset=200&limit=2') return sendJson(res, { items: [{ url: '/annons/6' }], next: 200 });
      if (url === '/api/ads?offset=300&limit=2') return sendJson(res, { items: Array.from({ length: 5000 }, () => ({ url: '/annons/7' })), next: null });
      const m = /^\/annons\/(\d+)$/.exec(url);
      if (m) return sendHtml(res, `<html><body><main><p>Ålder: 2${m[1]}</p><p>Ring 070-174 06 ${m[1]!.padStart(2, '0')}</p></main></body></html>`);
      return sendHtml(res, 'nope', 404);
    });
    result = await crawlSite(siteFor(server, '/start'), adapter, settings, { onProfile: (raw) => void profiles.push(raw) });
  }, 60_000);

  afterAll(async () => {
    await server?.close();
  });

  it('reads the profiles of the HTML page and of every JSON page, each once', () => {
    expect(profiles.map((p) => p.externalId).sort()).toEqual(['1', '2', '3', '4', '5', '6', '7']);
    expect(profiles.find((p) => p.externalId === '4')?.url).toBe(`${server.url}/annons/4`);
  });

  it('records what a JSON page held that was not used, and a broken page, as errors of the site run', () => {
    const byPage = result.errors.map((e) => [pathOf(e.url), e.kind, e.reason] as const);
    expect(byPage).toEqual(
      expect.arrayContaining([
        ['/api/ads?offset=2&limit=2', 'bad-json', expect.stringMatching(/^2 of the entries at items\[\]\.url not used: off the site \(1\), not a profile URL \(1\)$/)],
        ['/api/ads?offset=6&limit=2', 'bad-json', expect.stringMatching(/^not valid JSON/)],
        ['/api/ads?offset=100&limit=2', 'bad-json', 'expected an array at items, got a string'],
        ['/api/ads?offset=300&limit=2', 'bad-json', '4000 entries at items[].url beyond the first 1000 not read'],
      ]),
    );
    expect(result.errorCount).toBe(4);
    expect(result.failedStartUrls).toBe(0);
  });

  it('retries a failing JSON page, but not a broken one, and never loops', () => {
    expect(server.hits.filter((h) => h === '/api/ads?offset=2&limit=2')).toHaveLength(2);
    expect(server.hits.filter((h) => h === '/api/ads?offset=6&limit=2')).toHaveLength(1);
    expect(server.hits.filter((h) => h === '/api/ads?offset=200&limit=2')).toHaveLength(1);
    // The shape error stops that branch: its next offset is never asked for.
    expect(server.hits.some((h) => h.startsWith('/api/ads?offset=102'))).toBe(false);
  });

  it('counts JSON pages as listing pages and never leaves the site', () => {
    // /start and six JSON pages (offsets 2, 4, 6, 100, 200, 300): a broken page was still fetched.
    expect(result.listingPages).toBe(7);
    expect(result.profilePages).toBe(7);
    expect(result.pagesFetched).toBe(14);
    expect(result.errors.some((e) => e.url.includes('127.0.0.2'))).toBe(false);
  });
});

describe('phones revealed by a "show number" endpoint', () => {
  const adapter: SiteAdapter = {
    name: 'test-reveal',
    description: 'test',
    render: 'http',
    profileUrlPattern: '/p/\\d+$',
    listing: { profileLinks: 'a.ad' },
    profile: {
      externalId: { fromUrl: true, pattern: '/p/(\\d+)$' },
      fields: { age: { label: 'Ålder' } },
      phones: { scope: 'main', reveal: { selector: 'button.show', attribute: 'data-reveal' } },
    },
  };
  const IDS = ['1', '2', '3', '4', '5', '6', '7', '8', '9', '10'];
  const reveal: Record<string, string[]> = {
    '1': ['/api/p/1/phone'],
    '2': ['/api/p/2/phone', '/api/p/2/phone?n=2'],
    '3': ['/api/p/3/phone'], // always 500
    '4': ['/api/p/4/phone'], // invalid JSON
    '5': ['http://127.0.0.2:1/api/p/5/phone'], // off the site
    '6': ['/api/p/6/phone'], // 503 once, then good
    '7': ['/api/p/7/phone'], // answers no number
    '8': [], // the number is on the page
    '9': ['/api/shared'],
    '10': ['/api/shared'],
  };

  let server: LocalServer;
  let result: SiteCrawlResult;
  const stored: RawProfile[] = [];
  let sixth = 0;

  beforeAll(async () => {
    server = await startLocalServer((req, res) => {
      const url = req.url ?? '/';
      if (url === '/list') return sendHtml(res, `<html><body>${IDS.map((id) => `<a class="ad" href="/p/${id}">${id}</a>`).join('')}</body></html>`);
      const m = /^\/p\/(\d+)$/.exec(url);
      if (m) {
        const id = m[1]!;
        const buttons = reveal[id]!.map((r) => `<button class="show" data-reveal="${r}">Visa nummer</button>`).join('');
        const text = id === '8' ? 'Ring 070-174 06 08' : 'Nummer dolt';
        return sendHtml(res, `<html><body><main><p>Ålder: 2${id}</p><p>${text}</p>${buttons}</main><footer>Kundtjänst 020-79 46 09 99</footer></body></html>`);
      }
      if (url === '/api/p/1/phone') return sendJson(res, { phone: '070-174 06 01' });
      if (url === '/api/p/2/phone') return sendJson(res, { phone: '+46 70 174 06 02' });
      if (url === '/api/p/2/phone?n=2') return sendJson(res, { phone: '0701740612' });
      if (url === '/api/p/3/phone') return sendJson(res, '{"error": "boom"', 500);
      if (url === '/api/p/4/phone') return sendJson(res, '{"phone": "070-174 06 04');
      if (url === '/api/p/6/phone') return sixth++ === 0 ? sendJson(res, { error: 'busy' }, 503) : sendJson(res, { phone: '070-174 06 06' });
      if (url === '/api/p/7/phone') return sendJson(res, { phone: null, error: 'log in to see the number' });
      if (url === '/api/shared') return sendJson(res, { phone: '070-174 06 09' });
      return sendHtml(res, 'nope', 404);
    });
    result = await crawlSite(siteFor(server, '/list'), adapter, settings, { onProfile: (raw) => void stored.push(raw) });
  }, 60_000);

  afterAll(async () => {
    await server?.close();
  });

  const phonesOf = (id: string) => stored.filter((p) => p.externalId === id).flatMap((p) => p.phones.map((c) => c.text.replace(/\D/g, '')));

  it('stores every profile exactly once, after its reveals', () => {
    expect(stored.map((p) => p.externalId).sort((a, b) => Number(a) - Number(b))).toEqual(IDS);
  });

  it('adds what the endpoints answered to the profile\'s phones', () => {
    expect(phonesOf('1')).toEqual(['0701740601']);
    expect(phonesOf('2').sort()).toEqual(['0701740612', '46701740602']);
    expect(phonesOf('6')).toEqual(['0701740606']);
    expect(phonesOf('8')).toEqual(['0701740608']);
    // One endpoint named by two profiles: each asks for itself.
    expect(phonesOf('9')).toEqual(['0701740609']);
    expect(phonesOf('10')).toEqual(['0701740609']);
    expect(server.hits.filter((h) => h === '/api/shared')).toHaveLength(2);
  });

  it('keeps a profile whose reveal failed, without that number, and counts the failure', () => {
    for (const id of ['3', '4', '5', '7']) expect(phonesOf(id), id).toEqual([]);
    const errors = Object.fromEntries(result.errors.map((e) => [pathOf(e.url), [e.kind, e.reason]]));
    expect(errors).toEqual({
      '/api/p/3/phone': ['other', expect.stringMatching(new RegExp(`^phone reveal for ${server.url}/p/3: `))],
      '/api/p/4/phone': ['bad-json', expect.stringMatching(new RegExp(`^phone reveal for ${server.url}/p/4: not valid JSON`))],
      '/api/p/5/phone': ['extract', `phone reveal for ${server.url}/p/5 points off the site; not fetched`],
      '/api/p/7/phone': ['extract', `phone reveal for ${server.url}/p/7 answered no phone number`],
    });
    expect(result.errorCount).toBe(4);
  });

  it('fetches reveals through the same retries and guards as pages, and counts them as pages', () => {
    expect(server.hits.filter((h) => h === '/api/p/3/phone')).toHaveLength(2);
    expect(server.hits.filter((h) => h === '/api/p/4/phone')).toHaveLength(1);
    expect(server.hits.filter((h) => h === '/api/p/6/phone')).toHaveLength(2);
    // The list, ten profiles, and the reveals that answered: 1, 2 (twice), 4, 6, 7, shared (twice).
    expect(result.profilePages).toBe(10);
    expect(result.pagesFetched).toBe(1 + 10 + 8);
  });

  it('keeps a profile whose reveal the page limit cut off, and says so', async () => {
    const held: RawProfile[] = [];
    const limited = await crawlSite(
      siteFor(server, '/list', { maxConcurrency: 1 }),
      adapter,
      crawlSettingsSchema.parse({ ...settings, maxPagesPerSite: 2 }),
      { onProfile: (raw) => void held.push(raw) },
    );
    expect(held).toHaveLength(1);
    expect(held[0]!.phones).toEqual([]);
    expect(limited.hitPageLimit).toBe(true);
    expect(limited.errors.map((e) => e.kind).sort()).toEqual(['page-limit', 'page-limit']);
    expect(limited.errors.some((e) => e.url === held[0]!.url && /1 phone reveal\(s\) or photo not fetched/.test(e.reason))).toBe(true);
  });
});
