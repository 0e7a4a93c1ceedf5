import { describe, expect, it } from 'vitest';
import { groupByTies, pairTies } from '../../src/cluster/components.ts';
import { linkIndex, type PairLink, type ValueTie } from '../../src/cluster/link-evidence.ts';

describe('link evidence', () => {
  const values: ValueTie[] = [
    { profile: 1, tie: 'phone:10', kind: 'phone', phoneId: 10 },
    { profile: 2, tie: 'phone:10', kind: 'phone', phoneId: 10 },
    { profile: 3, tie: 'phone:10', kind: 'phone', phoneId: 10 },
    { profile: 3, tie: 'contact:5', kind: 'telegram', contactId: 5 },
    { profile: 4, tie: 'contact:5', kind: 'telegram', contactId: 5 },
    { profile: 9, tie: 'contact:6', kind: 'email', contactId: 6 }, // shown by one profile only
  ];
  const pairs: PairLink[] = [
    { kind: 'text', a: 4, b: 5, similarity: 0.8 },
    { kind: 'photo', a: 7, b: 8, distance: 2 },
  ];
  const text = pairTies(pairs.filter((p) => p.kind === 'text'), 'text');
  const photo = pairTies(pairs.filter((p) => p.kind === 'photo'), 'photo');
  const tieOf = { text: new Map(text.map((t) => [t.profile, t.tie])), photo: new Map(photo.map((t) => [t.profile, t.tie])) };
  const linksOf = linkIndex(values, pairs, (kind, profile) => tieOf[kind].get(profile));
  const groups = groupByTies([1, 2, 3, 4, 5, 6, 7, 8, 9], [...values, ...text, ...photo]);

  it('links each holder of a shared value to the first holder, and every matched pair as it matched', () => {
    const big = groups.find((g) => g.profiles.includes(1))!;
    expect(big.profiles).toEqual([1, 2, 3, 4, 5]);
    expect(linksOf(big)).toEqual(
      expect.arrayContaining([
        { kind: 'phone', a: 1, b: 2, phoneId: 10 },
        { kind: 'phone', a: 1, b: 3, phoneId: 10 },
        { kind: 'telegram', a: 3, b: 4, contactId: 5 },
        { kind: 'text', a: 4, b: 5, similarity: 0.8 },
      ]),
    );
    expect(linksOf(big)).toHaveLength(4);
    // n - 1 links per connected group: the evidence is enough to show every member is tied.
    expect(linksOf(big).length).toBeGreaterThanOrEqual(big.profiles.length - 1);
  });

  it('gives a group held by a photo its photo pair, and a value nobody else shows no link', () => {
    expect(linksOf(groups.find((g) => g.profiles.includes(7))!)).toEqual([{ kind: 'photo', a: 7, b: 8, distance: 2 }]);
    expect(linksOf(groups.find((g) => g.profiles.includes(9))!)).toEqual([]);
    expect(linksOf(groups.find((g) => g.profiles.includes(6))!)).toEqual([]);
  });
});
