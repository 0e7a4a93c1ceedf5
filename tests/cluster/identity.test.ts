import { describe, expect, it } from 'vitest';
import { matchClusters, type PreviousCluster } from '../../src/cluster/identity.ts';
import type { ProfileGroup } from '../../src/cluster/components.ts';

const g = (profiles: number[], ties: string[] = []): ProfileGroup => ({ profiles, ties });
const prev = (id: number, profiles: number[], ties: string[] = []): PreviousCluster => ({ id, profiles, ties });

describe('cluster identity across runs', () => {
  it('keeps the id of a cluster that continues, even when every member was replaced but the phone stayed', () => {
    const r = matchClusters([g([10, 11, 12], ['phone:A']), g([1, 2], ['phone:B'])], [prev(7, [1, 2, 3], ['phone:B']), prev(8, [4, 5, 6], ['phone:A'])]);
    expect(r.continues).toEqual([8, 7]);
    expect(r.events).toEqual([]);
  });

  it('gives a group with no overlap a new cluster', () => {
    expect(matchClusters([g([9], ['phone:Z'])], [prev(1, [1], ['phone:A'])]).continues).toEqual([null]);
  });

  it('records a merge: the largest overlap keeps its id, the other cluster is absorbed', () => {
    const r = matchClusters([g([1, 2, 3, 4, 5], ['phone:A', 'phone:B'])], [prev(1, [1, 2, 3], ['phone:A']), prev(2, [4, 5], ['phone:B'])]);
    expect(r.continues).toEqual([1]);
    expect(r.events).toEqual([{ kind: 'merge', group: 0, clusterId: 1, absorbed: [2] }]);
  });

  it('records a split: the larger piece keeps the id, the other piece is new', () => {
    const r = matchClusters([g([1, 2, 3], ['phone:A']), g([4, 5], ['phone:B'])], [prev(1, [1, 2, 3, 4, 5], ['phone:A', 'phone:B'])]);
    expect(r.continues).toEqual([1, null]);
    expect(r.events).toEqual([{ kind: 'split', clusterId: 1, groups: [1] }]);
  });

  it('gives each previous id to one group only, and decides ties the same way every time', () => {
    const groups = [g([1], ['phone:A']), g([2], ['phone:A2'])];
    const previous = [prev(5, [1, 2], ['phone:A', 'phone:A2'])];
    const r = matchClusters(groups, previous);
    expect(r.continues.filter((x) => x === 5)).toHaveLength(1);
    expect(matchClusters(groups, previous)).toEqual(r);
  });
});
