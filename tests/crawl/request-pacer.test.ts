import { describe, expect, it } from 'vitest';
import { RequestPacer } from '../../src/crawl/request-pacer.ts';

describe('request pacing', () => {
  it('spaces requests evenly instead of letting a minute of them out at once', async () => {
    const pacer = new RequestPacer(600); // one every 100 ms
    const start = Date.now();
    const times: number[] = [];
    await Promise.all(Array.from({ length: 5 }, () => pacer.wait().then(() => times.push(Date.now() - start))));
    times.sort((a, b) => a - b);
    for (let i = 1; i < times.length; i++) expect(times[i]! - times[i - 1]!).toBeGreaterThanOrEqual(90);
    expect(times[4]).toBeGreaterThanOrEqual(390);
  });

  it('lets waiting requests go at once when the crawl is aborted', async () => {
    const pacer = new RequestPacer(6); // one every 10 s
    await pacer.wait();
    const controller = new AbortController();
    const start = Date.now();
    const waiting = pacer.wait(controller.signal);
    controller.abort();
    await waiting;
    expect(Date.now() - start).toBeLessThan(1000);
  });
});

describe('waiting without leaking', () => {
  it('removes its abort listener once the wait is over', async () => {
    const { abortableDelay } = await import('../../src/crawl/request-pacer.ts');
    const { getEventListeners } = await import('node:events') as unknown as { getEventListeners: (t: EventTarget, name: string) => unknown[] };
    const controller = new AbortController();
    await Promise.all(Array.from({ length: 20 }, () => abortableDelay(1, controller.signal)));
    expect(getEventListeners(controller.signal, 'abort')).toHaveLength(0);
  });
});

describe('pacing a real crawl', () => {
  it('never lets a site see more than maxRequestsPerMinute, at any concurrency', async () => {
    const { timedServer, localSite } = await import('./test-site.ts');
    const { crawlSite } = await import('../../src/crawl/site-crawler.ts');
    const { crawlSettingsSchema } = await import('../../src/config/sites-schema.ts');
    // Slow answers, so four requests really are in flight at once when the pacer lets them.
    const server = await timedServer(19, 1200);
    try {
      const perMinute = 120;
      const r = await crawlSite(
        localSite(server, { maxRequestsPerMinute: perMinute, maxConcurrency: 4 }),
        { name: 'test', description: 'test', render: 'http', listing: { profileLinks: 'a.profile' }, profile: { externalId: { fromUrl: true, pattern: '/p/(\\d+)' }, fields: {}, phones: { scope: 'main' } } },
        crawlSettingsSchema.parse({ userAgent: 'KartlaTest/1.0', photos: false }),
        { onProfile: () => undefined },
      );
      expect(r.pagesFetched).toBe(20);
      const { arrivals } = server;
      expect(arrivals).toHaveLength(21); // robots.txt counts as a request like any other
      const interval = 60_000 / perMinute;
      // Rolling windows: any k+1 consecutive arrivals span at least k intervals, less a little
      // network jitter that does not accumulate (the pacer schedules on a fixed beat).
      for (let i = 0; i < arrivals.length; i++) {
        for (let j = i + 1; j < arrivals.length; j++) expect(arrivals[j]! - arrivals[i]!).toBeGreaterThanOrEqual((j - i) * interval - 100);
      }
      expect(server.maxInFlight()).toBeGreaterThan(1);
      expect(server.maxInFlight()).toBeLessThanOrEqual(4);
    } finally {
      await server.close();
    }
  }, 60_000);
});
