// Fixture pages of tests/fixtures/generic: hand-written, synthetic pages shaped like real ad sites.

import { readFileSync } from 'node:fs';

export function fixture(name: string): string {
  return readFileSync(new URL(`../../fixtures/generic/${name}`, import.meta.url), 'utf8');
}

/** A minimal page around a body. */
export function page(body: string, head = ''): string {
  return `<!doctype html><html lang="sv"><head><meta charset="utf-8"><title>t</title>${head}</head><body>${body}</body></html>`;
}
