// The crawler and profile photos: the photo an adapter names is fetched once per profile and only
// its perceptual hash is kept; a photo that is not an image, fails, or sits off the site leaves the
// profile as it was (with an error where something went wrong), and `crawl.photos: false` fetches none.

import type { ServerResponse } from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { SiteAdapter } from '../../crawlers/types.ts';
import { crawlSettingsSchema } from '../../src/config/sites-schema.ts';
import type { ResolvedSite } from '../../src/config/sites-loader.ts';
import { crawlSite, type SiteCrawlResult } from '../../src/crawl/site-crawler.ts';
import { syntheticPhoto } from '../../src/demo/photos.ts';
import type { RawProfile } from '../../src/model/profile.ts';
import { PHOTO_MAX_DISTANCE, hammingDistance, photoHash } from '../../src/photo/perceptual-hash.ts';
import { startLocalServer, type LocalServer } from '../helpers/local-server.ts';
import { localSite } from './test-site.ts';

const settings = crawlSettingsSchema.parse({ requestTimeoutSecs: 2, maxRetries: 1, retryBackoffMs: 10, userAgent: 'KartlaTest/1.0' });

const adapter: SiteAdapter = {
  name: 'test-photos',
  description: 'test',
  render: 'http',
  listing: { profileLinks: 'a.ad' },
  profile: {
    externalId: { fromUrl: true, pattern: '/ad/(\\w+)$' },
    fields: { age: { label: 'Ålder' } },
    photo: { selector: 'main img.photo', attribute: 'src' },
  },
};

const sendHtml = (res: ServerResponse, body: string) => {
  res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' });
  res.end(body);
};

// ad -> what its photo URL answers
const PHOTOS: Record<string, string> = {
  a1: '/img/1.jpg', // the same picture as a2, re-encoded
  a2: '/img/2.jpg',
  a3: '/img/3.jpg', // another picture
  bad: '/img/not-an-image.jpg', // answers HTML
  broken: '/img/broken.jpg', // answers JPEG headers with garbage
  gone: '/img/404.jpg',
  cdn: 'http://cdn.invalid/img/9.jpg', // a host the site was not given: not fetched
  none: '', // no photo at all
};

describe('profile photos', () => {
  let server: LocalServer;
  const photoRequests: string[] = [];
  let images: Record<string, Buffer>;

  beforeAll(async () => {
    images = { '/img/1.jpg': await syntheticPhoto(7, 0), '/img/2.jpg': await syntheticPhoto(7, 3), '/img/3.jpg': await syntheticPhoto(8, 0) };
    server = await startLocalServer((req, res) => {
      const path = req.url ?? '/';
      if (path === '/') return sendHtml(res, `<main>${Object.keys(PHOTOS).map((id) => `<a class="ad" href="/ad/${id}">${id}</a>`).join('')}</main>`);
      const ad = /^\/ad\/(\w+)$/.exec(path)?.[1];
      if (ad && ad in PHOTOS) {
        const img = PHOTOS[ad] ? `<img class="photo" src="${PHOTOS[ad]}"><img class="photo" src="/img/second.jpg">` : '';
        return sendHtml(res, `<html><body><header><img class="photo" src="/logo.png"></header><main><h1>${ad}</h1>${img}<p>Ålder: 25</p></main></body></html>`);
      }
      if (path.startsWith('/img/')) {
        photoRequests.push(path);
        if (images[path]) {
          res.writeHead(200, { 'content-type': 'image/jpeg' });
          return res.end(images[path]);
        }
        if (path === '/img/not-an-image.jpg') return sendHtml(res, '<html><body>Please log in</body></html>');
        if (path === '/img/broken.jpg') {
          res.writeHead(200, { 'content-type': 'image/jpeg' });
          return res.end(Buffer.concat([Buffer.from([0xff, 0xd8, 0xff, 0xe0]), Buffer.alloc(300, 7)]));
        }
      }
      res.writeHead(404, { 'content-type': 'text/html' });
      res.end('not found');
    });
  });
  afterAll(async () => {
    await server?.close();
  });

  const site = (): ResolvedSite => localSite(server, { id: 'photos', name: 'Photos' });

  async function crawl(photos: boolean): Promise<{ result: SiteCrawlResult; byId: Map<string, RawProfile> }> {
    photoRequests.length = 0;
    const profiles: RawProfile[] = [];
    const result = await crawlSite(site(), adapter, { ...settings, photos }, { onProfile: (raw) => void profiles.push(raw) });
    return { result, byId: new Map(profiles.map((p) => [p.externalId!, p])) };
  }

  it('keeps the perceptual hash of the first photo in the profile, close for the same picture and far for another', async () => {
    const { result, byId } = await crawl(true);
    expect(byId.size).toBe(Object.keys(PHOTOS).length); // every profile handed on, photo or not
    const [h1, h2, h3] = ['a1', 'a2', 'a3'].map((id) => byId.get(id)!.photoHash!);
    expect(h1).toBe(await photoHash(images['/img/1.jpg']!));
    expect(h1).toMatch(/^[0-9a-f]{16}$/);
    expect(hammingDistance(h1!, h2!)).toBeLessThanOrEqual(PHOTO_MAX_DISTANCE);
    expect(hammingDistance(h1!, h3!)).toBeGreaterThan(16);
    // One photo per profile, the first in the profile's part of the page; never the page chrome or another host.
    expect(photoRequests).not.toContain('/img/second.jpg');
    expect(photoRequests).not.toContain('/logo.png');
    expect(photoRequests.filter((p) => p === '/img/1.jpg')).toHaveLength(1);
    for (const id of ['bad', 'broken', 'gone', 'cdn', 'none']) expect(byId.get(id)!.photoHash ?? null).toBeNull();
    expect(byId.get('bad')!.fields.age).toBe('25');

    const kinds = result.errors.map((e) => `${e.kind} ${new URL(e.url).pathname}`).sort();
    expect(kinds).toEqual(['bad-photo /img/broken.jpg', 'bad-photo /img/not-an-image.jpg', 'http-status /img/404.jpg']);
    expect(result.errors.find((e) => e.url.endsWith('/img/404.jpg'))!.reason).toMatch(/^photo for .*\/ad\/gone: /);
  });

  it('fetches no photo when crawl.photos is false', async () => {
    const { result, byId } = await crawl(false);
    expect(photoRequests).toEqual([]);
    expect(result.errorCount).toBe(0);
    expect([...byId.values()].every((p) => p.photoHash === undefined)).toBe(true);
  });
});
