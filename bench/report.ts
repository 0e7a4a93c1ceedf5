// Report generation: years of the full national synthetic web (46 sites, about 13,000 profiles
// each) mapped into one database once, then the report of the last year compared with the one
// before written with every file, the PDF included.

import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { startNationalWeb } from '../src/demo/national/server.ts';
import type { Database } from '../src/store/database.ts';
import { writeReport } from '../src/report/write-report.ts';
import { mapNationalWeb } from '../tests/helpers/map-national.ts';

export interface ReportRuns {
  /** Oldest first. */
  runIds: number[];
  /** Profiles per run, in the same order. */
  profiles: number[];
}

export async function mapYears(db: Database, years: readonly number[]): Promise<ReportRuns> {
  const runIds: number[] = [];
  const profiles: number[] = [];
  for (const year of years) {
    const web = await startNationalWeb({ seed: 2025, year });
    try {
      const run = await mapNationalWeb(db, web, `national ${year}`);
      runIds.push(run.runId);
      profiles.push(web.world.profiles.length);
    } finally {
      await web.close();
    }
  }
  return { runIds, profiles };
}

export interface ReportFigures {
  seconds: number;
  pdfSeconds: number;
  pdfPages: number;
  files: number;
}

export async function benchReport(db: Database, runs: ReportRuns): Promise<ReportFigures> {
  const out = mkdtempSync(path.join(tmpdir(), 'kartla-bench-report-'));
  try {
    const started = performance.now();
    const written = await writeReport(db, { runId: runs.runIds.at(-1)!, compareRunId: runs.runIds.at(-2)!, region: null, outDir: out, lang: 'sv', suppressBelow: 3 });
    return {
      seconds: (performance.now() - started) / 1000,
      pdfSeconds: (written.timings.pdf ?? 0) / 1000,
      pdfPages: written.pdfPages ?? 0,
      files: written.files.length,
    };
  } finally {
    rmSync(out, { recursive: true, force: true });
  }
}
