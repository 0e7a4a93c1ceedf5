// Run health of one site in one run (issue 8): what was read, what went wrong and how, how full
// each field came out, and whether the site showed signs of blocking us. Pure: the figures come
// from the database (assess.ts), and this turns them into the record kept in site_run.health.
// Counts and rates only: no URL, reason text or page content is kept.

export const HEALTH_FIELDS = ['age', 'gender', 'municipality', 'phone', 'location'] as const;
export type HealthField = (typeof HEALTH_FIELDS)[number];

/** How a field is named in alerts and in `kartla health`. */
export const FIELD_LABELS: Readonly<Record<HealthField, string>> = {
  age: 'age',
  gender: 'gender',
  municipality: 'municipality',
  phone: 'phone',
  location: 'location text',
};

/** Blocking errors (HTTP 403 and 429) make a storm when at least this many... */
export const STORM_MIN_ERRORS = 10;
/** ...and at least this share of the site run's errors. */
export const STORM_MIN_SHARE = 0.5;
/** Captcha or challenge pages from this many on are a sign of blocking (one may be a fluke). */
export const CHALLENGE_MIN_PAGES = 3;
const BLOCKING_STATUSES = new Set([403, 429]);

export interface SiteHealth {
  /** The site run's status when it was assessed (ok, partial, failed, interrupted, ...). */
  status: string;
  pages: number;
  /** Profiles stored for the site in the run (its snapshots). */
  profiles: number;
  /** Every error of the site run (site_run.error_count). */
  errors: number;
  /**
   * Errors by kind (http-status, timeout, network, extract, bad-json, blocked, ...) among the
   * stored error records. site_run.errors keeps at most 200 records (MAX_STORED_ERRORS) while
   * `errors` counts them all, so when errorRecords < errors these are the proportions of a sample.
   */
  errorsByKind: Record<string, number>;
  /** HTTP statuses among the stored error records (e.g. {"403": 12, "503": 1}). */
  httpStatuses: Record<string, number>;
  /** How many error records the kinds and statuses were counted over. */
  errorRecords: number;
  /** Share (0-1) of the site run's profiles with each field; null when it stored no profile. */
  fillRates: Record<HealthField, number> | null;
  blocking: {
    /** HTTP 403 and 429 answers, estimated over all errors from the records' share. */
    blockedErrors: number;
    /** Their share of the errors (0-1). */
    blockedShare: number;
    /** Many 403/429 answers, most of the errors: the site is refusing us. */
    storm: boolean;
    /** Captcha or bot-challenge pages answered in place of a listing or ad (estimated like blockedErrors). */
    challengePages: number;
  };
}

/** What the database says about one site run; the input of siteHealth. */
export interface SiteRunFacts {
  status: string;
  pages: number;
  errorCount: number;
  /** The stored error records, opened: only kind and the reason's HTTP status are used. */
  errorRecords: readonly { kind: string | null; reason: string | null }[];
  /** Profiles of the site run, and how many of them have each field. */
  counts: { profiles: number } & Record<HealthField, number>;
}

/** The HTTP status an error's reason names ("HTTP 403: ...", "HTTP 429 (rate limited): ...", "503 - ..."), or null. */
export function statusOfReason(reason: string | null): number | null {
  if (!reason) return null;
  const m = /\bHTTP (\d{3})\b/.exec(reason) ?? /^(\d{3}) - /.exec(reason);
  return m ? Number(m[1]) : null;
}

function tally(values: Iterable<string>): Record<string, number> {
  const out: Record<string, number> = {};
  for (const v of values) out[v] = (out[v] ?? 0) + 1;
  return out;
}

const round3 = (x: number): number => Math.round(x * 1000) / 1000;

export function siteHealth(facts: SiteRunFacts): SiteHealth {
  const records = facts.errorRecords;
  const errors = Math.max(facts.errorCount, records.length);
  const statuses = records.map((r) => statusOfReason(r.reason)).filter((s): s is number => s !== null);
  const blockedRecords = statuses.filter((s) => BLOCKING_STATUSES.has(s)).length;
  const challengeRecords = records.filter((r) => r.kind === 'blocked').length;
  // Records are a sample of at most 200 errors: scale their shares up to the full count.
  const estimate = (n: number) => (records.length === 0 ? 0 : Math.round((n / records.length) * errors));
  const blockedShare = records.length === 0 ? 0 : round3(blockedRecords / records.length);
  const blockedErrors = estimate(blockedRecords);
  const { profiles } = facts.counts;
  return {
    status: facts.status,
    pages: facts.pages,
    profiles,
    errors,
    errorsByKind: tally(records.map((r) => r.kind ?? 'other')),
    httpStatuses: tally(statuses.map(String)),
    errorRecords: records.length,
    fillRates:
      profiles === 0 ? null : (Object.fromEntries(HEALTH_FIELDS.map((f) => [f, round3(facts.counts[f] / profiles)])) as Record<HealthField, number>),
    blocking: {
      blockedErrors,
      blockedShare,
      storm: blockedErrors >= STORM_MIN_ERRORS && blockedShare >= STORM_MIN_SHARE,
      challengePages: estimate(challengeRecords),
    },
  };
}

/** True when the site run shows signs of blocking worth an alert. */
export function showsBlocking(h: SiteHealth): boolean {
  return h.blocking.storm || h.blocking.challengePages >= CHALLENGE_MIN_PAGES;
}
