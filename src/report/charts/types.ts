export type ChartLocale = 'sv' | 'en';

/** What every chart takes. */
export interface ChartBase {
  /** [a-z0-9-]+, unique in the page: element ids (title, patterns) are derived from it. */
  id: string;
  title: string;
  locale: ChartLocale;
  /** Shown instead of the chart when there is nothing to draw. */
  emptyText: string;
}
