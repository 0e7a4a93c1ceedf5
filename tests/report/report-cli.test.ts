// `kartla report` as a user runs it, on an embedded database holding two mappings of the demo web:
// the files it writes (and no others), the summary it prints, English and regional reports, the
// same bytes for the same runs, and a clear message with the right exit code for every input a
// user can get wrong, with nothing written.

import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { EXIT } from '../../src/cli/exit-codes.ts';
import { reportText } from '../../src/report/report-text.ts';
import { runCli, type CliResult } from '../helpers/run-cli.ts';

interface ReportJson {
  format: string;
  language: string;
  region: string | null;
  suppressBelow: number;
  run: { id: number };
  compare: { id: number } | null;
  sections: { id: string; title: string; tables: { id: string; title: string; columns: { key: string; label: string }[]; rows: Record<string, unknown>[] }[] }[];
}

// The machine may be busy with other test runs: a demo mapping or a report can take a while.
const SLOW = 300_000;
const STACK_TRACE = /at .*\.ts:\d+/;

let root: string;
let dataDir: string;
let national: string;
let nationalRun: CliResult;

const env = () => ({ KARTLA_DATA_DIR: dataDir });
const report = (args: string[], extraEnv: NodeJS.ProcessEnv = {}) => runCli(['report', ...args], { env: { ...env(), ...extraEnv }, timeoutMs: SLOW });
const out = (name: string) => path.join(root, name);
const readJson = (dir: string) => JSON.parse(readFileSync(path.join(dir, 'report.json'), 'utf8')) as ReportJson;
const tables = (doc: ReportJson) => doc.sections.flatMap((s) => s.tables);
const table = (doc: ReportJson, id: string) => tables(doc).find((t) => t.id === id)!;
const metric = (doc: ReportJson, name: string) => table(doc, 'overview').rows.find((r) => r.metric === name)!.value;

beforeAll(async () => {
  root = mkdtempSync(path.join(tmpdir(), 'kartla-report-cli-'));
  dataDir = path.join(root, 'data');
  for (const n of [1, 2]) {
    const demo = await runCli(['demo'], { env: env(), timeoutMs: SLOW });
    expect(demo.code, `demo ${n}: ${demo.stderr}`).toBe(0);
  }
  national = out('national');
  const started = performance.now();
  nationalRun = await report(['--run', 'latest', '--compare', 'previous', '--out', national]);
  console.log(`kartla report with PDF, as a child process: ${Math.round(performance.now() - started)} ms`);
}, 2 * SLOW);

afterAll(() => {
  if (root) rmSync(root, { recursive: true, force: true });
});

describe('kartla report', () => {
  it('writes every file and says what it wrote', () => {
    expect(nationalRun.code, nationalRun.stderr).toBe(EXIT.ok);
    const doc = readJson(national);
    expect(doc.format).toBe('kartla-report');
    expect(doc.run.id).toBe(2);
    expect(doc.compare?.id).toBe(1);
    expect(doc.region).toBeNull();
    expect(doc.language).toBe('sv');
    expect(doc.suppressBelow).toBe(3);

    const ids = tables(doc).map((t) => t.id);
    expect(new Set(ids).size).toBe(ids.length);
    expect(ids.length).toBeGreaterThan(15);
    const expected = ['report.html', 'report.pdf', 'report.xlsx', 'report.json', ...ids.map((id) => `${id}.csv`)].sort();
    expect(readdirSync(national).sort()).toEqual(expected);

    const profiles = metric(doc, 'profiles');
    expect(profiles).toBe(300);
    const pages = /report\.pdf \((\d+) pages\)/.exec(nationalRun.stdout);
    expect(pages, nationalRun.stdout).not.toBeNull();
    console.log(`demo report PDF: ${pages![1]} pages`);
    expect(Number(pages![1])).toBeGreaterThan(3);
    expect(nationalRun.stdout).toMatch(/^Report of run 2 compared with run 1 written to .*national$/m);
    expect(nationalRun.stdout).toContain(`${profiles} profiles on 3 of 3 sites, ${metric(doc, 'distinct_phones')} distinct numbers, ${metric(doc, 'localities')} localities`);
    expect(nationalRun.stdout).toContain(`${expected.length} files: report.html, report.pdf (${pages![1]} pages), report.xlsx, report.json and ${ids.length} CSV tables`);
    expect(nationalRun.stdout).not.toMatch(/not mapped in full/);
    // Progress goes to stderr, so that stdout is the summary alone.
    expect(nationalRun.stderr).toMatch(/report: printing the PDF/);
    expect(nationalRun.stdout).not.toMatch(/report: /);
  });

  it('writes English with --lang en, with the same table ids and column keys', async () => {
    const dir = out('en');
    const r = await report(['--run', 'latest', '--compare', 'previous', '--lang', 'en', '--no-pdf', '--out', dir]);
    expect(r.code, r.stderr).toBe(EXIT.ok);
    const en = reportText('en');
    const sv = reportText('sv');
    const html = readFileSync(path.join(dir, 'report.html'), 'utf8');
    expect(html).toContain('<html lang="en">');
    expect(html).toContain(`<h1>${en.reportTitle}</h1>`);
    for (const title of Object.values(en.sections)) expect(html).toContain(`<h2>${title}</h2>`);
    for (const title of Object.values(sv.sections)) expect(html).not.toContain(`<h2>${title}</h2>`);
    expect(readFileSync(path.join(national, 'report.html'), 'utf8')).toContain('<html lang="sv">');

    const english = readJson(dir);
    const swedish = readJson(national);
    expect(english.language).toBe('en');
    const shape = (doc: ReportJson) => tables(doc).map((t) => ({ id: t.id, columns: t.columns.map((c) => c.key), rows: t.rows.length }));
    expect(shape(english)).toEqual(shape(swedish));
    for (const t of tables(english)) {
      expect(en.tables[t.id], t.id).toBeDefined();
      expect(t.title).toBe(en.tables[t.id]);
      expect(t.title).not.toBe(sv.tables[t.id]);
    }
    expect(english.sections.map((s) => s.title)).toEqual(english.sections.map((s) => en.sections[s.id as keyof typeof en.sections]));
    // The figures are the same; only words change.
    expect(table(english, 'police_regions').rows.map((row) => row.profiles)).toEqual(table(swedish, 'police_regions').rows.map((row) => row.profiles));
  });

  it.each([
    ['Syd', 'Syd'],
    ['syd', 'Syd'],
    ['ost', 'Öst'],
  ])('--region %s reports on police region %s alone', async (given, region) => {
    const dir = out(`region-${given}`);
    const r = await report(['--run', 'latest', '--compare', 'previous', '--region', given, '--no-pdf', '--out', dir]);
    expect(r.code, r.stderr).toBe(EXIT.ok);
    expect(r.stdout).toContain(`, police region ${region} written to`);
    const doc = readJson(dir);
    expect(doc.region).toBe(region);
    const inNational = table(readJson(national), 'police_regions').rows.find((row) => row.police_region === region);
    expect(typeof inNational?.profiles).toBe('number');
    expect(metric(doc, 'profiles')).toBe(inNational!.profiles);
    expect(metric(doc, 'profiles')).toBeLessThan(metric(readJson(national), 'profiles') as number);
    // Only the region's own row in its police_regions table.
    expect(table(doc, 'police_regions').rows.map((row) => row.police_region)).toEqual([region]);
    expect(readFileSync(path.join(dir, 'report.html'), 'utf8')).toContain(`Polisregion ${region}`);
  });

  it('writes no PDF with --no-pdf', async () => {
    const dir = out('no-pdf');
    const r = await report(['--run', 'latest', '--no-pdf', '--out', dir]);
    expect(r.code, r.stderr).toBe(EXIT.ok);
    expect(existsSync(path.join(dir, 'report.pdf'))).toBe(false);
    expect(existsSync(path.join(dir, 'report.html'))).toBe(true);
    expect(r.stdout).not.toContain('report.pdf');
    expect(r.stdout).toMatch(/^Report of run 2 written to/m);
    // Without --compare there is no change section.
    expect(readJson(dir).sections.map((s) => s.id)).not.toContain('change');
  });

  it('writes the same bytes for the same runs', async () => {
    const a = out('same-a');
    const b = out('same-b');
    for (const dir of [a, b]) {
      const started = performance.now();
      const r = await report(['--run', '2', '--compare', '1', '--no-pdf', '--out', dir]);
      console.log(`kartla report --no-pdf, as a child process: ${Math.round(performance.now() - started)} ms`);
      expect(r.code, r.stderr).toBe(EXIT.ok);
    }
    const files = readdirSync(a).sort();
    expect(readdirSync(b).sort()).toEqual(files);
    const exact = files.filter((f) => f.endsWith('.csv') || f.endsWith('.json'));
    expect(exact.length).toBe(tables(readJson(a)).length + 1);
    for (const f of exact) expect(readFileSync(path.join(b, f)), f).toEqual(readFileSync(path.join(a, f)));
    // The national report (run latest = 2, compare previous = 1) is the same report too.
    for (const f of exact) expect(readFileSync(path.join(national, f)), f).toEqual(readFileSync(path.join(a, f)));
    expect(readFileSync(path.join(b, 'report.html'), 'utf8')).toBe(readFileSync(path.join(a, 'report.html'), 'utf8'));

    const sheets = async (dir: string) => {
      const wb = new ExcelJS.Workbook();
      await wb.xlsx.readFile(path.join(dir, 'report.xlsx'));
      return wb.worksheets.map((ws) => ({ name: ws.name, values: ws.getSheetValues() }));
    };
    const [sa, sb] = [await sheets(a), await sheets(b)];
    expect(sa.length).toBe(tables(readJson(a)).length + 1);
    expect(sb).toEqual(sa);
  });
});

describe('kartla report, bad input', () => {
  /** Runs a bad command: the exit code, the message, no stack trace, and nothing written. */
  async function rejected(args: string[], code: number, message: RegExp, options: { env?: NodeJS.ProcessEnv; dataDir?: string; noOut?: boolean } = {}) {
    const dir = out(`bad-${Math.random().toString(36).slice(2)}`);
    const r = await runCli(['report', ...args, ...(options.noOut ? [] : ['--out', dir])], {
      env: { KARTLA_DATA_DIR: options.dataDir ?? dataDir, ...options.env },
      timeoutMs: SLOW,
    });
    expect(r.code, r.stderr).toBe(code);
    expect(r.stderr).toMatch(message);
    expect(r.stderr).not.toMatch(STACK_TRACE);
    expect(r.stdout).toBe('');
    expect(existsSync(dir), 'nothing written').toBe(false);
    return r;
  }

  it('without --out', async () => {
    await rejected(['--run', 'latest'], EXIT.usage, /required option '--out <dir>' not specified/, { noOut: true });
  });

  it('a region that is not a police region, listing the regions', async () => {
    const r = await rejected(['--run', 'latest', '--region', 'Narnia'], EXIT.usage, /--region "Narnia" is not a police region; use one of: /);
    for (const region of ['Nord', 'Mitt', 'Bergslagen', 'Stockholm', 'Öst', 'Väst', 'Syd']) expect(r.stderr).toContain(region);
  });

  it.each(['0', 'x', '101', '2.5', '-1'])('--suppress-below %s', async (n) => {
    await rejected(['--run', 'latest', '--suppress-below', n], EXIT.usage, new RegExp(`--suppress-below must be a whole number from 1 \\(hide nothing\\) to 100, not "${n.replace('.', '\\.')}"`));
  });

  it('a language other than sv or en', async () => {
    await rejected(['--run', 'latest', '--lang', 'de'], EXIT.usage, /--lang.*'de' is invalid\. Allowed choices are sv, en/);
  });

  it('--compare naming the report own run', async () => {
    await rejected(['--run', '2', '--compare', '2'], EXIT.usage, /--compare names the report's own run \(2\); compare with another run, e\.g\. --compare previous/);
    await rejected(['--run', 'latest', '--compare', 'latest'], EXIT.usage, /--compare names the report's own run \(2\)/);
  });

  it('a run that does not exist, or is not a run reference', async () => {
    await rejected(['--run', '999'], EXIT.usage, /There is no run with id 999\. Run `kartla runs` to list the runs/);
    await rejected(['--run', 'abc'], EXIT.usage, /"abc" is not a run id: give a number or "latest"/);
    await rejected(['--run', 'latest', '--compare', '999'], EXIT.usage, /There is no run with id 999/);
  });

  it('--compare previous on the first run, naming --compare (not another command option)', async () => {
    const r = await rejected(['--run', '1', '--compare', 'previous'], EXIT.usage, /--compare previous: run 1 is the earliest finished run.*Give --compare <id>/);
    expect(r.stderr).not.toMatch(/--from/);
  });

  it('an empty database', async () => {
    await rejected(['--run', 'latest'], EXIT.usage, /There are no mapping runs in this database yet\. Start one with `kartla map` \(or try `kartla demo`\)/, {
      dataDir: path.join(root, 'empty-data'),
    });
  });

  it('no Chromium for the PDF: names the path, --no-pdf and apt-get, before writing anything', async () => {
    const r = await rejected(['--run', 'latest'], EXIT.failed, /Chromium not found at \/nonexistent \(KARTLA_CHROMIUM\)/, { env: { KARTLA_CHROMIUM: '/nonexistent' } });
    expect(r.stderr).toMatch(/--no-pdf/);
    expect(r.stderr).toMatch(/apt-get install -y chromium/);
  });
});
