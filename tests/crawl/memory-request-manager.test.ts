// The crawl's in-memory request queue: the parts of crawlee's RequestQueue contract the crawler
// relies on (see src/crawl/memory-request-manager.ts). The crawl tests exercise it end to end;
// these pin the order, the deduplication and the page budget on their own.

import { Request } from 'crawlee';
import { describe, expect, it } from 'vitest';
import { MemoryRequestManager } from '../../src/crawl/memory-request-manager.ts';

async function drain(queue: MemoryRequestManager): Promise<string[]> {
  const urls: string[] = [];
  for (let r = await queue.fetchNextRequest(); r; r = await queue.fetchNextRequest()) {
    urls.push(r.url);
    await queue.markRequestHandled(r);
  }
  return urls;
}

const u = (n: number | string) => `http://127.0.0.1:1/${n}`;

describe('the in-memory request queue', () => {
  it('hands requests out in order, forefront batches first and in their own order', async () => {
    const queue = new MemoryRequestManager();
    await queue.addRequestsBatched([u(1), u(2)]);
    await queue.addRequestsBatched([{ url: u('a') }, { url: u('b') }], { forefront: true });
    await queue.addRequestsBatched([u(3)]);
    expect(await drain(queue)).toEqual([u('a'), u('b'), u(1), u(2), u(3)]);
    expect(await queue.isFinished()).toBe(true);
    expect(await queue.handledCount()).toBe(5);
  });

  it('takes each uniqueKey once, even after it was handled, and says so', async () => {
    const queue = new MemoryRequestManager();
    const first = await queue.addRequestsBatched([u(1), u(1), { url: u(2), uniqueKey: 'same' }, { url: u(3), uniqueKey: 'same' }]);
    expect(first.addedRequests.map((r) => r.wasAlreadyPresent)).toEqual([false, true, false, true]);
    await drain(queue);
    const again = await queue.addRequest({ url: u(1) });
    expect(again.wasAlreadyPresent).toBe(true);
    expect(await queue.fetchNextRequest()).toBeNull();
    expect(queue.getTotalCount()).toBe(2);
  });

  it('keeps to maxNewRequests and hands back the requests over it', async () => {
    const queue = new MemoryRequestManager();
    const result = await queue.addRequestsBatched([u(1), u(1), u(2), u(3), u(4)], { maxNewRequests: 2 });
    expect(result.addedRequests.filter((r) => !r.wasAlreadyPresent)).toHaveLength(2);
    expect(result.requestsOverLimit?.map((r) => (r as { url: string }).url)).toEqual([u(3), u(4)]);
    expect(await drain(queue)).toEqual([u(1), u(2)]);
  });

  it('is not finished while a request is in progress, and a reclaimed request comes back', async () => {
    const queue = new MemoryRequestManager();
    await queue.addRequestsBatched([u(1), u(2)]);
    const taken = (await queue.fetchNextRequest())!;
    expect(await queue.isFinished()).toBe(false);
    expect(queue.getPendingCount()).toBe(2);
    await queue.reclaimRequest(taken);
    expect(await drain(queue)).toEqual([u(2), u(1)]);
    const retried = new MemoryRequestManager();
    await retried.addRequestsBatched([u(1), u(2)]);
    await retried.reclaimRequest((await retried.fetchNextRequest())!, { forefront: true });
    expect(await drain(retried)).toEqual([u(1), u(2)]);
    expect(await retried.isEmpty()).toBe(true);
  });

  it('accepts crawlee Request objects and async iterables, and keeps labels and user data', async () => {
    const queue = new MemoryRequestManager();
    async function* some() {
      yield new Request({ url: u(1), label: 'profile', userData: { profileKey: 'k' } });
      yield u(2);
    }
    await queue.addRequestsBatched(some());
    const first = (await queue.fetchNextRequest())!;
    expect(first.label).toBe('profile');
    expect(first.userData.profileKey).toBe('k');
    expect(first.id).toBeTruthy();
  });

  it('loses no request and repeats none over a long crawl, listings adding profiles as it goes', async () => {
    const queue = new MemoryRequestManager();
    const seen: string[] = [];
    // Listing pages add profiles while profiles are read, as in a crawl of 20,000 pages.
    await queue.addRequestsBatched(Array.from({ length: 100 }, (_, i) => u(`l${i}`)));
    for (let r = await queue.fetchNextRequest(); r; r = await queue.fetchNextRequest()) {
      seen.push(r.url);
      const listing = /\/l(\d+)$/.exec(r.url);
      if (listing) await queue.addRequestsBatched(Array.from({ length: 200 }, (_, i) => u(`p${listing[1]}-${i}`)));
      await queue.markRequestHandled(r);
    }
    expect(seen).toHaveLength(100 + 100 * 200);
    expect(new Set(seen).size).toBe(seen.length);
    expect(await queue.isFinished()).toBe(true);
  });
});
