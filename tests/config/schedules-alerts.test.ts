// The sites file's recurring runs (`schedules:`, for `kartla scheduler`) and drift alerts
// (`alerts:`): defaults, and a one-line error naming the file and the field for each mistake.

import { describe, expect, it } from 'vitest';
import { parseSites } from '../../src/config/sites-loader.ts';
import { sitesProblem } from '../helpers/config-problem.ts';

const known = { knownAdapters: ['alpha'] };
const SITES = 'sites:\n  - { id: a, name: A, startUrls: ["http://127.0.0.1:9/"], adapter: alpha, local: true }\n  - { id: b, name: B, startUrls: ["http://127.0.0.1:9/b"], adapter: alpha, local: true }\n';

const problem = (text: string): string => sitesProblem(text, known);

describe('schedules', () => {
  it('reads recurring runs with Stockholm time by default', () => {
    const loaded = parseSites(
      `schedules:\n  - { id: monthly, cron: "0 3 1 * *", label: monthly mapping }\n  - { id: national, cron: "0 2 15 3 *", label: national mapping, sites: [a], tz: UTC }\n${SITES}`,
      'sites.yaml',
      known,
    );
    expect(loaded.schedules).toEqual([
      { id: 'monthly', cron: '0 3 1 * *', label: 'monthly mapping', tz: 'Europe/Stockholm' },
      { id: 'national', cron: '0 2 15 3 *', label: 'national mapping', tz: 'UTC', sites: ['a'] },
    ]);
    expect(parseSites(SITES, 'sites.yaml', known).schedules).toEqual([]);
  });

  it.each([
    ['{ id: m, cron: "every month", label: x }', /schedules\[0\]\.cron.*is not a cron expression.*"0 3 1 \* \*"/],
    ['{ id: m, cron: "61 3 * * *", label: x }', /schedules\[0\]\.cron.*is not a cron expression/],
    ['{ id: M!, cron: "0 3 1 * *", label: x }', /schedules\[0\]\.id.*lower-case/],
    ['{ id: m, cron: "0 3 1 * *" }', /schedules\[0\]\.label/],
    ['{ id: m, cron: "0 3 1 * *", label: x, sites: [nope] }', /schedules\[0\]\.sites.*unknown site id "nope"/],
    ['{ id: m, cron: "0 3 1 * *", label: x, tz: Mars/Base }', /schedules\[0\]\.tz.*unknown time zone/],
    ['{ id: m, cron: "0 3 1 * *", label: x, every: 2 }', /unknown field "every" in "schedules/],
  ])('refuses %s', (entry, message) => {
    expect(problem(`schedules:\n  - ${entry}\n${SITES}`)).toMatch(message);
  });

  it('refuses a schedule id used twice', () => {
    const twice = 'schedules:\n  - { id: m, cron: "0 3 1 * *", label: x }\n  - { id: m, cron: "0 4 1 * *", label: y }\n';
    expect(problem(`${twice}${SITES}`)).toMatch(/schedules\[1\]\.id.*"m" is used twice/);
  });
});

describe('alerts', () => {
  it('has defaults that say what a sharp drop is', () => {
    expect(parseSites(SITES, 'sites.yaml', known).alerts).toEqual({ profileDrop: 0.5, fillRateDrop: 0.3, baselineRuns: 3 });
  });

  it.each([
    ['webhook: "ftp://hooks.example/x"', /alerts\.webhook.*http\(s\) URL/],
    ['profileDrop: 1.5', /alerts\.profileDrop/],
    ['fillRateDrop: 0', /alerts\.fillRateDrop/],
    ['baselineRuns: 0', /alerts\.baselineRuns/],
    ['webhok: "https://hooks.example/x"', /unknown field "webhok" in "alerts"/],
  ])('refuses %s', (entry, message) => {
    expect(problem(`alerts:\n  ${entry}\n${SITES}`)).toMatch(message);
  });
});
