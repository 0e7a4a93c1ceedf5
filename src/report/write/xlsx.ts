// The report's tables as one XLSX workbook for readers who work in Excel: an "About" sheet that
// says what the figures are, then one sheet per table with real numbers (so readers can sort and
// sum) formatted as the HTML report shows them.

import { writeFile } from 'node:fs/promises';
import ExcelJS from 'exceljs';
import type { Cell, Column, ColumnKind, ReportTable } from '../table.ts';

export interface WorkbookInfo {
  /** Name of the first sheet, in the report's language, e.g. "Om rapporten". */
  sheetName: string;
  /** Key/value rows of the first sheet (run, period, suppression limit...). */
  lines: [string, string][];
  /** Written as the workbook's created and modified dates, so the metadata is the run's, not the clock's. */
  createdAt: Date;
}

const NUM_FMT: Partial<Record<ColumnKind, string>> = {
  count: '#,##0',
  change: '+#,##0;-#,##0;0',
  share: '0.0%',
  relative: '+0.0%;-0.0%;0.0%',
};

const MIN_WIDTH = 6;
const MAX_WIDTH = 60;
const MAX_ABOUT_WIDTH = 100;

export async function writeWorkbook(file: string, tables: ReportTable[], info: WorkbookInfo): Promise<void> {
  const workbook = new ExcelJS.Workbook();
  workbook.creator = 'Kartla';
  workbook.lastModifiedBy = 'Kartla';
  workbook.created = info.createdAt;
  workbook.modified = info.createdAt;

  const names = new SheetNames();
  addAboutSheet(workbook, names.take(info.sheetName), info.lines);
  for (const table of tables) addTableSheet(workbook, names.take(table.id), table);

  // Built whole in memory and written in one call: a crash mid-way leaves no half workbook that
  // Excel would offer to "repair".
  await writeFile(file, Buffer.from(await workbook.xlsx.writeBuffer()));
}

function addAboutSheet(workbook: ExcelJS.Workbook, name: string, lines: [string, string][]): void {
  const sheet = workbook.addWorksheet(name);
  for (const [key, value] of lines) {
    const row = sheet.addRow([key, value]);
    row.getCell(1).font = { bold: true };
    row.getCell(2).alignment = { wrapText: true, vertical: 'top' };
    row.getCell(1).alignment = { vertical: 'top' };
  }
  sheet.getColumn(1).width = fit(lines.map(([key]) => textWidth(key)), MAX_WIDTH);
  sheet.getColumn(2).width = fit(lines.map(([, value]) => textWidth(value)), MAX_ABOUT_WIDTH);
}

function addTableSheet(workbook: ExcelJS.Workbook, name: string, table: ReportTable): void {
  const sheet = workbook.addWorksheet(name, { views: [{ state: 'frozen', ySplit: 1 }] });
  const header = sheet.addRow(table.columns.map((column) => column.label));
  header.font = { bold: true };

  table.rows.forEach((cells, index) => {
    if (cells.length !== table.columns.length) {
      throw new Error(`Table ${table.id}, row ${index + 1}: ${cells.length} cells for ${table.columns.length} columns`);
    }
    const row = sheet.addRow([]);
    table.columns.forEach((column, c) => setCell(row.getCell(c + 1), column, cells[c] ?? null));
  });

  table.columns.forEach((column, c) => {
    const widths = [textWidth(column.label), ...table.rows.map((cells) => shownWidth(column.kind, cells[c] ?? null))];
    sheet.getColumn(c + 1).width = fit(widths, MAX_WIDTH);
  });
  if (table.columns.length > 0) {
    sheet.autoFilter = { from: { row: 1, column: 1 }, to: { row: table.rows.length + 1, column: table.columns.length } };
  }
}

function setCell(cell: ExcelJS.Cell, column: Column, value: Cell): void {
  if (value === null) return;
  // A plain string is stored as a string (shared string), never as a formula, whatever it starts
  // with: exceljs only writes a formula for a { formula } value. tests/report/writers.test.ts checks it.
  cell.value = value;
  const format = NUM_FMT[column.kind];
  if (format === undefined) return;
  if (typeof value === 'number') cell.numFmt = format;
  // "<3" stands where a number would: aligned with the numbers so the column still reads as one.
  else cell.alignment = { horizontal: 'right' };
}

/** Roughly the characters Excel shows for a cell, to size its column. */
function shownWidth(kind: ColumnKind, value: Cell): number {
  if (value === null) return 0;
  if (typeof value === 'string') return textWidth(value);
  switch (kind) {
    case 'share':
    case 'relative':
      return `+${(value * 100).toFixed(1)}%`.length;
    case 'count':
    case 'change':
      return `+${Math.round(value).toLocaleString('en-US')}`.length;
    default:
      return String(value).length;
  }
}

function textWidth(text: string): number {
  return Math.max(0, ...text.split(/\r?\n/).map((line) => line.length));
}

function fit(widths: number[], max: number): number {
  // Bold headers and the autofilter button take about two characters more than the text.
  return Math.min(max, Math.max(MIN_WIDTH, ...widths.map((w) => w + 2)));
}

/**
 * Excel's rules for sheet names, which exceljs enforces by throwing: at most 31 characters, none
 * of []:*?/\, no apostrophe first or last, not "History", unique regardless of case.
 */
class SheetNames {
  private readonly taken = new Set<string>();

  take(wanted: string): string {
    const base = clean(wanted);
    let name = base;
    for (let n = 2; this.taken.has(name.toLowerCase()); n++) {
      const suffix = `~${n}`;
      name = clean(base.slice(0, 31 - suffix.length)) + suffix;
    }
    this.taken.add(name.toLowerCase());
    return name;
  }
}

function clean(wanted: string): string {
  let name = wanted.replace(/[[\]:*?/\\]/g, '_').trim().slice(0, 31);
  // Cutting at 31 may split a surrogate pair; a lone half would be an invalid name in the file.
  if (/[\uD800-\uDBFF]$/.test(name)) name = name.slice(0, -1);
  name = name.replace(/^'+|'+$/g, '').trim();
  if (name === '') return 'Sheet';
  return name.toLowerCase() === 'history' ? 'History_' : name;
}
