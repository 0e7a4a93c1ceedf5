// Saved demo pages (tests/fixtures/html/<site>/) with the URL each was saved from.

import { readFileSync } from 'node:fs';

export interface FixturePage {
  html: string;
  url: string;
}

export function fixturePage(site: string, file: string): FixturePage {
  const dir = new URL(`../fixtures/html/${site}/`, import.meta.url);
  const manifest = JSON.parse(readFileSync(new URL('pages.json', dir), 'utf8')) as Record<string, { url: string }>;
  const entry = manifest[file];
  if (!entry) throw new Error(`no fixture ${site}/${file} in pages.json`);
  return { html: readFileSync(new URL(file, dir), 'utf8'), url: entry.url };
}
