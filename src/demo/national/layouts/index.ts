// The national layouts that have a renderer, and which one serves a layout that has none yet.

import type { LayoutId } from '../types.ts';
import { cityNext } from './city-next.ts';
import { english } from './english.ts';
import { freeText } from './free-text.ts';
import { infiniteScroll } from './infinite-scroll.ts';
import { jsonLd } from './json-ld.ts';
import { microdataCards } from './microdata-cards.ts';
import { numberedPages } from './numbered-pages.ts';
import { relNext } from './rel-next.ts';
import { table } from './table.ts';
import type { NationalLayout } from './types.ts';

export const NATIONAL_LAYOUTS: ReadonlyMap<LayoutId, NationalLayout> = new Map<LayoutId, NationalLayout>(
  [numberedPages, relNext, table, freeText, jsonLd, cityNext, english, microdataCards, infiniteScroll].map((l) => [l.id, l]),
);

/**
 * Layouts still without a renderer are served by the nearest done one, so a full-size world can
 * be served today: the world generator decides the layouts and is not changed for this. The
 * substitute keeps the pattern's spirit where it can (load-more-json → rel-next,
 * another listing whose pages are found only by following one link at a time). Every layout takes its wording and labels from the site's language.
 */
export const LAYOUT_FALLBACK: Readonly<Record<LayoutId, LayoutId>> = {
  'numbered-pages': 'numbered-pages',
  'rel-next': 'rel-next',
  table: 'table',
  'free-text': 'free-text',
  'city-next': 'city-next',
  'load-more-json': 'rel-next',
  'json-ld': 'json-ld',
  english: 'english',
  'infinite-scroll': 'infinite-scroll',
  'microdata-cards': 'microdata-cards',
};

export function layoutFor(id: LayoutId): NationalLayout {
  const layout = NATIONAL_LAYOUTS.get(LAYOUT_FALLBACK[id]);
  if (!layout) throw new Error(`no renderer for layout "${id}" (fallback "${LAYOUT_FALLBACK[id]}")`);
  return layout;
}

export type { NationalLayout } from './types.ts';
