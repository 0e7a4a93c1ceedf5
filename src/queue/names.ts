// Queue and job names of the queue path. Job ids are derived from the run, so that adding the
// same job twice (two schedulers, a recovery after Redis lost its data) adds it once.

/** Site jobs: crawl one site into a run. */
export const SITE_QUEUE = 'sites';
/** Run jobs: finalise a run once its site jobs have ended; start a scheduled run. */
export const RUN_QUEUE = 'runs';

export const CRAWL_SITE_JOB = 'crawl-site';
export const FINALISE_RUN_JOB = 'finalise-run';
export const SCHEDULED_RUN_JOB = 'scheduled-run';

export interface SiteJobData {
  runId: number;
  siteId: string;
  /** Absolute path of the sites file; every worker reads the site's settings and adapter from it. */
  sitesFile: string;
}

export interface FinaliseJobData {
  runId: number;
  sitesFile: string;
}

export interface ScheduledRunJobData {
  scheduleId: string;
  sitesFile: string;
  label: string;
  sites?: string[];
}

export interface SiteJobProgress {
  pages: number;
  profiles: number;
  errors: number;
}

export function siteJobId(runId: number, siteId: string): string {
  return `run-${runId}-site-${siteId}`;
}

export function finaliseJobId(runId: number): string {
  return `run-${runId}-finalise`;
}

/** The site id in a job key or id made by siteJobId ("<prefix>:sites:run-3-site-x" -> "x"). */
export function siteIdOfJobKey(key: string): string | null {
  return /run-\d+-site-([a-z0-9_-]+)$/.exec(key)?.[1] ?? null;
}
