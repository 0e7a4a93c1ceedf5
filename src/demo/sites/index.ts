// The three demo sites, in the order the server starts them.

import type { DemoSiteId } from '../generator.ts';
import { annonsSite } from './annons.ts';
import { stadSite } from './stad.ts';
import { tabellSite } from './tabell.ts';
import type { DemoSiteRenderer } from './types.ts';

export const DEMO_SITES: readonly DemoSiteRenderer[] = [stadSite, annonsSite, tabellSite];

export function demoSite(id: DemoSiteId | string): DemoSiteRenderer | undefined {
  return DEMO_SITES.find((s) => s.id === id);
}

export type { DemoSiteRenderer } from './types.ts';
