// The evidence behind each cluster: which ties hold its members together. Stored with the cluster
// so that a reader can see why two ads were grouped ("same Telegram user", "descriptions 83 %
// alike", "photos 3 bits apart") without the grouping being re-run.

import type { ProfileGroup, ProfileTie } from './components.ts';

export type LinkKind = 'phone' | 'telegram' | 'email' | 'text' | 'photo';

/** A value several profiles show (a phone, a contact): the tie and what it stands for. */
export interface ValueTie extends ProfileTie {
  kind: 'phone' | 'telegram' | 'email';
  phoneId?: number;
  contactId?: number;
}

/** Two profiles that matched each other (near-identical descriptions or photos). */
export interface PairLink {
  kind: 'text' | 'photo';
  a: number;
  b: number;
  similarity?: number;
  distance?: number;
}

export interface Link {
  kind: LinkKind;
  a: number;
  b: number;
  phoneId?: number;
  contactId?: number;
  similarity?: number;
  distance?: number;
}

/**
 * Indexes the run's ties once, then answers per cluster. `pairTieOf` maps a profile to the tie
 * `pairTies` gave its connected set of pairs of one kind (`text:<id>`, `photo:<id>`), so the pairs
 * of a cluster are found through the ties the cluster already lists.
 */
export function linkIndex(valueTies: readonly ValueTie[], pairs: readonly PairLink[], pairTieOf: (kind: PairLink['kind'], profile: number) => string | undefined) {
  const byValue = new Map<string, { tie: ValueTie; profiles: number[] }>();
  for (const t of valueTies) {
    const entry = byValue.get(t.tie);
    if (entry) entry.profiles.push(t.profile);
    else byValue.set(t.tie, { tie: t, profiles: [t.profile] });
  }
  const byPairTie = new Map<string, PairLink[]>();
  for (const p of pairs) {
    const tie = pairTieOf(p.kind, p.a);
    if (tie === undefined) continue;
    const list = byPairTie.get(tie);
    if (list) list.push(p);
    else byPairTie.set(tie, [p]);
  }

  /**
   * The links of one group: a value shown by n members links each of them to the first (n - 1
   * links, enough to show they are connected), every matched pair as it matched.
   */
  return function linksOf(group: ProfileGroup): Link[] {
    const members = new Set(group.profiles);
    const out: Link[] = [];
    for (const tie of group.ties) {
      const value = byValue.get(tie);
      if (value) {
        const shown = [...new Set(value.profiles.filter((p) => members.has(p)))].sort((x, y) => x - y);
        const { kind, phoneId, contactId } = value.tie;
        for (const b of shown.slice(1)) out.push({ kind, a: shown[0]!, b, ...(phoneId !== undefined ? { phoneId } : {}), ...(contactId !== undefined ? { contactId } : {}) });
        continue;
      }
      for (const p of byPairTie.get(tie) ?? []) {
        if (members.has(p.a) && members.has(p.b)) out.push({ ...p });
      }
    }
    return out;
  };
}
