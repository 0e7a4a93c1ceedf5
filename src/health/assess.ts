// Run health and drift alerts (issue 8), the part that talks to the database and the webhook:
// measures every site run of a run (metrics.ts), compares each site with its own earlier
// comparable runs (drift.ts), stores site_run.health and the run's alerts, and sends new alerts
// to the configured webhook. Called by the run's finalise step and by `kartla health`.

import type { Prisma } from '../generated/prisma/client.ts';
import type { AlertSettings } from '../config/sites-schema.ts';
import type { Database } from '../store/database.ts';
import { RunNotFoundError } from '../store/errors.ts';
import { storable } from '../store/storable-json.ts';
import { isComparable, siteAlerts, type AlertDraft } from './drift.ts';
import { siteHealth, type SiteHealth, type SiteRunFacts } from './metrics.ts';
import { deliverAlert, type DeliveryOptions } from './webhook.ts';

type Db = Pick<Database, 'prisma' | 'cipher'>;

/** What site_run.health holds: the site's health, and which earlier runs made its baseline. */
export type StoredSiteHealth = SiteHealth & { baselineRunIds: number[]; assessedAt: string };

export interface StoredAlert {
  id: number;
  runId: number;
  siteId: string | null;
  kind: string;
  severity: string;
  message: string;
  metrics: unknown;
  createdAt: Date;
  notifiedAt: Date | null;
  notifyError: string | null;
}

export type AssessOptions = DeliveryOptions;

interface SiteRunRow {
  id: number;
  run_id: number;
  site_id: string;
  status: string;
  pages_fetched: number;
  error_count: number;
  errors: unknown;
  failure_reason: string | null;
}

const ALERT_SELECT = {
  id: true,
  runId: true,
  siteId: true,
  kind: true,
  severity: true,
  message: true,
  metrics: true,
  createdAt: true,
  notifiedAt: true,
  notifyError: true,
} as const;

/**
 * Measures every site run of the run, stores each one's health in site_run.health, replaces the
 * run's alerts with those the drift rules raise now (so assessing a run again never duplicates
 * them), POSTs each alert not delivered before to `settings.webhook` when one is set, and returns
 * the run's alerts. A webhook that fails is recorded on the alert (notify_error), never thrown.
 */
export async function assessRunHealth(db: Db, runId: number, settings: AlertSettings, opts: AssessOptions = {}): Promise<StoredAlert[]> {
  const run = await db.prisma.mappingRun.findUnique({ where: { id: runId }, select: { id: true } });
  if (!run) throw new RunNotFoundError(runId);
  const current = await db.prisma.$queryRaw<SiteRunRow[]>`
    SELECT id, run_id, site_id, status::text AS status, pages_fetched, error_count, errors, failure_reason
      FROM site_run WHERE run_id = ${runId} ORDER BY site_id COLLATE "C"`;
  const health = await healthOf(db, current);
  const baselines = await baselinesFor(db, runId, current.map((sr) => sr.site_id), settings.baselineRuns);

  const assessedAt = new Date().toISOString();
  const drafts: AlertDraft[] = [];
  const stored = new Map<number, StoredSiteHealth>();
  for (const sr of current) {
    const h = health.get(sr.id)!;
    const baseline = baselines.get(sr.site_id) ?? [];
    stored.set(sr.id, { ...h, baselineRunIds: baseline.map((b) => b.runId), assessedAt });
    drafts.push(...siteAlerts({ siteId: sr.site_id, current: h, failureReason: sr.failure_reason, baseline: baseline.map((b) => b.health) }, settings));
  }

  const alerts = await db.prisma.$transaction(async (tx) => {
    for (const [id, h] of stored) await tx.siteRun.update({ where: { id }, data: { health: h as unknown as Prisma.InputJsonObject } });
    // An alert raised again keeps its delivery: the webhook hears of it once.
    const before = await tx.alert.findMany({ where: { runId }, select: { siteId: true, kind: true, message: true, notifiedAt: true } });
    const delivered = new Map(before.filter((a) => a.notifiedAt).map((a) => [alertKey(a), a.notifiedAt]));
    await tx.alert.deleteMany({ where: { runId } });
    const created: StoredAlert[] = [];
    for (const d of drafts) {
      created.push(
        await tx.alert.create({
          data: {
            runId,
            siteId: d.siteId,
            kind: d.kind,
            severity: d.severity,
            message: storable(d.message),
            // Counts, rates and field names only.
            metrics: d.metrics as Prisma.InputJsonObject,
            createdAt: new Date(),
            notifiedAt: delivered.get(alertKey(d)) ?? null,
          },
          select: ALERT_SELECT,
        }),
      );
    }
    return created;
  });

  if (settings.webhook) {
    for (const alert of alerts) {
      if (alert.notifiedAt) continue;
      const error = await deliverAlert(settings.webhook, payloadOf(alert), opts);
      const update = error === null ? { notifiedAt: new Date(), notifyError: null } : { notifyError: error };
      Object.assign(alert, await db.prisma.alert.update({ where: { id: alert.id }, data: update, select: ALERT_SELECT }));
    }
  }
  return alerts;
}

function alertKey(a: { siteId: string | null; kind: string; message: string }): string {
  return `${a.siteId ?? ''}\u0000${a.kind}\u0000${a.message}`;
}

/** The JSON POSTed to the webhook for one alert (README, "Run health and drift alerts"). */
export function payloadOf(alert: StoredAlert) {
  return {
    source: 'kartla' as const,
    alertId: alert.id,
    runId: alert.runId,
    siteId: alert.siteId,
    kind: alert.kind,
    severity: alert.severity,
    message: alert.message,
    text: alert.message,
    metrics: alert.metrics,
    createdAt: alert.createdAt.toISOString(),
  };
}

/** The health of each site run, by site run id, measured from its snapshots and error records. */
async function healthOf(db: Db, siteRuns: readonly SiteRunRow[]): Promise<Map<number, SiteHealth>> {
  const ids = siteRuns.map((sr) => sr.id);
  const counts =
    ids.length === 0
      ? []
      : await db.prisma.$queryRaw<({ site_run_id: number } & SiteRunFacts['counts'])[]>`
    SELECT s.site_run_id, count(*)::int AS profiles,
           (count(*) FILTER (WHERE s.stated_age IS NOT NULL))::int AS age,
           (count(*) FILTER (WHERE s.gender <> 'unknown'))::int AS gender,
           (count(*) FILTER (WHERE s.kommun_code IS NOT NULL))::int AS municipality,
           (count(*) FILTER (WHERE EXISTS (SELECT 1 FROM snapshot_phone sp WHERE sp.snapshot_id = s.id)))::int AS phone,
           (count(*) FILTER (WHERE s.location_raw IS NOT NULL AND btrim(s.location_raw) <> ''))::int AS location
      FROM profile_snapshot s
     WHERE s.site_run_id = ANY(${ids}::int[])
     GROUP BY s.site_run_id`;
  const bySiteRun = new Map(counts.map((c) => [c.site_run_id, c]));
  const none = { profiles: 0, age: 0, gender: 0, municipality: 0, phone: 0, location: 0 };
  return new Map(
    siteRuns.map((sr) => [
      sr.id,
      siteHealth({
        status: sr.status,
        pages: sr.pages_fetched,
        errorCount: sr.error_count,
        errorRecords: openErrorRecords(db, sr.errors),
        counts: bySiteRun.get(sr.id) ?? none,
      }),
    ]),
  );
}

/** Kind and reason of each stored error record; the reason is sealed, and gone once purged. */
function openErrorRecords(db: Db, errors: unknown): { kind: string | null; reason: string | null }[] {
  if (!Array.isArray(errors)) return [];
  return errors.map((e) => {
    const { kind, sealed } = (e ?? {}) as { kind?: unknown; sealed?: unknown };
    let reason: string | null = null;
    try {
      if (typeof sealed === 'string') reason = (JSON.parse(db.cipher.decrypt(sealed)) as { reason?: string }).reason ?? null;
    } catch {
      reason = null;
    }
    return { kind: typeof kind === 'string' ? kind : null, reason };
  });
}

/**
 * Each site's baseline: its most recent comparable site runs (drift.ts isComparable) in runs that
 * started before this one and ended completed or partial, at most `limit`, most recent first.
 */
async function baselinesFor(
  db: Db,
  runId: number,
  siteIds: readonly string[],
  limit: number,
): Promise<Map<string, { runId: number; health: SiteHealth }[]>> {
  const out = new Map<string, { runId: number; health: SiteHealth }[]>();
  if (siteIds.length === 0) return out;
  // A few more candidates than needed, for those that turn out not comparable.
  const candidates = await db.prisma.$queryRaw<SiteRunRow[]>`
    SELECT id, run_id, site_id, status, pages_fetched, error_count, errors, failure_reason FROM (
      SELECT sr.id, sr.run_id, sr.site_id, sr.status::text AS status, sr.pages_fetched, sr.error_count, sr.errors,
             sr.failure_reason, r.started_at, row_number() OVER (PARTITION BY sr.site_id ORDER BY r.started_at DESC, r.id DESC) AS n
        FROM site_run sr
        JOIN mapping_run r ON r.id = sr.run_id
        JOIN mapping_run cur ON cur.id = ${runId}
       WHERE sr.site_id = ANY(${[...siteIds]}::text[])
         AND r.status::text IN ('completed', 'partial')
         AND sr.status::text IN ('ok', 'partial')
         AND (r.started_at < cur.started_at OR (r.started_at = cur.started_at AND r.id < cur.id))
    ) c
     WHERE n <= ${limit * 3}
     ORDER BY site_id, n`;
  const health = await healthOf(db, candidates);
  for (const c of candidates) {
    const h = health.get(c.id)!;
    const list = out.get(c.site_id) ?? [];
    if (list.length < limit && isComparable(h)) list.push({ runId: c.run_id, health: h });
    out.set(c.site_id, list);
  }
  return out;
}

export interface RunHealthReport {
  runId: number;
  label: string | null;
  status: string;
  startedAt: Date;
  /** Per site run, ordered by site id; health is null until the run has been assessed. */
  sites: { siteId: string; status: string; failureReason: string | null; health: StoredSiteHealth | null }[];
  alerts: StoredAlert[];
}

/** What `kartla health` shows: the stored health of each site run of the run, and its alerts. */
export async function readRunHealth(db: Db, runId: number): Promise<RunHealthReport> {
  const run = await db.prisma.mappingRun.findUnique({
    where: { id: runId },
    select: {
      id: true,
      label: true,
      status: true,
      startedAt: true,
      siteRuns: { select: { siteId: true, status: true, failureReason: true, health: true }, orderBy: { siteId: 'asc' } },
      alerts: { select: ALERT_SELECT, orderBy: [{ siteId: 'asc' }, { id: 'asc' }] },
    },
  });
  if (!run) throw new RunNotFoundError(runId);
  return {
    runId: run.id,
    label: run.label,
    status: run.status,
    startedAt: run.startedAt,
    sites: run.siteRuns.map((sr) => ({
      siteId: sr.siteId,
      status: sr.status,
      failureReason: sr.failureReason,
      health: (sr.health as StoredSiteHealth | null) ?? null,
    })),
    alerts: run.alerts,
  };
}
