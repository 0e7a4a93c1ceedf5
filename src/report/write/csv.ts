// One report table as a CSV file (RFC 4180), for the agencies' own analysts and tools. The header
// holds the columns' keys, not their labels: CSV files are for others to build on, and a script
// that reads `profiles_change` must keep working when the report's language or wording changes.

import type { Cell, ReportTable } from '../table.ts';

/** Excel opens a CSV as the machine's legacy code page unless a BOM says UTF-8: å ä ö would break. */
const BOM = '\uFEFF';
const CRLF = '\r\n';

/** First characters that make a spreadsheet read a text as a formula (OWASP "CSV injection"). */
const FORMULA_START = /^[=+\-@\t\r]/;
const NEEDS_QUOTES = /[",\r\n]/;

/**
 * Plain decimal notation: `String` switches to exponents below 1e-6 ("1e-7"), which some readers
 * take for text. Grouping stays off so "1234" is not read as two fields or as a text.
 */
const PLAIN = new Intl.NumberFormat('en-US', { useGrouping: false, maximumFractionDigits: 20 });

export function toCsv(table: ReportTable): string {
  const width = table.columns.length;
  const lines = [table.columns.map((column) => field(column.key))];
  table.rows.forEach((row, index) => {
    // A short or long row would shift every later value into the wrong column for the reader.
    if (row.length !== width) {
      throw new Error(`Table ${table.id}, row ${index + 1}: ${row.length} cells for ${width} columns`);
    }
    lines.push(row.map(cellText));
  });
  return BOM + lines.map((cells) => cells.join(',') + CRLF).join('');
}

function cellText(cell: Cell): string {
  if (cell === null) return '';
  if (typeof cell === 'number') return numberText(cell);
  // Only texts are guarded: a negative number stays a number a reader can sum.
  return field(FORMULA_START.test(cell) ? `'${cell}` : cell);
}

function numberText(value: number): string {
  // NaN or Infinity is a bug upstream; writing it would publish a figure no other output shows.
  if (!Number.isFinite(value)) throw new Error(`Not a finite number in a report table: ${value}`);
  const text = String(value);
  return /e/i.test(text) ? PLAIN.format(value) : text;
}

function field(text: string): string {
  return NEEDS_QUOTES.test(text) ? `"${text.replaceAll('"', '""')}"` : text;
}
