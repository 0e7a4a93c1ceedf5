// The SVG frame every chart shares: root element with accessible title and description, visible
// title, system fonts, text and number helpers. Output must be byte-identical for the same input
// (reports are compared and archived), so no random ids and coordinates are rounded.
import { escapeHtml } from '../escape.ts';
import { INK, MUTED_INK } from './palette.ts';
import type { ChartBase } from './types.ts';

export const FONT_FAMILY = "system-ui, -apple-system, 'Segoe UI', Roboto, 'Helvetica Neue', Arial, sans-serif";
export const FONT_SIZE = 12;
export const TITLE_SIZE = 15;
/** Top of the drawing area under the visible title. */
export const TITLE_HEIGHT = 30;
export const CHART_WIDTH = 640;

/** Coordinates with at most two decimals: compact and stable across platforms. */
export function n(value: number): string {
  const rounded = Math.round(value * 100) / 100;
  return Object.is(rounded, -0) ? '0' : String(rounded);
}

// Chart ids end up in element ids and url(#...) references; anything else would break them or
// let a caller inject markup through an attribute.
export function checkId(id: string): string {
  if (!/^[a-z0-9-]+$/.test(id)) throw new Error(`chart id must match [a-z0-9-]+: ${JSON.stringify(id)}`);
  return id;
}

/** Rough text width for layout (no font metrics in a pure function); errs on the wide side. */
export function textWidth(text: string, size = FONT_SIZE): number {
  return [...text].length * size * 0.6;
}

/** Shortens a label to fit `maxWidth`; the full text stays available in a <title>. */
export function fitText(text: string, maxWidth: number, size = FONT_SIZE): string {
  const chars = [...text];
  const max = Math.max(1, Math.floor(maxWidth / (size * 0.6)));
  return chars.length <= max ? text : `${chars.slice(0, max - 1).join('')}…`;
}

export interface TextOptions {
  x: number;
  y: number;
  anchor?: 'start' | 'middle' | 'end';
  size?: number;
  weight?: 'bold';
  fill?: string;
  className?: string;
  /** A white outline under the glyphs, for labels drawn over coloured areas. */
  halo?: boolean;
}

export function text(content: string, o: TextOptions): string {
  const attrs = [`x="${n(o.x)}"`, `y="${n(o.y)}"`];
  if (o.anchor && o.anchor !== 'start') attrs.push(`text-anchor="${o.anchor}"`);
  if (o.size && o.size !== FONT_SIZE) attrs.push(`font-size="${o.size}"`);
  if (o.weight) attrs.push(`font-weight="${o.weight}"`);
  if (o.fill && o.fill !== INK) attrs.push(`fill="${o.fill}"`);
  if (o.halo) attrs.push('stroke="#ffffff" stroke-width="3" stroke-linejoin="round" paint-order="stroke"');
  if (o.className) attrs.push(`class="${o.className}"`);
  return `<text ${attrs.join(' ')}>${escapeHtml(content)}</text>`;
}

/** A <title> child: the hover text of the element it sits in. */
export function tooltip(content: string): string {
  return `<title>${escapeHtml(content)}</title>`;
}

export interface DocumentOptions {
  base: ChartBase;
  /** Plain-language summary for screen readers. */
  desc: string;
  width: number;
  height: number;
  defs?: string;
  body: string;
}

export function svgDocument(o: DocumentOptions): string {
  const id = checkId(o.base.id);
  return [
    `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 ${n(o.width)} ${n(o.height)}" width="100%" role="img" aria-labelledby="${id}-title" aria-describedby="${id}-desc" class="chart" font-family="${FONT_FAMILY}" font-size="${FONT_SIZE}" fill="${INK}">`,
    `<title id="${id}-title">${escapeHtml(o.base.title)}</title>`,
    `<desc id="${id}-desc">${escapeHtml(o.desc)}</desc>`,
    o.defs ? `<defs>${o.defs}</defs>` : '',
    text(o.base.title, { x: 0, y: TITLE_SIZE + 3, size: TITLE_SIZE, weight: 'bold', className: 'chart-title' }),
    o.body,
    '</svg>',
  ].join('');
}

/** The chart when there is no data: title and emptyText, still a valid image. */
export function emptyChart(base: ChartBase): string {
  return svgDocument({
    base,
    desc: base.emptyText,
    width: CHART_WIDTH,
    height: TITLE_HEIGHT + 50,
    body: text(base.emptyText, {
      x: CHART_WIDTH / 2,
      y: TITLE_HEIGHT + 28,
      anchor: 'middle',
      fill: MUTED_INK,
      className: 'chart-empty',
    }),
  });
}

/** Diagonal hatching, for suppressed counts and missing data: reads without colour. */
export function hatchPattern(id: string, background: string, line: string): string {
  return (
    `<pattern id="${id}" width="6" height="6" patternUnits="userSpaceOnUse" patternTransform="rotate(45)">` +
    `<rect width="6" height="6" fill="${background}"/><path d="M0 0V6" stroke="${line}" stroke-width="2"/></pattern>`
  );
}

export function isFiniteNumber(value: unknown): value is number {
  return typeof value === 'number' && Number.isFinite(value);
}
