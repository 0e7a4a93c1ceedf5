// Shared cell formats for the dashboard pages: times in UTC (the server's clock, the same for
// every reader), counts with Swedish grouping, a missing value as a dash.

const COUNT = new Intl.NumberFormat('sv-SE');
const SIGNED = new Intl.NumberFormat('sv-SE', { signDisplay: 'exceptZero' });
const PERCENT = new Intl.NumberFormat('sv-SE', { style: 'percent', maximumFractionDigits: 0 });

export const when = (d: Date | string | null | undefined): string => {
  if (!d) return '–';
  const iso = typeof d === 'string' ? d : d.toISOString();
  return `${iso.slice(0, 10)} ${iso.slice(11, 16)}`;
};

export const day = (d: Date | string | null | undefined): string => (d ? (typeof d === 'string' ? d : d.toISOString()).slice(0, 10) : '–');

export const count = (n: number | null | undefined): string => (n === null || n === undefined ? '–' : COUNT.format(n));

export const signed = (n: number | null | undefined): string => (n === null || n === undefined ? '–' : SIGNED.format(n));

export const percent = (x: number | null | undefined): string => (x === null || x === undefined || !Number.isFinite(x) ? '–' : PERCENT.format(x));

/** A run as people name it: its label when it has one, else its number. */
export const runName = (run: { id: number; label: string | null }): string => (run.label ? `${run.label} (#${run.id})` : `#${run.id}`);
