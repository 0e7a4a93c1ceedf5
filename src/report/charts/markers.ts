// Point markers and dash patterns that tell line series apart in black-and-white print, where
// the Okabe-Ito colours collapse into similar greys. Colours repeat after 8 series, dashes after
// 4, marker shapes after 6: the combination stays unique for the 12 series a chart may draw.
import { n, tooltip } from './svg.ts';

export const DASHES = ['', '7 4', '2 3', '9 3 2 3'] as const;

export function dashFor(index: number): string {
  return DASHES[index % DASHES.length] ?? '';
}

type Shape = 'circle' | 'square' | 'triangle' | 'diamond' | 'triangle-down' | 'cross';
const SHAPES: Shape[] = ['circle', 'square', 'triangle', 'diamond', 'triangle-down', 'cross'];

export function markerShape(index: number): Shape {
  return SHAPES[index % SHAPES.length] ?? 'circle';
}

/** Path data of a marker centred on (x, y). */
export function markerPath(shape: Shape, x: number, y: number, r = 3.5): string {
  switch (shape) {
    case 'circle':
      return `M${n(x - r)} ${n(y)}a${r} ${r} 0 1 0 ${n(2 * r)} 0a${r} ${r} 0 1 0 ${n(-2 * r)} 0Z`;
    case 'square':
      return `M${n(x - r)} ${n(y - r)}h${n(2 * r)}v${n(2 * r)}h${n(-2 * r)}Z`;
    case 'triangle':
      return `M${n(x)} ${n(y - r * 1.2)}L${n(x + r * 1.1)} ${n(y + r * 0.8)}L${n(x - r * 1.1)} ${n(y + r * 0.8)}Z`;
    case 'triangle-down':
      return `M${n(x)} ${n(y + r * 1.2)}L${n(x + r * 1.1)} ${n(y - r * 0.8)}L${n(x - r * 1.1)} ${n(y - r * 0.8)}Z`;
    case 'diamond':
      return `M${n(x)} ${n(y - r * 1.3)}L${n(x + r * 1.3)} ${n(y)}L${n(x)} ${n(y + r * 1.3)}L${n(x - r * 1.3)} ${n(y)}Z`;
    case 'cross':
      return `M${n(x - r)} ${n(y - r)}L${n(x + r)} ${n(y + r)}M${n(x + r)} ${n(y - r)}L${n(x - r)} ${n(y + r)}`;
  }
}

/** A marker element, with hover text if given; the cross is stroked as it has no inside to fill. */
export function marker(shape: Shape, x: number, y: number, colour: string, hover?: string): string {
  const paint =
    shape === 'cross' ? `fill="none" stroke="${colour}" stroke-width="2"` : `fill="${colour}" stroke="#ffffff" stroke-width="0.75"`;
  const open = `<path class="marker" d="${markerPath(shape, x, y)}" ${paint}`;
  return hover === undefined ? `${open}/>` : `${open}>${tooltip(hover)}</path>`;
}
