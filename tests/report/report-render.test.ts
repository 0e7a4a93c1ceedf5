// The report of two real mappings of the demo web, as its readers see it: report.html opened in
// the machine's headless Chromium (no error, nothing fetched, every chart drawn, every table
// there) and report.pdf read back with a PDF reader (a sensible number of pages, the title, the
// section titles and the footer on every page).

import { mkdirSync, mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { chromium, type Browser, type Page } from 'playwright';
import { extractText, getDocumentProxy } from 'unpdf';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CHROMIUM_ARGS } from '../../src/browser/chromium.ts';
import { runMapping } from '../../src/crawl/mapping-run.ts';
import { DEMO_CRAWL, demoSitesAsResolved } from '../../src/demo/as-sites.ts';
import { startDemoSites } from '../../src/demo/server.ts';
import { reportText, runName } from '../../src/report/report-text.ts';
import { writeReport, type WrittenReport } from '../../src/report/write-report.ts';
import { openTestDatabase, type TestDatabase } from '../helpers/test-databases.ts';

interface ReportJson {
  sections: { id: string; title: string; tables: { id: string; rows: unknown[] }[] }[];
}

const sv = reportText('sv');
let db: TestDatabase | undefined;
let dir: string;
let written: WrittenReport;
let doc: ReportJson;
let browser: Browser | undefined;
let page: Page;
const consoleErrors: string[] = [];
const requests: string[] = [];
let fileUrl: string;

beforeAll(async () => {
  dir = mkdtempSync(path.join(tmpdir(), 'kartla-report-render-'));
  db = await openTestDatabase('pglite');
  // Two mappings a month apart: profiles gone and new, so the change section has figures.
  const demo = await startDemoSites({ seed: 11, epoch: 0 });
  let runIds: number[];
  try {
    const first = await runMapping({ db, sites: demoSitesAsResolved(demo), crawl: DEMO_CRAWL, label: 'first' });
    demo.setEpoch(1);
    const second = await runMapping({ db, sites: demoSitesAsResolved(demo), crawl: DEMO_CRAWL, label: 'second' });
    runIds = [first.runId, second.runId];
  } finally {
    await demo.close();
  }
  const started = performance.now();
  written = await writeReport(db, { runId: runIds[1]!, compareRunId: runIds[0]!, region: null, outDir: dir, lang: 'sv', suppressBelow: 3 });
  console.log(`writeReport (with PDF) in ${Math.round(performance.now() - started)} ms: ${JSON.stringify(written.timings)}; ${written.pdfPages} PDF pages`);
  doc = JSON.parse(readFileSync(path.join(dir, 'report.json'), 'utf8')) as ReportJson;

  browser = await chromium.launch({ executablePath: '/usr/bin/chromium', args: CHROMIUM_ARGS, headless: true, timeout: 120_000 });
  page = await browser.newPage({ viewport: { width: 1200, height: 900 } });
  page.on('console', (msg) => {
    if (msg.type() === 'error') consoleErrors.push(msg.text());
  });
  page.on('pageerror', (error) => consoleErrors.push(String(error)));
  page.on('request', (request) => requests.push(request.url()));
  fileUrl = pathToFileURL(path.join(dir, 'report.html')).href;
  await page.goto(fileUrl, { waitUntil: 'load', timeout: 120_000 });
}, 600_000);

afterAll(async () => {
  await browser?.close();
  await db?.drop();
  if (dir) rmSync(dir, { recursive: true, force: true });
});

describe('report.html in Chromium', () => {
  it('loads with no console error and fetches nothing but itself', () => {
    expect(consoleErrors).toEqual([]);
    expect(requests).toEqual([fileUrl]);
  });

  it('draws every chart the data calls for, each with a size and at least one visible mark', async () => {
    const svgs = await page.$$eval('svg', (elements) =>
      elements.map((svg) => {
        const box = svg.getBoundingClientRect();
        const marks = [...svg.querySelectorAll('rect, path, polyline, circle')].filter((m) => {
          const r = m.getBoundingClientRect();
          return r.width > 0 && r.height > 0;
        });
        return { id: svg.getAttribute('aria-labelledby')?.replace(/-title$/, '') ?? '', width: box.width, height: box.height, marks: marks.length };
      }),
    );
    for (const svg of svgs) {
      expect(svg.width, svg.id).toBeGreaterThan(0);
      expect(svg.height, svg.id).toBeGreaterThan(0);
      expect(svg.marks, svg.id).toBeGreaterThan(0);
    }
    // What report-charts.ts draws for this data: always the volumes, over time, gender, age,
    // localities, both maps and cluster sizes; gender by group, foreign numbers and fill rates
    // when their tables have rows.
    const rows = (id: string) => doc.sections.flatMap((s) => s.tables).find((t) => t.id === id)!.rows.length;
    const expected = [
      'chart-site-volumes',
      'chart-over-time',
      'chart-gender',
      'chart-age',
      ...(rows('gender_by_group') > 0 ? ['chart-gender-by-group'] : []),
      'chart-localities',
      'chart-county-map',
      'chart-region-map',
      'chart-cluster-sizes',
      ...(rows('foreign_phones') > 0 ? ['chart-foreign'] : []),
      ...(rows('fill_rates') > 0 ? ['chart-fill'] : []),
    ];
    // The demo has groups, foreign numbers and sites: all eleven charts.
    expect(expected).toHaveLength(11);
    expect(svgs.map((s) => s.id)).toEqual(expected);
  });

  it('shows every table of report.json, once, in its section', async () => {
    for (const section of doc.sections) {
      for (const table of section.tables) {
        const where = await page.evaluate((id) => {
          const el = document.querySelectorAll(`[id="table-${id}"]`);
          return { count: el.length, section: el[0]?.closest('section')?.id ?? null, rows: el[0]?.querySelectorAll('tbody tr').length ?? 0 };
        }, table.id);
        expect(where, table.id).toEqual({ count: 1, section: section.id, rows: table.rows.length });
      }
    }
  });

  it('takes a full-page screenshot', async () => {
    const shots = path.join(tmpdir(), 'kartla-report-render');
    mkdirSync(shots, { recursive: true });
    const file = path.join(shots, 'report.png');
    await page.screenshot({ path: file, fullPage: true, timeout: 120_000 });
    const png = readFileSync(file);
    expect(png.subarray(0, 8)).toEqual(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]));
    expect(statSync(file).size).toBeGreaterThan(50_000);
    console.log(`report screenshot: ${file}`);
  });
});

describe('report.pdf', () => {
  it('has a sensible number of pages, as a PDF reader counts them', async () => {
    const pdf = await getDocumentProxy(new Uint8Array(readFileSync(path.join(dir, 'report.pdf'))));
    expect(pdf.numPages).toBe(written.pdfPages);
    // Measured on the demo (seed 11, two runs): 10 pages, one section per page or two and the
    // larger tables running over. The range leaves room for other fonts on other machines and for
    // small changes to the layout or the charts, and still fails if sections stop starting on
    // their own page (fewer) or a table or chart breaks into a page per row (many more).
    expect(pdf.numPages).toBeGreaterThanOrEqual(7);
    expect(pdf.numPages).toBeLessThanOrEqual(16);
  });

  it('holds the title, the section titles and the footer on every page', async () => {
    const bytes = new Uint8Array(readFileSync(path.join(dir, 'report.pdf')));
    const { text: pages, totalPages } = await extractText(bytes, { mergePages: false });
    const flat = (s: string) => s.replace(/\s+/g, ' ');
    const all = flat(pages.join(' '));
    expect(all).toContain(sv.reportTitle);
    for (const title of Object.values(sv.sections)) expect(all, title).toContain(title);
    const footer = `${sv.footer} · ${runName(written.figures.current.run)}`;
    pages.forEach((text, i) => {
      expect(flat(text), `page ${i + 1}`).toContain(footer);
      expect(flat(text), `page ${i + 1}`).toContain(`${i + 1}/${totalPages}`);
    });
  });
});
