// The drift rules on their own (src/health/drift.ts, metrics.ts): hits and near misses at each
// threshold, and the cases that must stay quiet (churn, a first run, a few page errors).

import { describe, expect, it } from 'vitest';
import { alertSettingsSchema } from '../../src/config/sites-schema.ts';
import { isComparable, median, scrubReason, siteAlerts, type SiteAssessment } from '../../src/health/drift.ts';
import { HEALTH_FIELDS, siteHealth, statusOfReason, type HealthField, type SiteHealth, type SiteRunFacts } from '../../src/health/metrics.ts';

const SETTINGS = alertSettingsSchema.parse({});

function facts(profiles: number, overrides: Partial<SiteRunFacts> & { rates?: Partial<Record<HealthField, number>> } = {}): SiteRunFacts {
  const rates = { age: 0.9, gender: 1, municipality: 0.95, phone: 0.92, location: 1, ...overrides.rates };
  const counts = { profiles, ...Object.fromEntries(HEALTH_FIELDS.map((f) => [f, Math.round(rates[f] * profiles)])) } as SiteRunFacts['counts'];
  return { status: 'ok', pages: profiles + 10, errorCount: 0, errorRecords: [], counts, ...overrides };
}

const health = (profiles: number, overrides: Parameters<typeof facts>[1] = {}): SiteHealth => siteHealth(facts(profiles, overrides));

function assess(current: SiteHealth, baseline: SiteHealth[], failureReason: string | null = null) {
  const a: SiteAssessment = { siteId: 'site-x', current, failureReason, baseline };
  return siteAlerts(a, SETTINGS);
}

describe('profiles drop', () => {
  it('alerts at the threshold (-50%), with the figures in one line', () => {
    const [alert, ...rest] = assess(health(206), [health(412)]);
    expect(rest).toEqual([]);
    expect(alert).toMatchObject({ kind: 'profiles-drop', severity: 'warning', message: 'site site-x: profiles -50% vs last run (412 → 206)' });
  });

  it('stays quiet just above it (-49.8%)', () => {
    expect(assess(health(207), [health(412)])).toEqual([]);
  });

  it('is critical from -90%, and uses the median of the baseline runs', () => {
    const alerts = assess(health(83), [health(400), health(412), health(2000)]);
    expect(alerts).toEqual([expect.objectContaining({ kind: 'profiles-drop', severity: 'warning', message: 'site site-x: profiles -80% vs last 3 runs (412 → 83)' })]);
    expect(assess(health(40), [health(412)])[0]).toMatchObject({ severity: 'critical' });
  });

  it('ignores a baseline too small to compare', () => {
    expect(assess(health(2), [health(19)])).toEqual([]);
    expect(assess(health(2), [health(20)])).toEqual([expect.objectContaining({ kind: 'profiles-drop' })]);
  });

  it('says nothing on ordinary churn or growth', () => {
    expect(assess(health(380), [health(412), health(405), health(420)])).toEqual([]);
    expect(assess(health(900), [health(412)])).toEqual([]);
  });
});

describe('fill rate drop', () => {
  it('alerts at 0.3 points, not at 0.29', () => {
    const hit = assess(health(100, { rates: { phone: 0.62 } }), [health(100, { rates: { phone: 0.92 } })]);
    expect(hit).toEqual([
      expect.objectContaining({ kind: 'fill-rate-drop', severity: 'warning', message: 'site site-x: phone fill rate 0.92 → 0.62 vs last run: the adapter may be out of date' }),
    ]);
    expect(assess(health(100, { rates: { phone: 0.63 } }), [health(100, { rates: { phone: 0.92 } })])).toEqual([]);
  });

  it('does not lose an exact hit to floating point (0.7 - 0.4)', () => {
    expect(assess(health(100, { rates: { age: 0.4 } }), [health(100, { rates: { age: 0.7 } })])).toHaveLength(1);
  });

  it('is critical when the field is as good as gone, one alert per field', () => {
    const alerts = assess(health(100, { rates: { phone: 0.03, age: 0 } }), [health(100)]);
    expect(alerts.map((a) => [a.metrics.field, a.severity])).toEqual([
      ['age', 'critical'],
      ['phone', 'critical'],
    ]);
    expect(alerts[1]!.message).toBe('site site-x: phone fill rate 0.92 → 0.03 vs last run: the adapter may be out of date');
  });

  it('does not compare rates over a handful of profiles', () => {
    expect(assess(health(9, { rates: { phone: 0 } }), [health(9)])).toEqual([]);
  });
});

describe('what never raises a drift alert', () => {
  it("a site's first run", () => {
    expect(assess(health(0), [])).toEqual([]);
  });

  it('a site partial because of a few page errors', () => {
    const partial = health(400, { status: 'partial', errorCount: 3, errorRecords: Array(3).fill({ kind: 'timeout', reason: 'timed out' }) });
    expect(assess(partial, [health(412)])).toEqual([]);
    expect(isComparable(partial)).toBe(true);
  });

  it('an interrupted site', () => {
    expect(assess(health(10, { status: 'interrupted' }), [health(412)])).toEqual([]);
  });
});

describe('failed and blocked sites', () => {
  it('a failed site raises one critical alert with its reason, without URL paths or numbers', () => {
    const failed = health(0, { status: 'failed', pages: 0, errorCount: 1, errorRecords: [{ kind: 'network', reason: 'connection refused' }] });
    const alerts = assess(failed, [health(412)], 'no page could be read (network: connection refused: https://ads.example/annons/0701740612)');
    expect(alerts).toEqual([
      expect.objectContaining({ kind: 'site-failed', severity: 'critical', message: 'site site-x: failed: no page could be read (network: connection refused: ads.example)' }),
    ]);
    expect(scrubReason('HTTP 500 at 070-174 06 12')).toBe('HTTP 500 at [number]');
  });

  it('a 403/429 storm is a sign of blocking; a few 403s are not', () => {
    const records = (n: number, status: number) => Array.from({ length: n }, () => ({ kind: 'http-status', reason: `HTTP ${status}: https://ads.example/x` }));
    const storm = health(300, { status: 'partial', errorCount: 40, errorRecords: [...records(30, 403), ...records(10, 404)] });
    expect(storm.blocking).toMatchObject({ blockedErrors: 30, blockedShare: 0.75, storm: true });
    const alerts = assess(storm, []);
    expect(alerts).toEqual([expect.objectContaining({ kind: 'blocking', severity: 'warning', message: 'site site-x: signs of blocking: 30 of 40 errors were HTTP 403/429' })]);
    expect(isComparable(storm)).toBe(false);

    const few = health(300, { status: 'partial', errorCount: 9, errorRecords: records(9, 403) });
    expect(few.blocking.storm).toBe(false);
    expect(assess(few, [])).toEqual([]);
    const mostly404 = health(300, { status: 'partial', errorCount: 40, errorRecords: [...records(19, 429), ...records(21, 404)] });
    expect(mostly404.blocking.storm).toBe(false);
  });

  it('captcha pages from three on are a sign of blocking; estimates scale the 200 kept records to all errors', () => {
    const challenge = (n: number) => Array.from({ length: n }, () => ({ kind: 'blocked', reason: 'answered a captcha or bot challenge (captcha) instead of the page: https://ads.example/' }));
    expect(assess(health(300, { status: 'partial', errorCount: 2, errorRecords: challenge(2) }), [])).toEqual([]);
    const many = health(10, { status: 'partial', pages: 400, errorCount: 400, errorRecords: challenge(200) });
    expect(many.blocking.challengePages).toBe(400);
    expect(many.errorsByKind).toEqual({ blocked: 200 });
    expect(assess(many, [])).toEqual([expect.objectContaining({ kind: 'blocking', severity: 'critical', message: 'site site-x: signs of blocking: 400 captcha or challenge pages' })]);
  });
});

describe('metrics', () => {
  it('reads HTTP statuses out of error reasons', () => {
    expect(statusOfReason('HTTP 403: https://x.example/')).toBe(403);
    expect(statusOfReason('HTTP 429 (rate limited): https://x.example/')).toBe(429);
    expect(statusOfReason('503 - Service Unavailable')).toBe(503);
    expect(statusOfReason('timed out after 10 s')).toBeNull();
  });

  it('has no fill rates without profiles, and a median of nothing is null', () => {
    expect(health(0).fillRates).toBeNull();
    expect(median([])).toBeNull();
    expect(median([3, 1, 2, 10])).toBe(2.5);
  });
});
