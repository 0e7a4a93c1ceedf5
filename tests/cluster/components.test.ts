import { describe, expect, it } from 'vitest';
import { groupByTies } from '../../src/cluster/components.ts';
import { UnionFind } from '../../src/cluster/union-find.ts';

const phone = (n: number) => `phone:+4670174060${n}`;

describe('union-find', () => {
  it('joins sets and reports whether a union changed anything', () => {
    const uf = new UnionFind(5);
    expect(uf.union(0, 1)).toBe(true);
    expect(uf.union(1, 0)).toBe(false);
    uf.union(3, 4);
    expect(uf.find(0)).toBe(uf.find(1));
    expect(uf.find(2)).not.toBe(uf.find(0));
    expect(new Set(uf.roots()).size).toBe(3);
  });

  it('keeps long chains shallow enough to stay fast (a 200,000-link chain in one set)', () => {
    const n = 200_000;
    const uf = new UnionFind(n);
    for (let i = 1; i < n; i++) uf.union(i - 1, i);
    expect(new Set(uf.roots()).size).toBe(1);
  });
});

describe('grouping profiles by shared ties', () => {
  it('joins profiles that share a phone, transitively, and keeps the rest alone', () => {
    const groups = groupByTies(
      [1, 2, 3, 4, 5],
      [
        { profile: 1, tie: phone(1) },
        { profile: 2, tie: phone(1) },
        { profile: 2, tie: phone(2) }, // two phones bridge 1 and 3
        { profile: 3, tie: phone(2) },
        { profile: 4, tie: phone(3) },
      ],
    );
    expect(groups).toEqual([
      { profiles: [1, 2, 3], ties: [phone(1), phone(2)] },
      { profiles: [4], ties: [phone(3)] },
      { profiles: [5], ties: [] },
    ]);
  });

  it('ignores ties of profiles it was not asked about, so absent profiles do not bridge groups', () => {
    const groups = groupByTies(
      [1, 3],
      [
        { profile: 1, tie: phone(1) },
        { profile: 2, tie: phone(1) },
        { profile: 2, tie: phone(2) },
        { profile: 3, tie: phone(2) },
      ],
    );
    expect(groups.map((g) => g.profiles)).toEqual([[1], [3]]);
  });

  it('gives the same groups whatever the order of the input', () => {
    const ties = Array.from({ length: 60 }, (_, i) => ({ profile: i, tie: phone(i % 7) }));
    const a = groupByTies(ties.map((t) => t.profile), ties);
    const b = groupByTies([...ties].reverse().map((t) => t.profile), [...ties].reverse());
    expect(b).toEqual(a);
    expect(a).toHaveLength(7);
  });
});
