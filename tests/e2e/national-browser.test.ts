// The national web's script-driven sites mapped in headless Chromium (the machine's own, as a
// mapping would): every load-more-json site (more ads by clicking "load more", numbers by clicking
// "show number"), every infinite-scroll site (by scrolling), and a rel-next site served as an
// empty shell that a script fills. The adapters can only succeed in a browser (no JSON listing
// spec, no reveal endpoints, no next-page links), and the same sites mapped over plain HTTP with
// the same adapters find far fewer: the browser path is what finds them.

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openTestDatabase, type TestDatabase } from '../helpers/test-databases.ts';
import { DEMO_CRAWL, demoSitesAsResolved } from '../../src/demo/as-sites.ts';
import { startNationalWeb, type NationalWeb } from '../../src/demo/national/server.ts';
import { runMapping, type RunResult } from '../../src/crawl/mapping-run.ts';
import { exportRecords } from '../../src/store/run-queries.ts';
import { scoreRun, type RunScore } from '../../src/eval/score.ts';
import type { ResolvedSite } from '../../src/config/sites-loader.ts';
import type { ExportRecord } from '../../src/model/export-record.ts';
import type { TruthProfile } from '../../src/eval/score.ts';
import { browserAdapterFor } from '../crawl/browser-adapters.ts';

const chosen = (web: NationalWeb) => {
  const loadMore = web.sites.filter((s) => s.renderedLayout === 'load-more-json');
  const scroll = web.sites.filter((s) => s.renderedLayout === 'infinite-scroll');
  const shell = web.sites.filter((s) => s.renderedLayout === 'rel-next').slice(0, 1);
  return { loadMore, scroll, shell, all: [...loadMore, ...scroll, ...shell] };
};

async function mapWith(web: NationalWeb, db: TestDatabase, ids: Set<string>, render: 'http' | 'browser', label: string) {
  const sites: ResolvedSite[] = demoSitesAsResolved(web)
    .filter((s) => ids.has(s.id))
    .map((s) => ({ ...s, adapterSpec: browserAdapterFor(web.sites.find((w) => w.id === s.id)!.renderedLayout)!, render }));
  const run = await runMapping({ db, sites, crawl: DEMO_CRAWL, label, clustering: false });
  const records: ExportRecord[] = [];
  for await (const r of exportRecords(db, run.runId, { reveal: true })) records.push(r);
  return { run, records };
}

function phoneSets(rows: readonly { url: string | null; phones: readonly string[] }[]): Map<string, string> {
  return new Map(rows.map((r) => [r.url ?? '', [...new Set(r.phones)].sort().join(' ')]));
}

describe('the national web\'s script-driven sites, mapped in a browser', () => {
  let web: NationalWeb;
  let db: TestDatabase;
  let truth: TruthProfile[];
  let browser: { run: RunResult; records: ExportRecord[]; score: RunScore };
  let http: { run: RunResult; records: ExportRecord[]; score: RunScore };
  let ids: Set<string>;

  beforeAll(async () => {
    const probe = await startNationalWeb({ seed: 2025, sites: 10, profiles: 800 });
    const shellIds = chosen(probe).shell.map((s) => s.id);
    await probe.close();
    web = await startNationalWeb({ seed: 2025, sites: 10, profiles: 800, scriptRendered: shellIds });
    ids = new Set(chosen(web).all.map((s) => s.id));
    truth = web.groundTruth().filter((t) => ids.has(t.site));
    db = await openTestDatabase('pglite');
    const started = Date.now();
    const b = await mapWith(web, db, ids, 'browser', 'national-browser');
    const browserMs = Date.now() - started;
    const h = await mapWith(web, db, ids, 'http', 'national-browser-over-http');
    const score = (records: ExportRecord[]) => scoreRun(records, truth, { baselineIgnoresPhones: web.world.collisionNumbers });
    browser = { ...b, score: score(b.records) };
    http = { ...h, score: score(h.records) };
    const layouts = [...ids].map((id) => `${id}=${web.sites.find((s) => s.id === id)!.renderedLayout}`).join(', ');
    console.log(`national-browser: ${layouts}; browser mapping took ${(browserMs / 1000).toFixed(1)} s`);
    for (const [name, s] of [['browser', browser.score], ['plain HTTP, same adapters', http.score]] as const) {
      console.log(`  ${name}: ${s.profiles.matched}/${s.profiles.truth} profiles, phones precision ${s.phones.precision?.toFixed(3)} recall ${s.phones.recall?.toFixed(3)}`);
    }
  }, 600_000);

  afterAll(async () => {
    await web?.close();
    await db?.drop();
  });

  it('covers every load-more-json and infinite-scroll site and a script-rendered one', () => {
    const { loadMore, scroll, shell } = chosen(web);
    expect(loadMore.length).toBeGreaterThan(0);
    expect(scroll.length).toBeGreaterThan(0);
    expect(shell.length).toBe(1);
    expect(truth.length).toBeGreaterThan(100);
  });

  it('serves the scripts the pages load, and a shell without ads to plain HTTP on the script-rendered site', async () => {
    const { loadMore, scroll, shell } = chosen(web);
    const app = await fetch(`${loadMore[0]!.baseUrl}/assets/app.js`);
    expect(app.status).toBe(200);
    expect(app.headers.get('content-type')).toMatch(/^text\/javascript/);
    expect((await fetch(`${scroll[0]!.baseUrl}/static/feed.js`)).status).toBe(200);
    const plain = await (await fetch(shell[0]!.startUrls[0]!)).text();
    expect(plain).not.toMatch(/item-link|profil\//);
    const content = await (await fetch(shell[0]!.startUrls[0]!, { headers: { 'x-kartla-content': '1' } })).text();
    expect(content).toMatch(/item-link/);
  });

  it('maps every site completely, without an error', () => {
    expect(browser.run.status).toBe('completed');
    for (const site of browser.run.sites) {
      expect(site.errors, site.siteId).toEqual([]);
      expect(site.status, site.siteId).toBe('ok');
    }
  });

  it('finds every profile and exactly the numbers of each', () => {
    expect(browser.score.profiles.recall).toBe(1);
    expect(browser.score.profiles.precision).toBe(1);
    const found = phoneSets(browser.records);
    const expected = phoneSets(truth);
    expect(found.size).toBe(expected.size);
    for (const [url, phones] of expected) expect(found.get(url), url).toBe(phones);
    expect(browser.score.phones.recall).toBe(1);
    expect(browser.score.phones.precision).toBe(1);
  });

  it('reads the facts as the HTTP path does', () => {
    for (const field of ['age', 'gender', 'kommunCode'] as const) expect(browser.score.fields[field].rate!, field).toBeGreaterThanOrEqual(0.98);
  });

  it('finds far fewer over plain HTTP with the same adapters', () => {
    expect(http.score.profiles.recall!).toBeLessThan(0.5);
    expect(http.score.phones.recall!).toBeLessThan(0.5);
    const perSite = (records: ExportRecord[], id: string) => records.filter((r) => r.site === id).length;
    // The shell site shows nothing at all without its script.
    for (const shell of chosen(web).shell) expect(perSite(http.records, shell.id)).toBe(0);
    for (const id of ids) expect(perSite(http.records, id), id).toBeLessThan(perSite(browser.records, id));
  });
});
