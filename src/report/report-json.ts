// report.json: every table of the report, rows as objects keyed by the columns' stable keys, for
// others to build on. Deterministic: no time of writing, keys in a fixed order, so the same runs
// give the same bytes.

import type { ReportRunInfo } from './report-input.ts';
import type { ReportSection } from './report-tables.ts';
import type { ReportLang } from './report-text.ts';

export const REPORT_FORMAT = 'kartla-report';
export const REPORT_FORMAT_VERSION = 1;

export interface ReportMeta {
  lang: ReportLang;
  region: string | null;
  suppressBelow: number;
  run: ReportRunInfo;
  compare: ReportRunInfo | null;
}

export function reportJson(meta: ReportMeta, sections: readonly ReportSection[]): string {
  const doc = {
    format: REPORT_FORMAT,
    version: REPORT_FORMAT_VERSION,
    language: meta.lang,
    region: meta.region,
    suppressBelow: meta.suppressBelow,
    run: meta.run,
    compare: meta.compare,
    sections: sections.map((s) => ({
      id: s.id,
      title: s.title,
      tables: s.tables.map((t) => ({
        id: t.id,
        title: t.title,
        columns: t.columns,
        rows: t.rows.map((row) => Object.fromEntries(t.columns.map((c, i) => [c.key, row[i] ?? null]))),
      })),
    })),
  };
  return `${JSON.stringify(doc, null, 2)}\n`;
}
