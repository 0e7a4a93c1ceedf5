// Least data at the adapter: a field that would hold a person's name is refused unless the adapter
// says why it needs it.

import { describe, expect, it } from 'vitest';
import type { SiteAdapter } from '../../crawlers/types.ts';
import { validateAdapter } from '../../src/extract/index.ts';

const base: SiteAdapter = {
  name: 'least-data',
  description: 'test',
  render: 'http',
  listing: { profileLinks: 'a.ad' },
  profile: { fields: { age: { label: 'Ålder' } } },
};

describe('personal fields', () => {
  it('refuses a name field without a stated reason, and accepts it with one', () => {
    for (const key of ['name', 'Namn', 'alias', 'nickname', 'first_name', 'förnamn']) {
      const adapter = { ...base, profile: { fields: { ...base.profile.fields, [key]: { selector: 'h1' } } } };
      expect(validateAdapter(adapter), key).toEqual([expect.stringMatching(new RegExp(`profile\\.fields\\.${key}: holds a person's name; .*personalFields\\.${key}`))]);
      expect(validateAdapter({ ...adapter, personalFields: { [key]: 'short' } })).toHaveLength(1);
      expect(validateAdapter({ ...adapter, personalFields: { [key]: 'the site lists the same ad under several names; outreach workers need the name the person uses' } })).toEqual([]);
    }
  });

  it('lets other fields through, and every shipped adapter passes', async () => {
    expect(validateAdapter({ ...base, profile: { fields: { title: { selector: 'h1' }, category: { selector: '.cat' } } } })).toEqual([]);
    const { adapterNames, getAdapter } = await import('../../crawlers/index.ts');
    for (const name of adapterNames()) expect(validateAdapter(getAdapter(name)!), name).toEqual([]);
  });
});
