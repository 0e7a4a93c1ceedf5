// The one registry of site adapters: the sites file names an adapter, the crawler looks it up
// here. Add a new adapter by importing it and listing it below.

import { demoAnnons } from './demo-annons.ts';
import { demoStad } from './demo-stad.ts';
import { demoTabell } from './demo-tabell.ts';
import { generic } from './generic.ts';
import { natCityNext } from './nat-city-next.ts';
import { natEnglish } from './nat-english.ts';
import { natFreeText } from './nat-free-text.ts';
import { natInfiniteScroll } from './nat-infinite-scroll.ts';
import { natJsonLd } from './nat-json-ld.ts';
import { natLoadMoreJson } from './nat-load-more-json.ts';
import { natMicrodataCards } from './nat-microdata-cards.ts';
import { natNumberedPages } from './nat-numbered-pages.ts';
import { natRelNext } from './nat-rel-next.ts';
import { natTable } from './nat-table.ts';
import type { SiteAdapter } from './types.ts';

const ALL: readonly SiteAdapter[] = [demoStad, demoAnnons, demoTabell, natNumberedPages, natRelNext, natTable, natFreeText, natJsonLd, natCityNext, natEnglish, natMicrodataCards, natInfiniteScroll, natLoadMoreJson, generic];

function register(list: readonly SiteAdapter[]): ReadonlyMap<string, SiteAdapter> {
  const map = new Map<string, SiteAdapter>();
  for (const adapter of list) {
    if (map.has(adapter.name)) throw new Error(`two site adapters are named "${adapter.name}"`);
    map.set(adapter.name, adapter);
  }
  return map;
}

export const adapters: ReadonlyMap<string, SiteAdapter> = register(ALL);

export function getAdapter(name: string): SiteAdapter | undefined {
  return adapters.get(name);
}

export function adapterNames(): string[] {
  return [...adapters.keys()];
}

export type { SiteAdapter } from './types.ts';
