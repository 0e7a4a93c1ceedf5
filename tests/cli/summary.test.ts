import { describe, expect, it } from 'vitest';
import { formatSummary } from '../../src/cli/summary.ts';
import type { RunResult, SiteOutcome } from '../../src/crawl/mapping-run.ts';

const site = (over: Partial<SiteOutcome>): SiteOutcome => ({
  siteId: 'site-a',
  name: 'A',
  siteRunId: 1,
  status: 'ok',
  pagesFetched: 12,
  profiles: 10,
  duplicates: 0,
  errorCount: 0,
  errors: [],
  failureReason: null,
  durationMs: 1500,
  ...over,
});

const run = (sites: SiteOutcome[], status: RunResult['status'] = 'partial'): RunResult => ({
  runId: 7,
  status,
  startedAt: new Date('2026-11-23T08:00:00Z'),
  finishedAt: new Date('2026-11-23T08:00:42Z'),
  sites,
  clustering: null,
});

describe('run summary', () => {
  it('shows per-site pages, profiles, phones and errors with totals', () => {
    const text = formatSummary(
      run([site({}), site({ siteId: 'site-b', pagesFetched: 30, profiles: 25, errorCount: 2, status: 'partial', errors: [{ url: 'u', reason: 'r', kind: 'timeout' }, { url: 'v', reason: 'r', kind: 'timeout' }] })]),
      { perSite: { 'site-a': 4, 'site-b': 9 }, total: 12, shared: 3 },
      'monthly',
    );
    expect(text).toContain('Run 7 "monthly": partial in 42.0 s');
    expect(text).toMatch(/site-a\s*│ ok\s*│\s*12 │\s*10 │\s*4 │\s*0 │/);
    expect(text).toMatch(/Total\s*│\s*│\s*42 │\s*35 │\s*12 │\s*2 │/);
    expect(text).toContain('Phones shared by two or more profiles: 3');
    expect(text).toContain('site-b (partial): 2 page error(s): 2 timeout');
  });

  it('names a failed site with its reason, hiding numbers in it', () => {
    const text = formatSummary(
      run([site({ status: 'failed', pagesFetched: 0, profiles: 0, failureReason: 'no page could be read (http-status: HTTP 500: http://x.se/p/0701740605)' })], 'failed'),
      { perSite: {}, total: 0, shared: 0 },
      null,
    );
    expect(text).toContain('site-a (failed): no page could be read (http-status: HTTP 500: http://x.se/p/[number])');
    expect(text).not.toContain('0701740605');
  });

  it('counts what the normalisers could not read, and the minor cues to review', () => {
    const text = formatSummary(run([site({})], 'completed'), { perSite: {}, total: 0, shared: 0 }, null, {
      profiles: 10,
      unresolvedLocations: 2,
      minorCues: 1,
      unknownAge: 3,
      unknownGender: 0,
    });
    expect(text).toContain('Not stated or not read: age 3, gender 0, place 2 (location text that names no known place; counted, not guessed)');
    expect(text).toContain('Minor cues to review: 1 profile(s) state an age under 18 or use a youth phrase (kartla export --run 7, field minorCue).');
    const none = formatSummary(run([site({})], 'completed'), { perSite: {}, total: 0, shared: 0 }, null, { profiles: 10, unresolvedLocations: 0, minorCues: 0, unknownAge: 0, unknownGender: 0 });
    expect(none).not.toContain('Minor cues');
  });

  it('warns when a site was read but no profile found', () => {
    const text = formatSummary(run([site({ profiles: 0 })], 'completed'), { perSite: {}, total: 0, shared: 0 }, null);
    expect(text).toContain('site-a: pages were read but no profile was found; the adapter may no longer fit the site.');
  });
});
