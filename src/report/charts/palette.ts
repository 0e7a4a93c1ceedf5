// Colours chosen to survive colour-blindness and greyscale print: Okabe-Ito for categories
// (ordered so neighbours differ in lightness, black last), a single-hue blue ramp for the maps.

export const CATEGORY_COLOURS = [
  '#0072B2', // blue
  '#E69F00', // orange
  '#009E73', // bluish green
  '#CC79A7', // reddish purple
  '#56B4E9', // sky blue
  '#D55E00', // vermillion
  '#F0E442', // yellow
  '#000000', // black
] as const;

export function categoryColour(index: number): string {
  return CATEGORY_COLOURS[index % CATEGORY_COLOURS.length] ?? '#000000';
}

/** Dark text on light fills, white on dark, by relative luminance. */
export function textColourOn(fill: string): string {
  const hex = fill.replace('#', '');
  const channel = (i: number): number => {
    const c = parseInt(hex.slice(i, i + 2), 16) / 255;
    return c <= 0.03928 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4;
  };
  const luminance = 0.2126 * channel(0) + 0.7152 * channel(2) + 0.0722 * channel(4);
  return luminance > 0.35 ? '#000000' : '#ffffff';
}

/**
 * ColorBrewer "Blues", light to dark. The lightest step is kept for suppressed small counts
 * ("<3"), which are below every class; the classes use the five darker steps.
 */
export const SEQUENTIAL = ['#eff3ff', '#c6dbef', '#9ecae1', '#6baed6', '#3182bd', '#08519c'] as const;
export const SUPPRESSED_FILL = SEQUENTIAL[0];
export const CLASS_FILLS = SEQUENTIAL.slice(1);

/** No data / zero: light grey, hatched (see sweden-map.ts) so it differs from blue in greyscale too. */
export const NO_DATA_GREY = '#d9d9d9';

export const INK = '#222222';
export const MUTED_INK = '#555555';
export const GRID = '#dddddd';
export const AXIS = '#888888';
