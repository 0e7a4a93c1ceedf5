// The national layouts that have a renderer, and which one serves a layout that has none yet.

import type { LayoutId } from '../types.ts';
import { cityNext } from './city-next.ts';
import { english } from './english.ts';
import { freeText } from './free-text.ts';
import { infiniteScroll } from './infinite-scroll.ts';
import { jsonLd } from './json-ld.ts';
import { loadMoreJson } from './load-more-json.ts';
import { microdataCards } from './microdata-cards.ts';
import { numberedPages } from './numbered-pages.ts';
import { relNext } from './rel-next.ts';
import { table } from './table.ts';
import type { NationalLayout } from './types.ts';

export const NATIONAL_LAYOUTS: ReadonlyMap<LayoutId, NationalLayout> = new Map<LayoutId, NationalLayout>(
  [numberedPages, relNext, table, freeText, jsonLd, cityNext, english, microdataCards, infiniteScroll, loadMoreJson].map((l) => [l.id, l]),
);

/**
 * A layout still without a renderer would be served by the nearest done one, so that a full-size
 * world can be served before every renderer exists: the world generator decides the layouts and
 * is not changed for that. Every layout now has its own. Every layout takes its wording and
 * labels from the site's language.
 */
export const LAYOUT_FALLBACK: Readonly<Record<LayoutId, LayoutId>> = {
  'numbered-pages': 'numbered-pages',
  'rel-next': 'rel-next',
  table: 'table',
  'free-text': 'free-text',
  'city-next': 'city-next',
  'load-more-json': 'load-more-json',
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
