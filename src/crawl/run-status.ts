// How a site run and a mapping run are judged from what happened. Pure, so the rules are
// tested on their own and read in one place.

import type { SiteCrawlResult } from './site-crawler.ts';

export type SiteRunStatus = 'ok' | 'partial' | 'failed' | 'interrupted';
export type RunStatus = 'completed' | 'partial' | 'failed' | 'interrupted';

export interface SiteJudgement {
  status: SiteRunStatus;
  /** One line for the summary and SiteRun.failureReason when the site failed. */
  failureReason: string | null;
}

export function judgeSite(crawl: SiteCrawlResult, storageError: Error | null = null): SiteJudgement {
  if (storageError) return { status: 'failed', failureReason: `storage error: ${storageError.message.split('\n')[0]}` };
  if (crawl.aborted) return { status: 'interrupted', failureReason: 'interrupted by the user' };
  if (crawl.pagesFetched === 0) {
    const first = crawl.errors[0];
    return { status: 'failed', failureReason: first ? `no page could be read (${first.kind}: ${first.reason})` : 'no page could be read' };
  }
  if (crawl.failedStartUrls > 0 && crawl.listingPages === 0) {
    return { status: 'failed', failureReason: 'no start page could be read' };
  }
  // Pages robots.txt asked us not to read are counted, but the mapping is as complete as the site allows.
  if (crawl.errorCount - crawl.robotsRefused > 0) return { status: 'partial', failureReason: null };
  return { status: 'ok', failureReason: null };
}

/**
 * completed: every site ok. failed: no site could be mapped. interrupted: the user stopped it.
 * partial: anything in between (a failed site, or pages that could not be read), so that no
 * reader mistakes a site that failed for a site whose volume dropped.
 */
export function judgeRun(siteStatuses: readonly SiteRunStatus[], interrupted: boolean): RunStatus {
  if (interrupted) return 'interrupted';
  if (siteStatuses.length > 0 && siteStatuses.every((s) => s === 'failed')) return 'failed';
  if (siteStatuses.every((s) => s === 'ok')) return 'completed';
  return 'partial';
}
