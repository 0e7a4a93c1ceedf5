// The browser path against pages that misbehave, in the machine's real Chromium: content that
// never appears, pages that never answer, redirects off the site, robots.txt, requests to other
// hosts and pictures (never sent), photos (fetched on the side and hashed), and no Chromium.

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import sharp from 'sharp';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { crawlSite } from '../../src/crawl/site-crawler.ts';
import type { BrowserCrawlResult } from '../../src/crawl/browser-crawler.ts';
import { findChromium } from '../../src/browser/chromium.ts';
import { crawlSettingsSchema } from '../../src/config/sites-schema.ts';
import type { RawProfile } from '../../src/model/profile.ts';
import type { SiteAdapter } from '../../crawlers/types.ts';
import type { PageError } from '../../src/crawl/site-crawler.ts';
import { startLocalServer, type LocalServer } from '../helpers/local-server.ts';
import { localSite } from './test-site.ts';

const adapter: SiteAdapter = {
  name: 'test-browser',
  description: 'browser test site',
  render: 'browser',
  browser: { waitFor: { listing: 'a.profile', profile: 'main h1' } },
  profileUrlPattern: '/p/\\d+$',
  listing: { profileLinks: 'a.profile' },
  profile: {
    fields: { title: { selector: 'h1' }, age: { label: 'Ålder' } },
    phones: { scope: 'main' },
    photo: { selector: 'img.photo', attribute: 'src' },
  },
};

const settings = crawlSettingsSchema.parse({ userAgent: 'KartlaBot/0.1 (test)', requestTimeoutSecs: 2, maxRetries: 0, retryBackoffMs: 0 });

function page(body: string, head = ''): string {
  return `<!doctype html><html><head><meta charset="utf-8">${head}</head><body>${body}</body></html>`;
}

/** Profile content built by a script after load, as the sites that need a browser do. */
function scripted(id: number): string {
  const html = `<h1>Annons ${id}</h1><p>Ålder: ${20 + id}</p><p>Ring 070-174 06 ${String(10 + id).padStart(2, '0')}</p>`;
  return page(
    `<main></main><img class="photo" src="/photo/${id}.jpg"><script>setTimeout(() => { document.querySelector('main').innerHTML = ${JSON.stringify(html)}; }, 50);</script>`,
  );
}

async function crawl(server: LocalServer, over: Partial<SiteAdapter> = {}, crawlOver: Partial<typeof settings> = {}) {
  const profiles: RawProfile[] = [];
  const errors: PageError[] = [];
  const result = (await crawlSite(localSite(server, { startUrls: [`${server.url}/`] }), { ...adapter, ...over }, { ...settings, ...crawlOver }, {
    onProfile: (raw) => void profiles.push(raw),
    onError: (e) => void errors.push(e),
  })) as BrowserCrawlResult;
  return { result, profiles, errors };
}

describe('the browser path', () => {
  let jpeg: Buffer;
  let offSite: LocalServer;
  let site: LocalServer;
  const userAgents: string[] = [];

  beforeAll(async () => {
    jpeg = await sharp({ create: { width: 64, height: 64, channels: 3, background: { r: 200, g: 40, b: 90 } } }).jpeg().toBuffer();
    offSite = await startLocalServer((_req, res) => res.end('/* tracked */'));
    site = await startLocalServer((req: IncomingMessage, res: ServerResponse) => {
      userAgents.push(String(req.headers['user-agent']));
      const url = req.url ?? '/';
      const html = (body: string, status = 200) => {
        res.writeHead(status, { 'content-type': 'text/html; charset=utf-8' });
        res.end(body);
      };
      if (url === '/robots.txt') return void res.end('User-agent: *\nDisallow: /p/5\n');
      if (url === '/start') {
        res.writeHead(301, { location: '/' });
        return void res.end();
      }
      if (url === '/') {
        return html(
          page(
            [1, 2, 3, 4, 5, 6].map((i) => `<a class="profile" href="/p/${i}">${i}</a>`).join(' ') +
              `<img src="/banner.png"><video src="/clip.mp4"></video>` +
              `<script src="${offSite.url}/track.js"></script><script>fetch('${offSite.url}/beacon').catch(() => {});</script>`,
            `<link rel="stylesheet" href="${offSite.url}/style.css"><style>@font-face { font-family: x; src: url(/font.woff2); } body { font-family: x; }</style>`,
          ),
        );
      }
      const photo = /^\/photo\/(\d+)\.jpg$/.exec(url);
      if (photo) {
        res.writeHead(200, { 'content-type': 'image/jpeg' });
        return void res.end(jpeg);
      }
      if (url === '/p/1' || url === '/p/2') return html(scripted(Number(url.slice(3))));
      // Never shows its content: the waitFor selector never appears.
      if (url === '/p/3') return html(page('<main><p>Laddar...</p></main>'));
      // Never answers.
      if (url === '/p/4') return;
      // /p/5 is refused by robots.txt; /p/6 redirects off the site.
      if (url === '/p/6') {
        res.writeHead(302, { location: `${offSite.url}/elsewhere` });
        return void res.end();
      }
      html(page('<h1>404</h1>'), 404);
    });
  });

  afterAll(async () => {
    await site?.close();
    await offSite?.close();
  });

  it('reads script-built pages, goes on past pages that fail, and says why each failed', async () => {
    const { result, profiles, errors } = await crawl(site);
    expect(profiles.map((p) => p.url).sort()).toEqual([`${site.url}/p/1`, `${site.url}/p/2`]);
    const one = profiles.find((p) => p.url.endsWith('/p/1'))!;
    expect(one.fields).toMatchObject({ title: 'Annons 1', age: '21' });
    expect(one.phones.map((p) => p.text)).toEqual(['070-174 06 11']);
    const byUrl = new Map(errors.map((e) => [e.url.replace(site.url, ''), e]));
    expect(byUrl.get('/p/3')).toMatchObject({ kind: 'timeout' });
    expect(byUrl.get('/p/3')!.reason).toBe(`timed out after 2 s waiting for "main h1" (browser.waitFor.profile) to appear: ${site.url}/p/3`);
    expect(byUrl.get('/p/4')?.kind).toBe('timeout');
    expect(byUrl.get('/p/5')).toMatchObject({ kind: 'robots' });
    expect(byUrl.get('/p/6')).toMatchObject({ kind: 'off-site-redirect' });
    expect(byUrl.get('/p/6')!.reason).toContain(`${offSite.url}/elsewhere`);
    expect(result.errorCount).toBe(4);
    expect(result.robotsRefused).toBe(1);
    expect(result.failedStartUrls).toBe(0);
  }, 120_000);

  it('follows a redirect that stays on the site', async () => {
    const profiles: RawProfile[] = [];
    const result = await crawlSite(localSite(site, { startUrls: [`${site.url}/start`] }), adapter, settings, { onProfile: (raw) => void profiles.push(raw) });
    expect(result.failedStartUrls).toBe(0);
    expect(profiles).toHaveLength(2);
  }, 120_000);

  it('never sends a request to another host, nor for pictures, media or fonts', async () => {
    const before = site.hits.length;
    offSite.hits.length = 0;
    const { result } = await crawl(site);
    const asked = site.hits.slice(before);
    expect(offSite.hits).toEqual([]);
    expect(asked.filter((p) => /banner|clip|font/.test(p))).toEqual([]);
    expect(result.blockedRequests.offSite).toBeGreaterThanOrEqual(3);
    expect(result.blockedRequests.resources).toBeGreaterThanOrEqual(3);
    // Every request, the browser's and the photo fetched on the side, says who is asking.
    expect(new Set(userAgents)).toEqual(new Set(['KartlaBot/0.1 (test)']));
  }, 120_000);

  it('fetches each photo on the side and keeps only its hash', async () => {
    const before = site.hits.length;
    const { profiles } = await crawl(site);
    expect(profiles.every((p) => /^[0-9a-f]{16}$/.test(p.photoHash ?? ''))).toBe(true);
    expect(site.hits.slice(before).filter((p) => p.startsWith('/photo/')).sort()).toEqual(['/photo/1.jpg', '/photo/2.jpg']);
    const { profiles: without } = await crawl(site, {}, { photos: false });
    expect(without.every((p) => p.photoHash === undefined)).toBe(true);
  }, 120_000);

  it('reads the page as it is once the network is quiet when the adapter names nothing to wait for', async () => {
    const { profiles } = await crawl(site, { browser: {} });
    // The script fills the page 50 ms after load, well inside the quiet period.
    expect(profiles.find((p) => p.url.endsWith('/p/1'))?.fields.title).toBe('Annons 1');
  }, 120_000);

  it('fails the site with one error that says what to do when Chromium is missing', async () => {
    const saved = process.env.KARTLA_CHROMIUM;
    process.env.KARTLA_CHROMIUM = '/nonexistent/chromium';
    try {
      const before = site.hits.length;
      const { result, errors } = await crawl(site);
      expect(errors).toHaveLength(1);
      expect(result.errorCount).toBe(1);
      expect(result.failedStartUrls).toBe(1);
      expect(errors[0]!.reason).toBe(
        'Chromium not found at /nonexistent/chromium (KARTLA_CHROMIUM); browser-rendered sites need it: install it with ' +
          '"apt-get install -y chromium", or set KARTLA_CHROMIUM (or crawl.chromium) to a Chromium executable',
      );
      expect(site.hits.length).toBe(before);
    } finally {
      if (saved === undefined) delete process.env.KARTLA_CHROMIUM;
      else process.env.KARTLA_CHROMIUM = saved;
    }
  });

  it('finds Chromium in KARTLA_CHROMIUM, then crawl.chromium, then /usr/bin/chromium', () => {
    expect(findChromium({ chromium: '/x/chrome' }, { KARTLA_CHROMIUM: '/usr/bin/chromium' })).toEqual({ path: '/usr/bin/chromium', problem: null });
    expect(findChromium({ chromium: '/x/chrome' }, {}).path).toBe('/x/chrome');
    expect(findChromium({ chromium: '/x/chrome' }, {}).problem).toContain('(crawl.chromium in the sites file)');
    expect(findChromium({}, {}).path).toBe('/usr/bin/chromium');
  });
});
