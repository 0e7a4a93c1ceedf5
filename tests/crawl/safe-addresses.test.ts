// The crawler must not be turned against the network it runs in. A site not marked local may not
// make Kartla connect to a loopback, private or link-local address: not by its start URL (written
// out or behind a DNS name), not by a redirect, not by a link; nor make it follow a redirect to
// another scheme. Real servers on 127.0.0.x play both the site and the private network: the
// "site" is declared public for the test (treatAsPublic), everything else keeps the real rules.

import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { SiteAdapter } from '../../crawlers/types.ts';
import { crawlSettingsSchema } from '../../src/config/sites-schema.ts';
import type { ResolvedSite } from '../../src/config/sites-loader.ts';
import { isPrivateAddress } from '../../src/crawl/address-guard.ts';
import { judgeSite } from '../../src/crawl/run-status.ts';
import { crawlSite, type PageError } from '../../src/crawl/site-crawler.ts';
import { startLocalServer, type LocalServer } from '../helpers/local-server.ts';
import { localSite } from './test-site.ts';

const adapter: SiteAdapter = {
  name: 'test-guard',
  description: 'test adapter',
  render: 'http',
  listing: { profileLinks: 'a.profile', nextPage: 'a[rel=next]' },
  profile: { externalId: { fromUrl: true, pattern: '/p/(\\w+)' }, fields: {}, phones: { scope: 'main' } },
};
const settings = crawlSettingsSchema.parse({ requestTimeoutSecs: 2, maxRetries: 0, retryBackoffMs: 10, userAgent: 'KartlaTest/1.0' });

function siteOf(id: string, startUrls: string[], allowedHosts: string[], local: boolean): ResolvedSite {
  return localSite({ url: '', host: '' }, { id, name: id, adapter: adapter.name, startUrls, allowedHosts, local });
}

describe('which addresses are private', () => {
  it('knows loopback, private, link-local, CGNAT and reserved ranges in IPv4 and IPv6', () => {
    const refused = [
      '127.0.0.1', '127.255.255.254', '10.0.0.1', '172.16.0.1', '172.31.255.255', '192.168.1.1', '169.254.169.254', '169.254.0.1',
      '100.64.0.1', '100.127.255.255', '0.0.0.0', '0.1.2.3', '224.0.0.1', '255.255.255.255',
      '::1', '::', 'fc00::1', 'fd12:3456::1', 'fe80::1', 'fe80::1%lo', 'ff02::1',
      '::ffff:127.0.0.1', '::ffff:7f00:1', '::ffff:10.0.0.1', '::ffff:169.254.169.254', '64:ff9b::a9fe:a9fe', '2002:7f00:1::1',
    ];
    const allowed = ['8.8.8.8', '1.1.1.1', '93.184.216.34', '172.32.0.1', '100.128.0.1', '192.169.0.1', '2606:4700:4700::1111', '::ffff:8.8.8.8', '2a00:1450:400f:80c::200e'];
    for (const address of refused) expect(isPrivateAddress(address), address).toBe(true);
    for (const address of allowed) expect(isPrivateAddress(address), address).toBe(false);
    expect(isPrivateAddress('not-an-address')).toBe(true);
  });
});

describe('a site not marked local', () => {
  let server: LocalServer;
  beforeAll(async () => {
    server = await startLocalServer((_req, res) => {
      res.writeHead(200, { 'content-type': 'text/html' });
      res.end('<html><body>internal admin</body></html>');
    });
  });
  afterAll(async () => {
    await server?.close();
  });

  it.each([
    ['its start URL names 127.0.0.1', () => `${server.url}/`, '127.0.0.1 is a private'],
    ['its start URL names localhost, which resolves to loopback', () => `http://localhost:${new URL(server.url).port}/`, 'localhost resolves to 127.0.0.1, a private'],
    ['its start URL names the cloud metadata address', () => 'http://169.254.169.254/latest/meta-data/', '169.254.169.254 is a private'],
  ])('is refused when %s, without a connection, telling how to mark a local site', async (_what, url, message) => {
    const start = url();
    const before = server.hits.length;
    const site = siteOf('outside', [start], [new URL(start).host], false);
    const r = await crawlSite(site, adapter, settings, { onProfile: () => undefined });
    expect(server.hits.length).toBe(before); // neither robots.txt nor the page was asked for
    expect(r.pagesFetched).toBe(0);
    expect(r.errors[0]).toMatchObject({ url: start, kind: 'blocked-address' });
    expect(r.errors[0]!.reason).toContain(message);
    expect(r.errors[0]!.reason).toContain(`was not contacted: ${start} (`);
    const judged = judgeSite(r);
    expect(judged.status).toBe('failed');
    expect(judged.failureReason).toContain('set "local: true" on it in the sites file');
  });

  it('is crawled when marked local', async () => {
    const site = siteOf('inside', [`http://localhost:${new URL(server.url).port}/`], [`localhost:${new URL(server.url).port}`], true);
    const r = await crawlSite(site, adapter, settings, { onProfile: () => undefined });
    expect(r.pagesFetched).toBe(1);
    expect(r.errorCount).toBe(0);
  });
});

describe('redirects and links of a public site', () => {
  // The private network: a service on 127.0.0.1 that must never be asked for anything.
  let internal: LocalServer;
  // The site, on 127.0.0.2, standing in for a public address.
  let site: { url: string; host: string; close(): Promise<void> };
  let errors: PageError[];
  let pagesFetched: number;
  const siteHits: string[] = [];

  beforeAll(async () => {
    internal = await startLocalServer((_req, res) => res.end('secret'));
    const ip = internal.host.split(':')[1]!;
    const targets: Record<string, string> = {
      '/to-loopback': `http://127.0.0.1:${ip}/admin`,
      '/to-name': `http://localhost:${ip}/admin`,
      '/to-mapped': `http://[::ffff:127.0.0.1]:${ip}/admin`,
      '/to-ipv6-loopback': `http://[::1]:${ip}/admin`,
      '/to-metadata': 'http://169.254.169.254/latest/meta-data/iam/',
      '/to-file': 'file:///etc/passwd',
      '/to-ftp': `ftp://127.0.0.2:${ip}/x`,
      '/to-data': 'data:text/html,<a class="profile" href="/p/9">x</a>',
      '/to-gopher': `gopher://127.0.0.1:${ip}/_GET`,
      '/to-elsewhere': 'http://elsewhere.invalid/',
    };
    const server = createServer((req, res) => {
      siteHits.push(req.url ?? '');
      const target = targets[req.url ?? ''];
      if (target) {
        res.writeHead(302, { location: target });
        return res.end();
      }
      if (req.url === '/robots.txt') return res.writeHead(404).end();
      res.writeHead(200, { 'content-type': 'text/html' });
      if (req.url === '/') {
        const links = [...Object.keys(targets), '/p/1', `http://localhost:${ip}/p/2`, `http://127.0.0.1:${ip}/p/3`];
        return res.end(links.map((l) => `<a class="profile" href="${l}">x</a>`).join(''));
      }
      res.end('<html><body><main>Profil</main></body></html>');
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.2', resolve));
    const { port } = server.address() as AddressInfo;
    site = { url: `http://127.0.0.2:${port}`, host: `127.0.0.2:${port}`, close: () => new Promise((resolve) => server.close(() => resolve())) };

    // Every private target is among the site's hosts, so only the address check stands in the way.
    const allowedHosts = [site.host, `127.0.0.1:${ip}`, `localhost:${ip}`, `[::ffff:7f00:1]:${ip}`, `[::1]:${ip}`, '169.254.169.254', `127.0.0.2:${ip}`];
    const r = await crawlSite(siteOf('public', [`${site.url}/`], allowedHosts, false), { ...adapter, profileUrlPattern: '/(p|to-)' }, settings, { onProfile: () => undefined }, undefined, {
      treatAsPublic: ['127.0.0.2'],
    });
    errors = r.errors;
    pagesFetched = r.pagesFetched;
  });
  afterAll(async () => {
    await internal?.close();
    await site?.close();
  });

  const errorFor = (path: string) => errors.find((e) => e.url === `${site.url}${path}` || e.url.endsWith(path));

  it('never reaches the private network, whatever the redirect or link', () => {
    expect(internal.hits).toEqual([]);
    expect(pagesFetched).toBe(2); // the start page and /p/1
  });

  it.each(['/to-loopback', '/to-name', '/to-mapped', '/to-ipv6-loopback', '/to-metadata'])('refuses the redirect %s as a blocked address', (path) => {
    expect(errorFor(path)).toMatchObject({ url: `${site.url}${path}`, kind: 'blocked-address' });
    expect(errorFor(path)!.reason).toMatch(/a private, loopback or link-local address and was not contacted/);
  });

  it.each([
    ['/to-file', 'a file: URL'],
    ['/to-ftp', 'a ftp: URL'],
    ['/to-data', 'a data: URL'],
    ['/to-gopher', 'a gopher: URL'],
    ['/to-elsewhere', 'a host outside the site'],
  ])('refuses the redirect %s as off-site (%s)', (path, what) => {
    expect(errorFor(path)).toMatchObject({ kind: 'off-site-redirect' });
    expect(errorFor(path)!.reason).toContain(`redirect to ${what} was not followed`);
  });

  it('refuses links to private hosts the same way', () => {
    expect(errorFor('/p/2')).toMatchObject({ kind: 'blocked-address' });
    expect(errorFor('/p/2')!.reason).toContain('localhost resolves to 127.0.0.1');
    expect(errorFor('/p/3')).toMatchObject({ kind: 'blocked-address' });
  });
});
