// The CSV and XLSX writers, read back the way their readers will: the CSV with an RFC 4180 parser
// (csv-parse), the workbook with exceljs. What matters is that every cell comes back as it was
// written, that no text turns into a formula, and that Excel's rules for sheet names hold.

import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parse } from 'csv-parse/sync';
import ExcelJS from 'exceljs';
import type { ReportTable } from '../../src/report/table.ts';
import { toCsv } from '../../src/report/write/csv.ts';
import { writeWorkbook } from '../../src/report/write/xlsx.ts';

const sites: ReportTable = {
  id: 'sites_by_region',
  title: 'Sajter per region',
  columns: [
    { key: 'site', label: 'Sajt', kind: 'text' },
    { key: 'profiles', label: 'Profiler', kind: 'count' },
    { key: 'share', label: 'Andel', kind: 'share' },
    { key: 'change', label: 'Förändring', kind: 'change' },
    { key: 'relative', label: 'Förändring %', kind: 'relative' },
    { key: 'first_seen', label: 'Först sedd', kind: 'date' },
  ],
  rows: [
    ['Göteborg, Malmö', 1234, 0.125, -3, -0.25, '2026-01-05'],
    ['He said "hi"', '<3', null, 12, 0.5, null],
    ['two\nlines', 0, 0.0000001, 0, 0, '2026-02-01T10:00:00Z'],
    ['=HYPERLINK("http://evil.example","x")', 7, 1, null, null, '2026-03-01'],
    ['+46 70', 5, 0.5, 1, 0, null],
    ['-dash', 5, 0.5, 1, 0, null],
    ['@sum', 5, 0.5, 1, 0, null],
    ['\tTab', 5, 0.5, 1, 0, null],
    ['\rReturn', 5, 0.5, 1, 0, null],
    ['=1+1', 2, 0.5, 1, 0, null],
  ],
};

function parseCsv(text: string): string[][] {
  return parse(text, { bom: true, record_delimiter: '\r\n', relax_column_count: false });
}

describe('toCsv', () => {
  const csv = toCsv(sites);

  it('starts with a BOM, ends every record with CRLF and has no bare LF outside quotes', () => {
    expect(csv.charCodeAt(0)).toBe(0xfeff);
    expect(csv.endsWith('\r\n')).toBe(true);
    // The only LF not preceded by CR is the one inside the quoted "two\nlines".
    expect(csv.match(/(?<!\r)\n/g)).toHaveLength(1);
    expect(csv).toContain('"two\nlines"');
  });

  it('has the column keys as header and parses back to the same cells', () => {
    const records = parseCsv(csv);
    expect(records[0]).toEqual(['site', 'profiles', 'share', 'change', 'relative', 'first_seen']);
    expect(records).toHaveLength(sites.rows.length + 1);
    expect(records[1]).toEqual(['Göteborg, Malmö', '1234', '0.125', '-3', '-0.25', '2026-01-05']);
    expect(records[2]).toEqual(['He said "hi"', '<3', '', '12', '0.5', '']);
    expect(records[3]).toEqual(['two\nlines', '0', '0.0000001', '0', '0', '2026-02-01T10:00:00Z']);
  });

  it('quotes fields with commas and quotes, doubling the quotes', () => {
    expect(csv).toContain('"Göteborg, Malmö",1234,');
    expect(csv).toContain('"He said ""hi""",<3,,12,');
  });

  it('puts an apostrophe before texts a spreadsheet would run as formulas, not before numbers', () => {
    const records = parseCsv(csv);
    const firstCells = records.slice(4).map((r) => r[0]);
    expect(firstCells).toEqual([
      `'=HYPERLINK("http://evil.example","x")`,
      "'+46 70",
      "'-dash",
      "'@sum",
      "'\tTab",
      "'\rReturn",
      "'=1+1",
    ]);
    // -3 and -0.25 are numbers: written plainly so they can be summed.
    expect(records[1]?.[3]).toBe('-3');
    expect(records[1]?.[4]).toBe('-0.25');
    expect(csv).not.toContain("'-3");
  });

  it('writes the same bytes for the same table', () => {
    expect(toCsv(structuredClone(sites))).toBe(csv);
  });

  it('writes large numbers without separators or exponents', () => {
    const table: ReportTable = { id: 't', title: 't', columns: [{ key: 'n', label: 'n', kind: 'count' }], rows: [[1234567], [1e21]] };
    expect(parseCsv(toCsv(table)).slice(1)).toEqual([['1234567'], ['1000000000000000000000']]);
  });

  it('refuses a row that does not fit the columns and a number that is not finite', () => {
    const short: ReportTable = { ...sites, rows: [['only one']] };
    expect(() => toCsv(short)).toThrow(/row 1: 1 cells for 6 columns/);
    const nan: ReportTable = { id: 't', title: 't', columns: [{ key: 'n', label: 'n', kind: 'count' }], rows: [[Number.NaN]] };
    expect(() => toCsv(nan)).toThrow(/finite/);
  });
});

describe('writeWorkbook', () => {
  let dir: string;
  let workbook: ExcelJS.Workbook;
  const createdAt = new Date('2026-04-01T08:30:00Z');
  const longId = 'a_very_long_table_identifier_that_exceeds_excel_limits';
  const other: ReportTable = {
    id: 'phones[by]:site*?/\\',
    title: 'Telefoner',
    columns: [
      { key: 'phone_count', label: 'Telefonnummer', kind: 'count' },
      { key: 'site', label: 'Sajt', kind: 'text' },
    ],
    rows: [[3, 'x'.repeat(200)]],
  };
  const tables = [sites, other, { ...other, id: longId }, { ...other, id: `${longId}_2` }, { ...other, id: 'History' }];

  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'kartla-xlsx-'));
    const file = join(dir, 'report.xlsx');
    await writeWorkbook(file, tables, {
      sheetName: 'Om rapporten',
      lines: [
        ['Körning', 'run-42'],
        ['Period', '2026-03-01 – 2026-03-31'],
      ],
      createdAt,
    });
    workbook = new ExcelJS.Workbook();
    await workbook.xlsx.readFile(file);
  });

  afterAll(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  it('names the sheets by Excel rules: the About sheet first, then the tables in order', () => {
    const names = workbook.worksheets.map((ws) => ws.name);
    expect(names).toEqual([
      'Om rapporten',
      'sites_by_region',
      'phones_by__site____',
      longId.slice(0, 31),
      `${longId.slice(0, 29)}~2`,
      'History_',
    ]);
    for (const name of names) expect(name.length).toBeLessThanOrEqual(31);
  });

  it('writes the About lines as key/value rows and the run date as metadata', () => {
    const about = workbook.worksheets[0]!;
    expect(about.getRow(1).values).toEqual([undefined, 'Körning', 'run-42']);
    expect(about.getRow(2).values).toEqual([undefined, 'Period', '2026-03-01 – 2026-03-31']);
    expect(about.getCell('A1').font?.bold).toBe(true);
    expect(workbook.creator).toBe('Kartla');
    expect(workbook.created.toISOString()).toBe(createdAt.toISOString());
    expect(workbook.modified.toISOString()).toBe(createdAt.toISOString());
  });

  it('has a bold, frozen, filtered header row of labels', () => {
    const sheet = workbook.getWorksheet('sites_by_region')!;
    expect(sheet.getRow(1).values).toEqual([undefined, ...sites.columns.map((c) => c.label)]);
    expect(sheet.getCell('A1').font?.bold).toBe(true);
    expect(sheet.views[0]).toMatchObject({ state: 'frozen', ySplit: 1 });
    expect(sheet.autoFilter).toBe('A1:F11');
    // exceljs leaves out a width equal to Excel's default (9) and reads it back as undefined.
    const widths = sheet.columns.map((c) => c.width ?? 9);
    expect(widths[0]).toBe('=HYPERLINK("http://evil.example","x")'.length + 2);
    expect(Math.min(...widths)).toBeGreaterThanOrEqual(6);
    expect(workbook.getWorksheet('phones_by__site____')!.getColumn(2).width).toBe(60);
  });

  it('stores figures as numbers with their formats, and "<3" as right-aligned text', () => {
    const sheet = workbook.getWorksheet('sites_by_region')!;
    const b2 = sheet.getCell('B2');
    expect(b2.value).toBe(1234);
    expect(b2.type).toBe(ExcelJS.ValueType.Number);
    expect(b2.numFmt).toBe('#,##0');
    expect(sheet.getCell('C2').value).toBe(0.125);
    expect(sheet.getCell('C2').numFmt).toBe('0.0%');
    expect(sheet.getCell('D2').value).toBe(-3);
    expect(sheet.getCell('D2').numFmt).toBe('+#,##0;-#,##0;0');
    expect(sheet.getCell('E2').value).toBe(-0.25);
    expect(sheet.getCell('E2').numFmt).toBe('+0.0%;-0.0%;0.0%');
    expect(sheet.getCell('F2').value).toBe('2026-01-05');
    expect(sheet.getCell('F2').type).toBe(ExcelJS.ValueType.String);

    const suppressed = sheet.getCell('B3');
    expect(suppressed.value).toBe('<3');
    expect(suppressed.type).toBe(ExcelJS.ValueType.String);
    expect(suppressed.alignment?.horizontal).toBe('right');
    expect(sheet.getCell('C3').value).toBeNull();
  });

  it('stores texts that look like formulas as texts, never as formulas', () => {
    const sheet = workbook.getWorksheet('sites_by_region')!;
    for (const address of ['A5', 'A11']) {
      const cell = sheet.getCell(address);
      expect(cell.type).toBe(ExcelJS.ValueType.String);
      expect(cell.formula).toBeUndefined();
    }
    expect(sheet.getCell('A11').value).toBe('=1+1');
    expect(sheet.getCell('A5').value).toBe('=HYPERLINK("http://evil.example","x")');
  });
});
