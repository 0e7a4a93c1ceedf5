import { describe, expect, it } from 'vitest';
import { getAdapter } from '../../../crawlers/index.ts';
import { validateAdapter } from '../../../src/extract/validate.ts';
import { fixture } from './helpers.ts';

describe('the generic adapter', () => {
  const adapter = getAdapter('generic')!;

  it('is registered, reads pages with its own reader, and validates with an empty listing spec', () => {
    expect(adapter.reader).toBeDefined();
    expect(validateAdapter(adapter)).toEqual([]);
    expect(validateAdapter({ ...adapter, reader: undefined })).toEqual(['listing.profileLinks: empty selector']);
  });

  it('hands the crawler listing links and profile pages, and null for a listing reached as a profile', () => {
    const listing = adapter.reader!.readListing(fixture('city-listing.html'), 'https://stadsguiden.example/escort/goteborg', 'text/html');
    expect(listing.profileUrls).toHaveLength(3);
    expect(adapter.reader!.readProfile(fixture('city-listing.html'), 'https://stadsguiden.example/escort/goteborg')).toBeNull();
    const profile = adapter.reader!.readProfile(fixture('review-footer-profile.html'), 'https://kvallsguiden.example/annons/ronja-23-1187');
    expect(profile?.raw.fieldSources?.age?.via).toBe('label');
  });
});
