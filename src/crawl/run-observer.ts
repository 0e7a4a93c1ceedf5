// What a mapping run tells whoever watches it (the terminal progress display, logs, tests).

import type { PageError } from './site-crawler.ts';
import type { SiteRunStatus } from './run-status.ts';

export interface SiteCounters {
  pages: number;
  profiles: number;
  errors: number;
}

export interface RunObserver {
  runStarted?(runId: number, siteIds: readonly string[]): void;
  siteStarted?(siteId: string): void;
  siteProgress?(siteId: string, counters: SiteCounters): void;
  pageError?(siteId: string, error: PageError): void;
  siteFinished?(siteId: string, status: SiteRunStatus, counters: SiteCounters): void;
  /** A step after the crawl (clustering) started; finished with an error message when it failed. */
  finaliseStarted?(step: 'clustering'): void;
  finaliseFinished?(step: 'clustering', error?: string): void;
  runFinished?(): void;
}
