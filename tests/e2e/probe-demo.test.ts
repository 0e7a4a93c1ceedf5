// Onboarding without code, end to end: on every demo site (the small demo's three, and a small
// national web with a site of every layout) the probe samples 30 pages with the generic adapter
// and writes a YAML adapter; that file, used as written from a sites file, maps the whole site
// with profile recall >= 0.99 against the site's ground truth.

import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { adapterNames, getAdapter } from '../../crawlers/index.ts';
import { loadSitesFile } from '../../src/config/sites-loader.ts';
import { runMapping } from '../../src/crawl/mapping-run.ts';
import { DEMO_CRAWL } from '../../src/demo/as-sites.ts';
import { startNationalWeb, type NationalWeb } from '../../src/demo/national/server.ts';
import { startDemoSites, type DemoSites } from '../../src/demo/server.ts';
import { canonicalUrl } from '../../src/extract/url.ts';
import { probeSite, sampleSite } from '../../src/probe/sample.ts';
import { adapterYaml, suggestAdapter } from '../../src/probe/suggest.ts';
import { exportRecords } from '../../src/store/run-queries.ts';
import { scoreRun, type RunScore } from '../../src/eval/score.ts';
import type { ExportRecord } from '../../src/model/export-record.ts';
import { openTestDatabase, type TestDatabase } from '../helpers/test-databases.ts';

interface DemoSite {
  id: string;
  startUrls: string[];
  truthUrls: Set<string>;
}

interface SiteResult {
  id: string;
  truth: number;
  found: number;
  recall: number;
  extra: number;
}

describe('probe-suggested adapters map every demo site', () => {
  let demo: DemoSites;
  let web: NationalWeb;
  let db: TestDatabase;
  const results: SiteResult[] = [];
  let national: RunScore;

  beforeAll(async () => {
    demo = await startDemoSites({ seed: 7, epoch: 0 });
    web = await startNationalWeb({ seed: 2025, sites: 10, profiles: 800 });
    db = await openTestDatabase('pglite');
    const canon = (u: string) => canonicalUrl(u) ?? u;
    const truth = [...demo.groundTruth().map((t) => ({ site: t.siteId, url: t.url })), ...web.groundTruth().map((t) => ({ site: t.site, url: t.url }))];
    const sites: DemoSite[] = [...demo.sites, ...web.sites].map((s) => ({
      id: s.id,
      startUrls: s.startUrls,
      truthUrls: new Set(truth.filter((t) => t.site === s.id).map((t) => canon(t.url))),
    }));

    const dir = mkdtempSync(path.join(tmpdir(), 'kartla-probe-e2e-'));
    mkdirSync(path.join(dir, 'adapters'));
    const entries: string[] = [];
    for (const site of sites) {
      const probed = { ...probeSite(site.startUrls[0]!, true), maxRequestsPerMinute: 20_000 };
      const sample = await sampleSite(probed, getAdapter('generic')!, { pages: 30, local: true, crawl: { maxRetries: 1, retryBackoffMs: 50 } });
      const suggestion = suggestAdapter(sample);
      writeFileSync(path.join(dir, 'adapters', `${site.id}.yaml`), adapterYaml(suggestion, sample));
      entries.push(
        `  - id: ${site.id}\n    name: ${site.id}\n    startUrls: ${JSON.stringify(site.startUrls)}\n    adapter: { file: adapters/${site.id}.yaml }\n    local: true\n`,
      );
    }
    writeFileSync(path.join(dir, 'sites.yaml'), `crawl:\n  maxRequestsPerMinute: 20000\n  maxConcurrency: 8\n  photos: false\nsites:\n${entries.join('')}`);
    const loaded = loadSitesFile(path.join(dir, 'sites.yaml'), { knownAdapters: adapterNames() });
    const run = await runMapping({ db, sites: loaded.sites, crawl: { ...DEMO_CRAWL, photos: false }, label: 'probe-suggested' });
    const found = new Map<string, Set<string>>();
    const records: ExportRecord[] = [];
    for await (const r of exportRecords(db, run.runId, { reveal: true })) {
      records.push(r);
      const set = found.get(r.site) ?? found.set(r.site, new Set()).get(r.site)!;
      set.add(canon(r.url!));
    }
    for (const site of sites) {
      const got = found.get(site.id) ?? new Set<string>();
      const hits = [...site.truthUrls].filter((u) => got.has(u)).length;
      results.push({ id: site.id, truth: site.truthUrls.size, found: got.size, recall: hits / site.truthUrls.size, extra: got.size - hits });
    }
    national = scoreRun(records.filter((r) => r.site.startsWith('nat-')), web.groundTruth());
    const pct = (r: number | null) => (r === null ? 'n/a' : `${(r * 100).toFixed(1)} %`);
    console.log(
      `national sites read by the suggested adapters: ${(['age', 'gender', 'kommunCode'] as const).map((f) => `${f} ${pct(national.fields[f].rate)}`).join(', ')}, ` +
        `phones precision ${pct(national.phones.precision)} recall ${pct(national.phones.recall)}`,
    );
    console.log(`probe-suggested adapters, profile recall per site:\n${results.map((r) => `  ${r.id}: ${r.found} found, ${r.truth} in truth, recall ${(r.recall * 100).toFixed(1)} %, ${r.extra} not in truth`).join('\n')}`);
  }, 600_000);

  afterAll(async () => {
    await demo?.close();
    await web?.close();
    await db?.drop();
  });

  it('covers the three small demo sites and ten national ones', () => {
    expect(results).toHaveLength(13);
  });

  it('maps each site with recall >= 0.99', () => {
    expect(results.filter((r) => r.recall < 0.99)).toEqual([]);
  });

  it('takes no page that is not a profile for one', () => {
    expect(results.filter((r) => r.extra > 0)).toEqual([]);
  });
});
