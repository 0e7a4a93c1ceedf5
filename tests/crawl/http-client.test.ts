// The crawl's HTTP client (GuardedHttpClient over http-stream.ts, node's own http): what got did
// for the crawler and must still be done, checked on the wire: compressed bodies, redirects kept
// on the site and cut after ten, one deadline for the whole request, aborts, and kept-alive
// connections closed when the crawl ends. (Refused addresses, off-site redirects and page sizes
// are in safe-addresses, site-crawler and page-size-memory tests.)

import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { brotliCompressSync, deflateSync, gzipSync } from 'node:zlib';
import { text } from 'node:stream/consumers';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { classifyPageError } from '../../src/crawl/crawl-errors.ts';
import { GuardedHttpClient } from '../../src/crawl/guarded-http-client.ts';
import { startLocalServer, type LocalServer } from '../helpers/local-server.ts';

const PAGE = '<html><body><p>Malmö, 25 år</p></body></html>';
let server: LocalServer;

beforeAll(async () => {
  server = await startLocalServer((req, res) => {
    const url = req.url ?? '/';
    const encode: Record<string, [string, (b: Buffer) => Buffer]> = {
      '/gzip': ['gzip', gzipSync],
      '/deflate': ['deflate', deflateSync],
      '/br': ['br', brotliCompressSync],
    };
    if (encode[url]) {
      const [name, fn] = encode[url]!;
      res.writeHead(200, { 'content-type': 'text/html; charset=utf-8', 'content-encoding': name });
      return res.end(fn(Buffer.from(PAGE)));
    }
    const hop = /^\/hop\/(\d+)$/.exec(url);
    if (hop) {
      const n = Number(hop[1]);
      res.writeHead(302, { location: n > 0 ? `/hop/${n - 1}` : '/plain' });
      return res.end();
    }
    if (url === '/loop') {
      res.writeHead(302, { location: '/loop' });
      return res.end();
    }
    if (url === '/trickle') {
      // Headers at once, then the body slower than the deadline.
      res.writeHead(200, { 'content-type': 'text/html' });
      res.write('<html>');
      const timer = setInterval(() => res.write('<p>.</p>'), 50);
      res.on('close', () => clearInterval(timer));
      return;
    }
    if (url === '/silent') return; // never answers
    res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' });
    res.end(PAGE);
  });
});
afterAll(() => server.close());

function client(): GuardedHttpClient {
  return new GuardedHttpClient({ userAgent: 'KartlaBot/test', maxPageBytes: 100_000, allowedHosts: [server.host], addresses: { allowPrivate: true } });
}

async function body(c: GuardedHttpClient, path: string, extra: Record<string, unknown> = {}): Promise<{ status: number; url: string; redirects: number; text: string }> {
  const response = await c.stream({ url: `${server.url}${path}`, method: 'GET', ...extra });
  return { status: response.statusCode, url: response.url, redirects: response.redirectUrls.length, text: await text(response.stream) };
}

describe('the crawl HTTP client', () => {
  it.each(['/gzip', '/deflate', '/br'])('decodes a body sent with %s', async (path) => {
    const c = client();
    try {
      expect((await body(c, path)).text).toBe(PAGE);
    } finally {
      c.close();
    }
  });

  it('follows redirects on the site and says where it ended', async () => {
    const c = client();
    try {
      const r = await body(c, '/hop/3');
      expect(r).toMatchObject({ status: 200, redirects: 4, text: PAGE });
      expect(r.url).toBe(`${server.url}/plain`);
    } finally {
      c.close();
    }
  });

  it('stops a redirect chain after ten hops, saying so', async () => {
    const c = client();
    try {
      const error = await c.stream({ url: `${server.url}/loop`, method: 'GET' }).then(
        () => null,
        (e: Error) => e,
      );
      expect(error?.message).toMatch(/more than 10 redirects/);
      expect(classifyPageError(error!)).toBe('off-site-redirect');
    } finally {
      c.close();
    }
  });

  it('fails a request whose body outlasts the deadline, as a timeout', async () => {
    const c = client();
    try {
      const started = performance.now();
      const error = await body(c, '/trickle', { timeout: { request: 300 } }).then(
        () => null,
        (e: Error) => e,
      );
      expect(error).not.toBeNull();
      expect(classifyPageError(error!)).toBe('timeout');
      expect(performance.now() - started).toBeLessThan(5_000);
      const silent = await c.stream({ url: `${server.url}/silent`, method: 'GET', timeout: { request: 300 } }).then(
        () => null,
        (e: Error) => e,
      );
      expect(classifyPageError(silent!)).toBe('timeout');
    } finally {
      c.close();
    }
  });

  it('stops when the crawl is aborted', async () => {
    const c = client();
    const controller = new AbortController();
    try {
      const pending = c.stream({ url: `${server.url}/silent`, method: 'GET', signal: controller.signal });
      setTimeout(() => controller.abort(new Error('crawl stopped')), 50);
      await expect(pending).rejects.toThrow(/crawl stopped/);
    } finally {
      c.close();
    }
  });

  it('reuses one connection for a site, and closes it when the crawl ends', async () => {
    const counted = createServer((_req, res) => {
      res.writeHead(200, { 'content-type': 'text/html' });
      res.end(PAGE);
    });
    let connections = 0;
    let open = 0;
    counted.on('connection', (socket) => {
      connections += 1;
      open += 1;
      socket.on('close', () => (open -= 1));
    });
    await new Promise<void>((resolve) => counted.listen(0, '127.0.0.1', resolve));
    const { port } = counted.address() as AddressInfo;
    const c = new GuardedHttpClient({ userAgent: 'KartlaBot/test', maxPageBytes: 100_000, allowedHosts: [`127.0.0.1:${port}`], addresses: { allowPrivate: true } });
    try {
      for (let i = 0; i < 5; i++) {
        const response = await c.stream({ url: `http://127.0.0.1:${port}/p/${i}`, method: 'GET' });
        expect(await text(response.stream)).toBe(PAGE);
      }
      expect(connections).toBe(1);
      c.close();
      await new Promise((resolve) => setTimeout(resolve, 100));
      expect(open).toBe(0);
    } finally {
      c.close();
      await new Promise<void>((resolve) => counted.close(() => resolve()));
    }
  });
});
