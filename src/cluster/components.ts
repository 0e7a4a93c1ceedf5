// Profiles joined by what they share (a phone, later also handles, text and photos): connected
// components of the bipartite graph of profiles and tie values, in one union-find pass that is
// linear in the number of links.

import { UnionFind } from './union-find.ts';

export interface ProfileTie {
  /** Kartla's profile id (stable across runs). */
  profile: number;
  /** The shared value, namespaced by kind, e.g. `phone:+46701740605`. */
  tie: string;
}

export interface ProfileGroup {
  /** Profile ids, ascending. */
  profiles: number[];
  /** Tie values that hold the group together, ascending. */
  ties: string[];
}

/**
 * Groups `profiles` by shared ties. Every profile is in exactly one group; a profile without a tie,
 * or whose ties nobody else has, is a group of one. Ties of profiles not in `profiles` are ignored.
 * Groups come largest first, then by their smallest profile id, so the output is deterministic.
 */
export function groupByTies(profiles: readonly number[], ties: Iterable<ProfileTie>): ProfileGroup[] {
  const index = new Map<number, number>();
  for (const p of profiles) if (!index.has(p)) index.set(p, index.size);
  const n = index.size;
  const tieIndex = new Map<string, number>();
  const links: number[] = [];
  for (const { profile, tie } of ties) {
    const i = index.get(profile);
    if (i === undefined) continue;
    let t = tieIndex.get(tie);
    if (t === undefined) tieIndex.set(tie, (t = tieIndex.size));
    links.push(i, t);
  }
  const uf = new UnionFind(n + tieIndex.size);
  for (let k = 0; k < links.length; k += 2) uf.union(links[k]!, n + links[k + 1]!);

  const byRoot = new Map<number, ProfileGroup>();
  const ids = [...index.keys()];
  for (let i = 0; i < n; i++) {
    const root = uf.find(i);
    let g = byRoot.get(root);
    if (!g) byRoot.set(root, (g = { profiles: [], ties: [] }));
    g.profiles.push(ids[i]!);
  }
  for (const [tie, t] of tieIndex) byRoot.get(uf.find(n + t))?.ties.push(tie);
  const groups = [...byRoot.values()];
  for (const g of groups) {
    g.profiles.sort((a, b) => a - b);
    g.ties.sort();
  }
  return groups.sort((a, b) => b.profiles.length - a.profiles.length || a.profiles[0]! - b.profiles[0]!);
}

/**
 * Ties for `groupByTies` from pairwise links (near-duplicate texts, similar photos): every profile
 * in a connected set of linked pairs gets the tie `<kind>:<smallest profile id of the set>`, so a
 * set costs one tie per profile however many pairs it has. Sorted by profile.
 */
export function pairTies(pairs: readonly { a: number; b: number }[], kind: string): ProfileTie[] {
  const index = new Map<number, number>();
  const ids: number[] = [];
  const at = (id: number) => {
    let i = index.get(id);
    if (i === undefined) {
      index.set(id, (i = ids.length));
      ids.push(id);
    }
    return i;
  };
  const links = pairs.map(({ a, b }) => [at(a), at(b)] as const);
  const uf = new UnionFind(ids.length);
  for (const [x, y] of links) uf.union(x, y);
  const smallest = new Map<number, number>();
  for (let i = 0; i < ids.length; i++) {
    const r = uf.find(i);
    smallest.set(r, Math.min(smallest.get(r) ?? Infinity, ids[i]!));
  }
  return ids
    .map((id, i) => ({ profile: id, tie: `${kind}:${smallest.get(uf.find(i))}` }))
    .sort((p, q) => p.profile - q.profile);
}
