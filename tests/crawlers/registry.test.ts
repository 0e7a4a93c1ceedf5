import { readdirSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { adapterNames, adapters, getAdapter } from '../../crawlers/index.ts';
import { validateAdapter } from '../../src/extract/index.ts';
import type { SiteAdapter } from '../../crawlers/types.ts';

describe('adapter registry', () => {
  it('has unique names, keyed by name', () => {
    const names = adapterNames();
    expect(new Set(names).size).toBe(names.length);
    for (const [key, adapter] of adapters) expect(adapter.name).toBe(key);
  });

  it('has one adapter per file in crawlers/, named like the file', () => {
    const files = readdirSync(new URL('../../crawlers/', import.meta.url))
      .filter((f) => f.endsWith('.ts') && f !== 'index.ts' && f !== 'types.ts')
      .map((f) => f.replace(/\.ts$/, ''))
      .sort();
    expect(adapterNames().sort()).toEqual(files);
  });

  it('every adapter is valid', () => {
    for (const adapter of adapters.values()) expect({ name: adapter.name, problems: validateAdapter(adapter) }).toEqual({ name: adapter.name, problems: [] });
  });

  it('looks adapters up by name', () => {
    expect(getAdapter('demo-stad')?.name).toBe('demo-stad');
    expect(getAdapter('no-such-adapter')).toBeUndefined();
  });

  it('the demo sites name registered adapters', async () => {
    const { DEMO_SITES } = await import('../../src/demo/sites/index.ts');
    for (const site of DEMO_SITES) expect(getAdapter(site.adapter)).toBeDefined();
  });
});

describe('validateAdapter', () => {
  const good: SiteAdapter = {
    name: 'ok-name',
    description: 'x',
    render: 'http',
    listing: { profileLinks: 'a' },
    profile: { fields: { age: { label: 'Ålder' } } },
  };

  it('accepts a minimal adapter', () => {
    expect(validateAdapter(good)).toEqual([]);
  });

  it('reports bad selectors, patterns, names and specs that cannot yield', () => {
    const bad: SiteAdapter = {
      ...good,
      name: 'Bad Name',
      profileUrlPattern: '(',
      listing: { profileLinks: 'a[', nextPage: ' ' },
      profile: {
        fields: { a: {}, b: { fromUrl: true }, c: { attr: 'href' }, d: { selector: 'p', pattern: '[' }, e: [] },
        phones: { scope: '::nope(' },
      },
    };
    const problems = validateAdapter(bad).join('\n');
    for (const part of ['name', 'profileUrlPattern', 'listing.profileLinks', 'listing.nextPage', 'fields.a', 'fields.b', 'fields.c', 'fields.d', 'fields.e', 'phones.scope']) {
      expect(problems).toContain(part);
    }
  });
});
