// STUB (being written by a helper): Telegram usernames and e-mail addresses in contact candidates.
import type { ContactInfo, RawContact } from '../model/profile.ts';

export function findContacts(_raw: readonly RawContact[]): ContactInfo[] {
  return [];
}
