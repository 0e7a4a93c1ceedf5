// A site cannot bring the crawler down by what it sends: a 50 MB page without Content-Length and
// a compression bomb (a gigabyte of zeros in about a megabyte of gzip) are both cut off at
// maxPageBytes while streaming, counted as too-large, and the process's memory stays bounded.
// (Vitest runs each test file in its own process, so RSS here is this file's alone.)

import { Readable } from 'node:stream';
import { brotliCompressSync, constants, createGzip, deflateSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { SiteAdapter } from '../../crawlers/types.ts';
import { crawlSettingsSchema } from '../../src/config/sites-schema.ts';
import { crawlSite, type SiteCrawlResult } from '../../src/crawl/site-crawler.ts';
import { startLocalServer, type LocalServer } from '../helpers/local-server.ts';
import { localSite } from './test-site.ts';

const MB = 1024 * 1024;
/** How far RSS may rise over its level before the crawl. */
const RSS_BOUND = 100 * MB;
const settings = crawlSettingsSchema.parse({ requestTimeoutSecs: 60, maxRetries: 0, userAgent: 'KartlaTest/1.0', maxPageBytes: 5 * MB });
const adapter: SiteAdapter = {
  name: 'test-size',
  description: 'test adapter',
  render: 'http',
  listing: { profileLinks: 'a.profile' },
  profile: { externalId: { fromUrl: true, pattern: '/(\\w+)$' }, fields: {}, phones: { scope: 'main' } },
};

/** `total` bytes of zeros, gzipped without ever holding them. */
async function gzipZeros(total: number): Promise<Buffer> {
  const zeros = Buffer.alloc(MB);
  const gzip = createGzip({ level: 9 });
  const out: Buffer[] = [];
  gzip.on('data', (chunk: Buffer) => out.push(chunk));
  const done = new Promise((resolve) => gzip.on('end', resolve));
  for (let written = 0; written < total; written += MB) {
    if (!gzip.write(zeros)) await new Promise((resolve) => gzip.once('drain', resolve));
  }
  gzip.end();
  await done;
  return Buffer.concat(out);
}

let server: LocalServer;
let bomb: Buffer;
let brotliBomb: Buffer;
let deflateBomb: Buffer;

beforeAll(async () => {
  bomb = await gzipZeros(1024 * MB);
  // Smaller, for the other encodings: only that they are cut off is checked.
  const zeros = Buffer.alloc(64 * MB);
  brotliBomb = brotliCompressSync(zeros, { params: { [constants.BROTLI_PARAM_QUALITY]: 5 } });
  deflateBomb = deflateSync(zeros);
  server = await startLocalServer((req, res) => {
    if (req.url === '/robots.txt') return res.writeHead(404).end();
    if (req.url === '/small') {
      res.writeHead(200, { 'content-type': 'text/html' });
      return res.end('<html><body>small</body></html>');
    }
    if (req.url === '/plain') {
      // 50 MB, no Content-Length, sent as fast as the reader takes it.
      res.writeHead(200, { 'content-type': 'text/html' });
      const chunk = Buffer.alloc(MB, 'a');
      let sent = 0;
      Readable.from((function* () {
        while (sent < 50) {
          sent += 1;
          yield chunk;
        }
      })()).pipe(res);
      return;
    }
    const encoded: Record<string, [string, Buffer]> = { '/gzip': ['gzip', bomb], '/br': ['br', brotliBomb], '/deflate': ['deflate', deflateBomb] };
    const [encoding, body] = encoded[req.url ?? ''] ?? [];
    if (!encoding || !body) return res.writeHead(404).end();
    res.writeHead(200, { 'content-type': 'text/html', 'content-encoding': encoding, 'content-length': String(body.length) });
    res.end(body);
  });
  // Warm up: crawlee's first crawl in a process loads and allocates what every later one reuses.
  await crawlPath('/small');
}, 120_000);

afterAll(async () => {
  await server?.close();
});

function crawlPath(path: string): Promise<SiteCrawlResult> {
  const site = localSite(server, { adapter: adapter.name, startUrls: [`${server.url}${path}`], maxConcurrency: 1 });
  return crawlSite(site, adapter, settings, { onProfile: () => undefined });
}

/** The crawl's result and how far RSS rose above its level before it (sampled every 5 ms). */
async function measured(path: string): Promise<{ result: SiteCrawlResult; growth: number }> {
  const baseline = process.memoryUsage().rss;
  let peak = baseline;
  const timer = setInterval(() => {
    peak = Math.max(peak, process.memoryUsage().rss);
  }, 5);
  try {
    const result = await crawlPath(path);
    peak = Math.max(peak, process.memoryUsage().rss);
    return { result, growth: peak - baseline };
  } finally {
    clearInterval(timer);
  }
}

describe('pages larger than maxPageBytes', () => {
  it('cuts off a 50 MB page sent without Content-Length, with bounded memory', async () => {
    const { result, growth } = await measured('/plain');
    console.log(`50 MB plain page: RSS rose ${(growth / MB).toFixed(1)} MB`);
    expect(result.pagesFetched).toBe(0);
    expect(result.errors[0]).toMatchObject({ kind: 'too-large' });
    expect(growth).toBeLessThan(RSS_BOUND);
  });

  it('cuts off a gzip bomb (1 GB of zeros in about 1 MB) as it inflates, with bounded memory', async () => {
    expect(bomb.length).toBeLessThan(1.1 * MB);
    const { result, growth } = await measured('/gzip');
    console.log(`gzip bomb (${(bomb.length / MB).toFixed(2)} MB -> 1024 MB): RSS rose ${(growth / MB).toFixed(1)} MB`);
    expect(result.pagesFetched).toBe(0);
    expect(result.errors[0]).toMatchObject({ kind: 'too-large' });
    expect(result.errors[0]!.reason).toMatch(/^page larger than the limit of 5242880 bytes/);
    expect(growth).toBeLessThan(RSS_BOUND);
  });

  it.each(['/br', '/deflate'])('cuts off a %s bomb the same way', async (path) => {
    const result = await crawlPath(path);
    expect(result.pagesFetched).toBe(0);
    expect(result.errors[0]).toMatchObject({ kind: 'too-large' });
  });
});
