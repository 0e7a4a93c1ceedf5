// What changed between two mappings of the national web, read off the two worlds alone: the ground
// truth a comparison of two runs is scored against. It must agree with the log churn.ts keeps.

import type { NationalWorld, OrganisationMove, ProfileMove, WorldChanges } from './types.ts';

export interface SiteResize {
  siteId: string;
  fromProfiles: number;
  toProfiles: number;
}

/** The applied changes (WorldChanges) as read back from two worlds, plus how sites grew or shrank. */
export interface WorldDiff extends WorldChanges {
  /** Sites in both worlds whose number of profiles changed. */
  sitesResized: SiteResize[];
}

function countBySite(w: NationalWorld): Map<string, number> {
  const m = new Map<string, number>();
  for (const p of w.profiles) m.set(p.siteId, (m.get(p.siteId) ?? 0) + 1);
  return m;
}

const byId = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);

export function diffWorlds(a: NationalWorld, b: NationalWorld): WorldDiff {
  const before = new Map(a.profiles.map((p) => [p.id, p]));
  const after = new Map(b.profiles.map((p) => [p.id, p]));
  const moved: ProfileMove[] = [];
  for (const [id, p] of after) {
    const old = before.get(id);
    if (old && old.kommunCode !== p.kommunCode) moved.push({ profileId: id, fromKommun: old.kommunCode, toKommun: p.kommunCode });
  }
  const orgsBefore = new Map(a.organisations.map((o) => [o.id, o]));
  const organisationsMoved: OrganisationMove[] = [];
  for (const o of b.organisations) {
    const old = orgsBefore.get(o.id);
    if (old && old.policeRegion !== o.policeRegion) organisationsMoved.push({ organisationId: o.id, fromRegion: old.policeRegion, toRegion: o.policeRegion });
  }
  const sitesBefore = new Set(a.sites.map((s) => s.id));
  const sitesAfter = new Set(b.sites.map((s) => s.id));
  const countA = countBySite(a);
  const countB = countBySite(b);
  const sitesResized: SiteResize[] = [];
  for (const id of [...sitesAfter].filter((s) => sitesBefore.has(s)).sort(byId)) {
    const from = countA.get(id) ?? 0;
    const to = countB.get(id) ?? 0;
    if (from !== to) sitesResized.push({ siteId: id, fromProfiles: from, toProfiles: to });
  }
  return {
    appeared: [...after.keys()].filter((id) => !before.has(id)).sort(byId),
    disappeared: [...before.keys()].filter((id) => !after.has(id)).sort(byId),
    moved: moved.sort((x, y) => byId(x.profileId, y.profileId)),
    organisationsMoved: organisationsMoved.sort((x, y) => byId(x.organisationId, y.organisationId)),
    sitesOpened: [...sitesAfter].filter((s) => !sitesBefore.has(s)).sort(byId),
    sitesClosed: [...sitesBefore].filter((s) => !sitesAfter.has(s)).sort(byId),
    sitesResized,
  };
}
