// The drift rules (issue 8): when a site's health in a run is worth telling someone about. Pure.
//
// A site is compared with its own recent comparable runs (its baseline: the median of up to
// `baselineRuns` of them), never with other sites. Ordinary churn, profiles coming and going with
// similar totals, stays well inside the thresholds; a site's first run has no baseline and raises
// no drift alert; a site that was partial because of a few page errors still has its profiles
// and fields, so it raises none either. A failed site and signs of blocking are reported whatever
// the baseline: they need a person now, not a trend.

import type { AlertSettings } from '../config/sites-schema.ts';
import { redact } from '../cli/redact.ts';
import { FIELD_LABELS, HEALTH_FIELDS, showsBlocking, type SiteHealth } from './metrics.ts';

export type AlertKind = 'profiles-drop' | 'fill-rate-drop' | 'site-failed' | 'blocking';
export type AlertSeverity = 'warning' | 'critical';

/** An alert before it is stored. */
export interface AlertDraft {
  siteId: string;
  kind: AlertKind;
  severity: AlertSeverity;
  /** One line in English; no phone number, no profile URL. */
  message: string;
  /** The figures behind it: this run's value, the baseline, the change. */
  metrics: Record<string, unknown>;
}

/** A baseline below this many profiles is too small for a share to mean anything. */
export const MIN_BASELINE_PROFILES = 20;
/** Fill rates over fewer profiles than this (in the run or a baseline run) are not compared. */
export const MIN_FILL_PROFILES = 10;
/** A drop of this share of profiles or more is critical rather than a warning. */
export const CRITICAL_PROFILE_DROP = 0.9;
/** A field whose fill rate falls to this or below is as good as gone: critical. */
export const CRITICAL_FILL_RATE = 0.05;
/** A partial site run with at most this share of its pages in error still makes a baseline. */
export const BASELINE_MAX_ERROR_SHARE = 0.1;
// Rates and shares are floats: 0.8 - 0.5 is 0.30000000000000004, 0.7 - 0.4 is 0.29999999999999993.
const EPSILON = 1e-9;

export type DriftSettings = Pick<AlertSettings, 'profileDrop' | 'fillRateDrop'>;

export function median(values: readonly number[]): number | null {
  if (values.length === 0) return null;
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
}

/**
 * Whether a site run of an earlier run may be part of the site's baseline: read in full (ok), or
 * partial because of a few page errors, and not blocked.
 */
export function isComparable(h: SiteHealth): boolean {
  if (showsBlocking(h)) return false;
  if (h.status === 'ok') return true;
  return h.status === 'partial' && h.errors <= Math.max(1, h.pages) * BASELINE_MAX_ERROR_SHARE;
}

const pct = (share: number): number => Math.round(share * 100);
const rate = (r: number): string => r.toFixed(2);
const count = (n: number): string => String(Math.round(n));

/** Messages carry no URL path (it may name a profile) and no number-like run of digits. */
export function scrubReason(text: string): string {
  const line = (text.split('\n')[0] ?? '').replace(/\bhttps?:\/\/([^/\s)]+)[^\s)]*/gi, '$1');
  return redact(line.length > 200 ? `${line.slice(0, 197)}...` : line);
}

export interface SiteAssessment {
  siteId: string;
  current: SiteHealth;
  failureReason: string | null;
  /** The site's comparable earlier site runs, most recent first (at most baselineRuns). */
  baseline: readonly SiteHealth[];
}

export function siteAlerts(a: SiteAssessment, settings: DriftSettings): AlertDraft[] {
  const { siteId, current } = a;
  const alerts: AlertDraft[] = [];
  if (current.status === 'failed') {
    alerts.push({
      siteId,
      kind: 'site-failed',
      severity: 'critical',
      message: `site ${siteId}: failed: ${scrubReason(a.failureReason ?? 'no page could be read')}`,
      metrics: { pages: current.pages, errors: current.errors, errorsByKind: current.errorsByKind },
    });
  }
  const blocking = blockingAlert(siteId, current);
  if (blocking) alerts.push(blocking);
  // Drift needs a finished, readable site run and a baseline.
  if (current.status !== 'ok' && current.status !== 'partial') return alerts;
  if (a.baseline.length === 0) return alerts;
  const runs = a.baseline.length;
  const against = runs === 1 ? 'last run' : `last ${runs} runs`;

  const baseProfiles = median(a.baseline.map((b) => b.profiles))!;
  if (baseProfiles >= MIN_BASELINE_PROFILES) {
    const drop = (baseProfiles - current.profiles) / baseProfiles;
    if (drop >= settings.profileDrop - EPSILON) {
      alerts.push({
        siteId,
        kind: 'profiles-drop',
        severity: drop >= CRITICAL_PROFILE_DROP - EPSILON ? 'critical' : 'warning',
        message: `site ${siteId}: profiles -${pct(drop)}% vs ${against} (${count(baseProfiles)} → ${current.profiles})`,
        metrics: { profiles: current.profiles, baseline: baseProfiles, drop: Math.round(drop * 1000) / 1000, baselineRuns: runs, threshold: settings.profileDrop },
      });
    }
  }

  if (current.fillRates && current.profiles >= MIN_FILL_PROFILES) {
    const rated = a.baseline.filter((b) => b.fillRates && b.profiles >= MIN_FILL_PROFILES);
    for (const field of HEALTH_FIELDS) {
      const base = median(rated.map((b) => b.fillRates![field]));
      if (base === null) continue;
      const now = current.fillRates[field];
      const drop = base - now;
      if (drop < settings.fillRateDrop - EPSILON) continue;
      alerts.push({
        siteId,
        kind: 'fill-rate-drop',
        severity: now <= CRITICAL_FILL_RATE + EPSILON ? 'critical' : 'warning',
        message: `site ${siteId}: ${FIELD_LABELS[field]} fill rate ${rate(base)} → ${rate(now)} vs ${against}: the adapter may be out of date`,
        metrics: { field, fillRate: now, baseline: base, drop: Math.round(drop * 1000) / 1000, baselineRuns: rated.length, threshold: settings.fillRateDrop },
      });
    }
  }
  return alerts;
}

function blockingAlert(siteId: string, h: SiteHealth): AlertDraft | null {
  if (!showsBlocking(h)) return null;
  const { blockedErrors, challengePages, storm } = h.blocking;
  const signs = [
    ...(storm ? [`${blockedErrors} of ${h.errors} errors were HTTP 403/429`] : []),
    ...(challengePages > 0 ? [`${challengePages} captcha or challenge page${challengePages === 1 ? '' : 's'}`] : []),
  ];
  // Blocked on most of what it asked for, or on everything: nobody should wait for the next run.
  // (403/429 answers are not among the pages read; challenge pages are.)
  const severe = h.status === 'failed' || blockedErrors + challengePages >= Math.max(1, h.pages + blockedErrors) / 2;
  return {
    siteId,
    kind: 'blocking',
    severity: severe ? 'critical' : 'warning',
    message: `site ${siteId}: signs of blocking: ${signs.join(', ')}`,
    metrics: { ...h.blocking, pages: h.pages, errors: h.errors },
  };
}
