// The one shape every report table takes: the HTML report, the CSV files, the XLSX workbook and
// report.json are all written from these, so a figure cannot differ between them.

/**
 * A cell: a count or share (number), a text, or null (no value, e.g. a change against a run that
 * did not map the site). A small count hidden for privacy is the string SUPPRESSED_PREFIX + limit,
 * e.g. "<3": readers see that something is there, not how few.
 */
export type Cell = string | number | null;

export type ColumnKind =
  | 'text'
  /** A whole number of profiles, phones, sites...; may also hold a suppressed "<3". */
  | 'count'
  /** A fraction 0..1, shown as a percentage. */
  | 'share'
  /** A signed difference against the compared run (absolute). */
  | 'change'
  /** A signed relative difference (fraction, e.g. -0.25 for -25 %). */
  | 'relative'
  /** An ISO date or date-time string. */
  | 'date';

export interface Column {
  /** Stable machine name (CSV/JSON consumers rely on it); never translated. */
  key: string;
  /** Header in the report's language. */
  label: string;
  kind: ColumnKind;
}

export interface ReportTable {
  /** Stable machine name, also the CSV file name (`<id>.csv`) and, shortened, the XLSX sheet name. */
  id: string;
  /** Title in the report's language. */
  title: string;
  columns: Column[];
  rows: Cell[][];
}

export const SUPPRESSED_PREFIX = '<';

/** True when a cell is a count hidden for privacy ("<3"). */
export function isSuppressed(cell: Cell): boolean {
  return typeof cell === 'string' && cell.startsWith(SUPPRESSED_PREFIX) && /^<\d+$/.test(cell);
}
