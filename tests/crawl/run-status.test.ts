import { describe, expect, it } from 'vitest';
import { judgeRun, judgeSite } from '../../src/crawl/run-status.ts';
import type { SiteCrawlResult } from '../../src/crawl/site-crawler.ts';
import { emptyResult } from '../../src/crawl/crawl-shared.ts';

const crawl = (over: Partial<SiteCrawlResult> = {}): SiteCrawlResult => ({
  ...emptyResult(),
  pagesFetched: 10,
  listingPages: 2,
  profilePages: 8,
  ...over,
});

describe('judging a site run', () => {
  it('is ok when every page was read', () => {
    expect(judgeSite(crawl())).toEqual({ status: 'ok', failureReason: null });
  });
  it('is partial when some pages could not be read', () => {
    expect(judgeSite(crawl({ errorCount: 2 })).status).toBe('partial');
  });
  it('fails with the first reason when no page could be read', () => {
    const judged = judgeSite(crawl({ pagesFetched: 0, listingPages: 0, profilePages: 0, errorCount: 1, failedStartUrls: 1, errors: [{ url: 'u', reason: 'connect ECONNREFUSED', kind: 'network' }] }));
    expect(judged.status).toBe('failed');
    expect(judged.failureReason).toBe('no page could be read (network: connect ECONNREFUSED)');
  });
  it('fails when no start page could be read even if a stray page was', () => {
    expect(judgeSite(crawl({ pagesFetched: 1, listingPages: 0, profilePages: 1, failedStartUrls: 1, errorCount: 1 })).status).toBe('failed');
  });
  it('is interrupted when aborted, and failed on a storage error', () => {
    expect(judgeSite(crawl({ aborted: true })).status).toBe('interrupted');
    expect(judgeSite(crawl(), new Error('disk full\nstack')).failureReason).toBe('storage error: disk full');
  });
});

describe('judging a mapping run', () => {
  it('completes only when every site is ok', () => {
    expect(judgeRun(['ok', 'ok'], false)).toBe('completed');
    expect(judgeRun(['ok', 'partial'], false)).toBe('partial');
    expect(judgeRun(['ok', 'failed'], false)).toBe('partial');
  });
  it('fails when every site failed, and is interrupted when the user stopped it', () => {
    expect(judgeRun(['failed', 'failed'], false)).toBe('failed');
    expect(judgeRun(['ok', 'interrupted'], true)).toBe('interrupted');
  });
});
