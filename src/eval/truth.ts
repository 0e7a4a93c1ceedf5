// The national web's ground truth in the scorer's terms. The renderers (later work) decide the
// addresses, so the caller says how a profile's URL is made.

import type { NationalWorld } from '../demo/national/types.ts';
import { ageBand } from '../normalise/age.ts';
import type { TruthProfile } from './score.ts';

export function truthFromWorld(world: NationalWorld, urlFor: (siteId: string, profileId: string) => string): TruthProfile[] {
  return world.profiles.map((p) => ({
    site: p.siteId,
    url: urlFor(p.siteId, p.id),
    externalId: p.externalId,
    age: p.age,
    ageBand: ageBand(p.age),
    gender: p.gender,
    locality: p.locality,
    kommunCode: p.kommunCode,
    lanCode: p.lanCode,
    policeRegion: p.policeRegion,
    phones: [...new Set(p.phones)].sort(),
    organisation: p.organisationId,
    contacts: p.contacts.map((c) => `${c.kind}:${c.value}`).sort(),
    minorCue: p.minorCue,
    reviewDistress: p.reviews.some((r) => r.distress),
  }));
}
