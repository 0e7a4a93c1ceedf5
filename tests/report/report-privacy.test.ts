// Reports against hostile input and for privacy: a synthetic web whose site name, site group,
// places and ad texts carry HTML and script, mapped and reported on both drivers. The report must
// run no script and show the hostile text only as text (or not at all), and no report file may
// hold a phone number, profile URL or ad text of the run.

import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import ExcelJS from 'exceljs';
import { chromium } from 'playwright';
import { extractText, getDocumentProxy } from 'unpdf';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { CHROMIUM_ARGS } from '../../src/browser/chromium.ts';
import { runMapping } from '../../src/crawl/mapping-run.ts';
import { DEMO_CRAWL, demoSitesAsResolved } from '../../src/demo/as-sites.ts';
import { startNationalWeb } from '../../src/demo/national/server.ts';
import type { NationalWorld } from '../../src/demo/national/types.ts';
import { writeReport } from '../../src/report/write-report.ts';
import { describeDrivers, openTestDatabase, type TestDatabase } from '../helpers/test-databases.ts';

const SITE_NAME = '<script>window.__pwned = 1</script>Sajt "A" & <b>B</b>';
const GROUP = '<img src=x onerror="window.__pwned = 2">Grupp';
const PLACE_SUFFIX = '<script>window.__pwned = 3</script>';
const TEXT_TAIL = ' <script>window.__pwned = 4</script><img src=x onerror="window.__pwned = 5"> ';

interface Planted {
  world: NationalWorld;
  urls: string[];
}

/** Text that would single someone out: every number (E.164 and national form), URL and ad sentence. */
function secrets(p: Planted): string[] {
  const phones = p.world.profiles.flatMap((x) => x.phones);
  const national = phones.filter((e) => e.startsWith('+46')).map((e) => `0${e.slice(3)}`);
  // Ad texts are checked by their longer pieces: a short word would match innocent text.
  const sentences = p.world.profiles.flatMap((x) => x.description.split(/[.!?\n]/).map((s) => s.trim()).filter((s) => s.length >= 30));
  return [...new Set([...phones, ...national, ...p.urls, ...sentences])];
}

async function filesAsText(dir: string): Promise<Map<string, string>> {
  const out = new Map<string, string>();
  for (const name of readdirSync(dir)) {
    const file = path.join(dir, name);
    if (name.endsWith('.pdf')) {
      const pdf = await getDocumentProxy(new Uint8Array(readFileSync(file)));
      out.set(name, (await extractText(pdf, { mergePages: true })).text);
    } else if (name.endsWith('.xlsx')) {
      const book = new ExcelJS.Workbook();
      await book.xlsx.readFile(file);
      const cells: string[] = [];
      book.eachSheet((sheet) => sheet.eachRow((row) => row.eachCell((cell) => cells.push(String(cell.text)))));
      out.set(name, cells.join('\n'));
    } else out.set(name, readFileSync(file, 'utf8'));
  }
  return out;
}

describeDrivers('a report of a web with hostile text', (driver) => {
  let db: TestDatabase;
  let out: string;
  const planted: Planted[] = [];
  const runIds: number[] = [];

  beforeAll(async () => {
    db = await openTestDatabase(driver);
    for (const year of [2025, 2026]) {
      const web = await startNationalWeb({
        seed: 77,
        sites: 4,
        profiles: 160,
        year,
        alterWorld: (world) => {
          for (const [i, p] of world.profiles.entries()) {
            if (i % 3 === 0) p.locality = `${p.locality}${PLACE_SUFFIX}`;
            p.description = `${p.description}${TEXT_TAIL}`;
          }
        },
      });
      try {
        const sites = demoSitesAsResolved(web).map((s, i) => (i === 0 ? { ...s, name: SITE_NAME, group: GROUP } : s));
        const run = await runMapping({ db, sites, crawl: DEMO_CRAWL, label: `hostile ${year}`, clustering: { ignorePhones: web.world.collisionNumbers } });
        expect(run.status).toBe('completed');
        runIds.push(run.runId);
        planted.push({ world: web.world, urls: web.world.profiles.map((p) => web.urlFor(p.siteId, p.id)) });
      } finally {
        await web.close();
      }
    }
    out = mkdtempSync(path.join(tmpdir(), `kartla-report-hostile-${driver}-`));
    // The PDF once (PGlite): printing does not depend on the driver.
    await writeReport(db, { runId: runIds[1]!, compareRunId: runIds[0]!, region: null, outDir: out, lang: 'sv', suppressBelow: 3, pdf: driver === 'pglite' });
  }, 600_000);

  afterAll(async () => {
    await db?.drop();
    if (out) rmSync(out, { recursive: true, force: true });
  });

  it('escapes hostile text in the HTML: no script element, no event handler, the text shown literally', async () => {
    const html = readFileSync(path.join(out, 'report.html'), 'utf8');
    expect(html).not.toMatch(/<script/i);
    expect(html).not.toMatch(/<img/i);
    expect(html).not.toMatch(/<b>B<\/b>/);
    expect(html).toContain('Content-Security-Policy');

    const browser = await chromium.launch({ executablePath: '/usr/bin/chromium', args: CHROMIUM_ARGS });
    try {
      const page = await browser.newPage();
      const dialogs: string[] = [];
      page.on('dialog', (d) => {
        dialogs.push(d.message());
        void d.dismiss();
      });
      await page.goto(`file://${path.join(out, 'report.html')}`);
      const state = await page.evaluate(() => ({
        pwned: (window as unknown as { __pwned?: number }).__pwned ?? null,
        scripts: document.querySelectorAll('script').length,
        images: document.querySelectorAll('img').length,
        handlers: [...document.querySelectorAll('*')].filter((e) => [...e.attributes].some((a) => a.name.startsWith('on'))).length,
        text: document.body.innerText,
      }));
      expect(state).toMatchObject({ pwned: null, scripts: 0, images: 0, handlers: 0 });
      expect(dialogs).toEqual([]);
      // The site's name and group are shown as the text they are.
      expect(state.text).toContain(SITE_NAME);
      expect(state.text).toContain(GROUP);
    } finally {
      await browser.close();
    }
  }, 120_000);

  it('holds no phone number, profile URL or ad text in any file', async () => {
    const files = await filesAsText(out);
    expect([...files.keys()]).toEqual(expect.arrayContaining(['report.html', 'report.json', 'report.xlsx', 'site_volumes.csv', ...(driver === 'pglite' ? ['report.pdf'] : [])]));
    const all = secrets(planted[0]!).concat(secrets(planted[1]!));
    expect(all.length).toBeGreaterThan(500);
    for (const [name, text] of files) {
      expect(text.length, name).toBeGreaterThan(0);
      const leaked = all.filter((s) => text.includes(s));
      expect(leaked, `${name} leaks`).toEqual([]);
      // Nor anything written like a phone number (counts, ids and dates are shorter or dashed).
      expect(text.match(/(?:\+|\b00)\d{7,}|\b0\d{8,}\b/g) ?? [], name).toEqual([]);
    }
    // The hostile place text never became a place name in the tables.
    expect(files.get('localities.csv')).not.toContain('<script');
  });
});
