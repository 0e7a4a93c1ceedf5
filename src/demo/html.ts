// Template helpers for the demo sites. Everything interpolated into a page goes through esc():
// the demo data is ours, but the renderers are the model for how pages should be built.

const ENTITIES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };

/** Escape text for use in element content and in double- or single-quoted attributes. */
export function esc(value: string | number): string {
  return String(value).replace(/[&<>"']/g, (c) => ENTITIES[c]!);
}

/** "1 500" as Swedish prices are written (space as thousands separator). */
export function kronor(n: number): string {
  return String(n).replace(/\B(?=(\d{3})+(?!\d))/g, ' ');
}

export interface DemoResponse {
  status: number;
  contentType: string;
  body: string;
  headers?: Record<string, string>;
}

export function html(body: string, status = 200): DemoResponse {
  return { status, contentType: 'text/html; charset=utf-8', body };
}

export function text(body: string, status = 200): DemoResponse {
  return { status, contentType: 'text/plain; charset=utf-8', body };
}

/** Pages of a listing: 1-based page number from a query value, null when it is not one. */
export function pageNumber(raw: string | null): number | null {
  if (raw === null || raw === '') return 1;
  if (!/^\d{1,4}$/.test(raw)) return null;
  const n = Number(raw);
  return n >= 1 ? n : null;
}

export function pageCount(items: number, perPage: number): number {
  return Math.max(1, Math.ceil(items / perPage));
}
