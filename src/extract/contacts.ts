// STUB (being written by a helper): contact candidates of a profile page.
import type { CheerioAPI } from 'cheerio';
import type { PhoneSpec } from '../../crawlers/types.ts';
import type { RawContact } from '../model/profile.ts';

export function harvestContacts(_$: CheerioAPI, _spec?: PhoneSpec): RawContact[] {
  return [];
}
