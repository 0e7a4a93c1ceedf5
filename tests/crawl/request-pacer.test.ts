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
