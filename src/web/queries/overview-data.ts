// What the overview shows, computed from the report code. Reading two full runs (every snapshot)
// costs far more than a page may take, so the result is kept in memory per (latest run, compared
// run): a finished run's figures never change. A run still going is recomputed now and then.

import { loadReportInput } from '../../report/load-report-input.ts';
import { reportCharts } from '../../report/report-charts.ts';
import { reportFigures } from '../../report/report-figures.ts';
import type { ReportAlert } from '../../report/report-input.ts';
import { reportSections } from '../../report/report-tables.ts';
import type { Database } from '../../store/database.ts';
import { NoEarlierRunError } from '../../store/errors.ts';
import { listRuns, previousRunId, type RunSummary } from '../../store/run-queries.ts';

type Db = Pick<Database, 'prisma' | 'cipher'>;

export interface SiteChange {
  siteId: string;
  siteName: string;
  status: string | null;
  now: number | null;
  before: number | null;
  change: number | null;
  /** Null when the site was not read in full in both runs: new or gone cannot be told then. */
  added: number | null;
  gone: number | null;
}

export interface OverviewData {
  run: RunSummary;
  previous: { id: number; label: string | null; startedAt: string } | null;
  /** The site volumes over time line chart (SVG markup drawn and escaped by the report code). */
  chartSvg: string;
  siteChanges: SiteChange[];
  alerts: ReportAlert[];
  /** Profiles of the latest run per police region, for users who work in one. */
  regionProfiles: Map<string, number>;
}

const UNFINISHED = new Set(['queued', 'running']);
const CACHE_LIMIT = 8;
/** A run still going changes as it goes: its overview is recomputed this often at most. */
const UNFINISHED_TTL_MS = 30_000;

interface Entry {
  // A promise, so that requests arriving while one computes wait for it instead of each reading the runs.
  data: Promise<OverviewData>;
  expires: number;
}
// Per database: run ids mean nothing across two databases (tests open many in one process).
const caches = new WeakMap<object, Map<string, Entry>>();

async function compareRunOf(db: Db, runId: number): Promise<number | null> {
  try {
    return await previousRunId(db, runId);
  } catch (e) {
    if (e instanceof NoEarlierRunError) return null;
    throw e;
  }
}

/** The overview of the latest run, or null when nothing has been mapped yet. */
export async function overviewData(db: Db, now = Date.now()): Promise<OverviewData | null> {
  const [run] = await listRuns(db, { limit: 1 });
  if (!run) return null;
  const compareRunId = await compareRunOf(db, run.id);
  const key = `${run.id}:${compareRunId ?? '-'}:${run.status}`;
  let cache = caches.get(db.prisma);
  if (!cache) caches.set(db.prisma, (cache = new Map()));
  let entry = cache.get(key);
  if (!entry || entry.expires <= now) {
    if (cache.size >= CACHE_LIMIT) cache.delete(cache.keys().next().value!);
    entry = { data: compute(db, run, compareRunId), expires: UNFINISHED.has(run.status) ? now + UNFINISHED_TTL_MS : Infinity };
    cache.set(key, entry);
    entry.data.catch(() => cache.delete(key));
  }
  // The run's summary is read fresh: cheap, and a running run's counts move.
  return { ...(await entry.data), run };
}

/** Computes the overview ahead of the first visitor; a failure here is retried on that visit. */
export function warmOverview(db: Db): void {
  overviewData(db).catch(() => {});
}

async function compute(db: Db, run: RunSummary, compareRunId: number | null): Promise<OverviewData> {
  const input = await loadReportInput(db, { runId: run.id, compareRunId, region: null });
  const figures = reportFigures(input, null);
  const sections = reportSections(figures, { lang: 'sv', suppressBelow: 1 });
  const chartSvg = (reportCharts(sections, figures, 'sv').get('sites') ?? []).find((svg) => svg.includes('id="chart-over-time-title"')) ?? '';

  const now = figures.current.sites;
  const before = figures.compare?.sites;
  const ids = [...new Set([...now.keys(), ...(before?.keys() ?? [])])];
  const siteChanges = ids
    .map((siteId): SiteChange => {
      const a = now.get(siteId);
      const b = before?.get(siteId);
      const c = figures.comparison?.changesBySite.get(siteId);
      const known = c?.basis === 'both';
      return {
        siteId,
        siteName: figures.sites.get(siteId)?.name ?? siteId,
        status: a?.status ?? null,
        now: a ? a.profiles : null,
        before: b ? b.profiles : null,
        change: a && b ? a.profiles - b.profiles : null,
        added: c && known ? c.new : null,
        gone: c && known ? c.gone : null,
      };
    })
    .sort((x, y) => (y.now ?? 0) - (x.now ?? 0) || (y.before ?? 0) - (x.before ?? 0) || (x.siteId < y.siteId ? -1 : 1));

  const regionProfiles = new Map<string, number>();
  for (const s of input.current.snapshots) if (s.policeRegion) regionProfiles.set(s.policeRegion, (regionProfiles.get(s.policeRegion) ?? 0) + 1);

  const previous = input.compare ? { id: input.compare.run.id, label: input.compare.run.label, startedAt: input.compare.run.startedAt } : null;
  return { run, previous, chartSvg, siteChanges, alerts: figures.current.alerts, regionProfiles };
}
