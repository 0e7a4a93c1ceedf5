// Which cluster of the previous run a group of this run continues. A group takes the id of the
// previous cluster it overlaps most (shared profiles and shared ties both count, so a group whose
// members were all replaced but who kept the phone still continues); each previous id goes to one
// group only. What is left over is recorded as merges (a group that also overlapped clusters nobody
// else continued) and splits (a group that overlapped a cluster another group continued).

import type { ProfileGroup } from './components.ts';

export interface PreviousCluster extends ProfileGroup {
  id: number;
}

export type ClusterEvent =
  /** `group` continues `clusterId` and also absorbed these previous clusters. */
  | { kind: 'merge'; group: number; clusterId: number; absorbed: number[] }
  /** Groups that came out of previous cluster `clusterId` without continuing it. */
  | { kind: 'split'; clusterId: number; groups: number[] };

export interface Continuity {
  /** Per group (same order as given): the previous cluster id it continues, or null for a new cluster. */
  continues: (number | null)[];
  events: ClusterEvent[];
}

const profileNode = (id: number) => `p\u0000${id}`;

export function matchClusters(groups: readonly ProfileGroup[], previous: readonly PreviousCluster[]): Continuity {
  const owner = new Map<string, number>();
  for (const c of previous) {
    for (const p of c.profiles) owner.set(profileNode(p), c.id);
    for (const t of c.ties) owner.set(t, c.id);
  }
  // overlaps[g] = previous id → shared nodes
  const overlaps = groups.map((g) => {
    const counts = new Map<number, number>();
    const add = (node: string) => {
      const id = owner.get(node);
      if (id !== undefined) counts.set(id, (counts.get(id) ?? 0) + 1);
    };
    for (const p of g.profiles) add(profileNode(p));
    for (const t of g.ties) add(t);
    return counts;
  });
  const candidates: { group: number; id: number; overlap: number }[] = [];
  overlaps.forEach((counts, group) => {
    for (const [id, overlap] of counts) candidates.push({ group, id, overlap });
  });
  // Largest overlap first; on a tie the older (smaller) id and the earlier group, for determinism.
  candidates.sort((a, b) => b.overlap - a.overlap || a.id - b.id || a.group - b.group);

  const continues: (number | null)[] = groups.map(() => null);
  const claimedBy = new Map<number, number>();
  for (const c of candidates) {
    if (continues[c.group] !== null || claimedBy.has(c.id)) continue;
    continues[c.group] = c.id;
    claimedBy.set(c.id, c.group);
  }

  // Which groups overlap each previous cluster.
  const overlappedBy = new Map<number, number[]>();
  overlaps.forEach((counts, group) => {
    for (const id of counts.keys()) overlappedBy.set(id, [...(overlappedBy.get(id) ?? []), group]);
  });
  const events: ClusterEvent[] = [];
  // A previous cluster that no group continues and that only one group overlaps went into it whole.
  overlaps.forEach((counts, group) => {
    const own = continues[group];
    if (own === null || own === undefined) return;
    const absorbed = [...counts.keys()].filter((id) => !claimedBy.has(id) && overlappedBy.get(id)!.length === 1).sort((a, b) => a - b);
    if (absorbed.length) events.push({ kind: 'merge', group, clusterId: own, absorbed });
  });
  // A previous cluster whose members went to groups that do not carry its id was split.
  for (const [id, gs] of [...overlappedBy].sort((a, b) => a[0] - b[0])) {
    const owner = claimedBy.get(id);
    const pieces = owner === undefined ? (gs.length > 1 ? gs : []) : gs.filter((g) => g !== owner);
    if (pieces.length) events.push({ kind: 'split', clusterId: id, groups: pieces });
  }
  return { continues, events };
}
