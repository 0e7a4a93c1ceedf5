// Writes a report's files into a folder: report.html, report.pdf (printed from that HTML),
// report.json, report.xlsx and one CSV per table. Only Kartla's own file names are written; other
// files in the folder are left alone.

import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import type { Database } from '../store/database.ts';
import { loadReportInput } from './load-report-input.ts';
import { reportCharts } from './report-charts.ts';
import { reportFigures, type ReportFigures } from './report-figures.ts';
import { reportHtml } from './report-html.ts';
import { reportJson, type ReportMeta } from './report-json.ts';
import { reportSections, type ReportSection } from './report-tables.ts';
import { reportText, runName, type ReportLang } from './report-text.ts';
import { toCsv } from './write/csv.ts';
import { pdfProblem, printPdf } from './write/pdf.ts';
import { KartlaError } from '../errors.ts';
import { writeWorkbook } from './write/xlsx.ts';

export interface WriteReportOptions {
  runId: number;
  compareRunId: number | null;
  region: string | null;
  outDir: string;
  lang: ReportLang;
  suppressBelow: number;
  /** Print report.pdf (needs Chromium); default true. */
  pdf?: boolean;
  chromium?: string;
  /** Called as each step starts, for a progress display. */
  onStep?: (step: string) => void;
}

export interface WrittenReport {
  files: string[];
  pdfPages: number | null;
  figures: ReportFigures;
  sections: ReportSection[];
  /** Milliseconds per step. */
  timings: Record<string, number>;
}

export async function writeReport(db: Pick<Database, 'prisma'>, opts: WriteReportOptions): Promise<WrittenReport> {
  const timings: Record<string, number> = {};
  const started = performance.now();
  const step = (name: string) => {
    const now = performance.now();
    opts.onStep?.(name);
    return () => {
      timings[name] = Math.round(performance.now() - now);
    };
  };
  // No Chromium: say so before anything is written, not after the other files.
  const noPdf = opts.pdf !== false ? pdfProblem(opts.chromium) : null;
  if (noPdf !== null) throw new KartlaError(noPdf, { ownValuesOnly: true });

  let done = step('read');
  const input = await loadReportInput(db, { runId: opts.runId, compareRunId: opts.compareRunId, region: opts.region });
  done();

  done = step('count');
  const figures = reportFigures(input, opts.region);
  const sections = reportSections(figures, { lang: opts.lang, suppressBelow: opts.suppressBelow });
  const meta: ReportMeta = {
    lang: opts.lang,
    region: opts.region,
    suppressBelow: opts.suppressBelow,
    run: input.current.run,
    compare: input.compare?.run ?? null,
  };
  done();

  mkdirSync(opts.outDir, { recursive: true });
  const files: string[] = [];
  const write = (name: string, content: string) => {
    const file = path.join(opts.outDir, name);
    writeFileSync(file, content);
    files.push(file);
    return file;
  };

  done = step('tables');
  const tables = sections.flatMap((s) => s.tables);
  for (const table of tables) write(`${table.id}.csv`, toCsv(table));
  write('report.json', reportJson(meta, sections));
  const t = reportText(opts.lang);
  const workbook = path.join(opts.outDir, 'report.xlsx');
  await writeWorkbook(workbook, tables, {
    sheetName: opts.lang === 'sv' ? 'Om rapporten' : 'About',
    lines: [
      [t.roles.report!, runName(meta.run)],
      [t.roles.compare!, meta.compare ? runName(meta.compare) : '–'],
      [t.columns.police_region!, meta.region ?? t.total],
      [t.columns.profiles!, String(figures.current.profiles)],
      ['', t.suppressedNote(meta.suppressBelow)],
      ['', t.generatedBy],
    ],
    // The run's own time, so that the same runs give the same workbook metadata.
    createdAt: new Date(meta.run.finishedAt ?? meta.run.startedAt),
  });
  files.push(workbook);
  done();

  done = step('html');
  const html = write('report.html', reportHtml(meta, sections, figures, reportCharts(sections, figures, opts.lang)));
  done();

  let pdfPages: number | null = null;
  if (opts.pdf !== false) {
    done = step('pdf');
    const pdfFile = path.join(opts.outDir, 'report.pdf');
    const printed = await printPdf({ htmlFile: html, pdfFile, footerText: `${t.footer} · ${runName(meta.run)}`, ...(opts.chromium ? { chromium: opts.chromium } : {}) });
    pdfPages = printed.pages;
    files.push(pdfFile);
    done();
  }
  timings.total = Math.round(performance.now() - started);
  return { files, pdfPages, figures, sections, timings };
}
