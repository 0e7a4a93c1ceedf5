import { describe, expect, it } from 'vitest';
import { bandPlan, findSimilarPhotos, type PhotoItem } from '../../src/cluster/photo-ties.ts';
import { UnionFind } from '../../src/cluster/union-find.ts';
import { mulberry32 } from '../../src/demo/random.ts';
import { hammingDistance, popcount32 } from '../../src/photo/hamming.ts';

const hex = (hi: number, lo: number) => (hi >>> 0).toString(16).padStart(8, '0') + (lo >>> 0).toString(16).padStart(8, '0');

/** `count` random hashes, a fifth of them near copies (1..12 flipped bits) of an earlier one; all distinct. */
function plantedHashes(count: number, seed: number): string[] {
  const rnd = mulberry32(seed);
  const word = () => Math.floor(rnd() * 2 ** 32);
  const out: string[] = [];
  const seen = new Set<string>();
  while (out.length < count) {
    let h: string;
    if (out.length > 0 && rnd() < 0.2) {
      const src = out[Math.floor(rnd() * out.length)]!;
      let hi = parseInt(src.slice(0, 8), 16);
      let lo = parseInt(src.slice(8), 16);
      const flips = 1 + Math.floor(rnd() * 12);
      for (let f = 0; f < flips; f++) {
        const bit = Math.floor(rnd() * 64);
        if (bit < 32) hi ^= 1 << bit;
        else lo ^= 1 << (bit - 32);
      }
      h = hex(hi, lo);
    } else h = hex(word(), word());
    if (!seen.has(h)) {
      seen.add(h);
      out.push(h);
    }
  }
  return out;
}

function bruteForce(items: readonly PhotoItem[], maxDistance: number) {
  const pairs: { a: number; b: number; distance: number }[] = [];
  const hi = items.map((i) => parseInt(i.hash.slice(0, 8), 16));
  const lo = items.map((i) => parseInt(i.hash.slice(8), 16));
  for (let i = 0; i < items.length; i++) {
    for (let j = i + 1; j < items.length; j++) {
      const distance = popcount32(hi[i]! ^ hi[j]!) + popcount32(lo[i]! ^ lo[j]!);
      if (distance <= maxDistance) pairs.push({ a: Math.min(items[i]!.id, items[j]!.id), b: Math.max(items[i]!.id, items[j]!.id), distance });
    }
  }
  return pairs.sort((p, q) => p.a - q.a || p.b - q.b);
}

/** Profile components as sorted lists of ids, for comparing connectivity. */
function components(ids: readonly number[], pairs: readonly { a: number; b: number }[]): number[][] {
  const index = new Map(ids.map((id, i) => [id, i]));
  const uf = new UnionFind(ids.length);
  for (const { a, b } of pairs) uf.union(index.get(a)!, index.get(b)!);
  const groups = new Map<number, number[]>();
  ids.forEach((id, i) => {
    const r = uf.find(i);
    groups.set(r, [...(groups.get(r) ?? []), id]);
  });
  return [...groups.values()].map((g) => g.sort((x, y) => x - y)).sort((x, y) => x[0]! - y[0]!);
}

describe('findSimilarPhotos', () => {
  it('finds exactly the pairs within the distance that brute force finds', () => {
    for (const [seed, maxDistance] of [
      [1, 8],
      [2, 3],
      [3, 0],
      [4, 12],
    ] as const) {
      const hashes = plantedHashes(3000, seed);
      // Shuffled ids and several sites, so nothing depends on input order.
      const items = hashes.map((hash, i) => ({ id: ((i * 7919) % 3001) + 1, siteId: `site-${i % 7}`, hash }));
      const expected = bruteForce(items, maxDistance);
      const found = findSimilarPhotos(items, { maxDistance });
      expect(found, `maxDistance ${maxDistance}`).toEqual(expected);
      if (maxDistance > 0) expect(expected.length).toBeGreaterThan(50);
      expect(findSimilarPhotos([...items].reverse(), { maxDistance })).toEqual(found);
    }
  });

  it('splits into bands so that every pair within the distance shares a band within the radius', () => {
    for (const n of [10, 3000, 1_000_000]) {
      for (let d = 0; d <= 16; d++) {
        const { bands, radius } = bandPlan(n, d);
        expect(bands).toBeGreaterThanOrEqual(3);
        expect(bands * (radius + 1)).toBeGreaterThan(d);
      }
    }
    expect(bandPlan(1_000_000, 8)).toEqual({ bands: 3, radius: 2 });
  });

  it('ignores a photo on many profiles of one site (a placeholder), but not one spread over sites', () => {
    const placeholder = 'f0f0f0f00f0f0f0f';
    const nearPlaceholder = 'f0f0f0f00f0f0f0e'; // the same image re-encoded: 1 bit off
    const shared = '123456789abcdef0';
    const items: PhotoItem[] = [];
    for (let i = 1; i <= 24; i++) items.push({ id: i, siteId: 'a', hash: placeholder });
    items.push({ id: 25, siteId: 'a', hash: nearPlaceholder }); // 25th profile of site a: a placeholder
    items.push({ id: 26, siteId: 'b', hash: placeholder }); // the same image elsewhere is ignored too
    for (let i = 0; i < 40; i++) items.push({ id: 100 + i, siteId: `s${i % 4}`, hash: shared }); // 10 per site
    const pairs = findSimilarPhotos(items);
    expect(pairs.filter((p) => p.a <= 26 || p.b <= 26)).toEqual([]);
    expect(pairs).toHaveLength(39);
    expect(components([...Array(40).keys()].map((i) => 100 + i), pairs)).toHaveLength(1);
    // With a higher bar the placeholder is an ordinary photo again.
    expect(findSimilarPhotos(items, { placeholderMinProfiles: 26 }).filter((p) => p.a <= 26)).toHaveLength(25);
  });

  it('links a big group of identical hashes as a star, keeping components and true distances', () => {
    const items: PhotoItem[] = [];
    for (let i = 0; i < 2000; i++) items.push({ id: 5000 - i, siteId: `s${i % 200}`, hash: 'aaaaaaaaaaaaaaaa' });
    for (let i = 0; i < 30; i++) items.push({ id: 10_000 + i, siteId: `t${i}`, hash: 'aaaaaaaaaaaaaaab' }); // 1 bit off
    items.push({ id: 20_000, siteId: 'u', hash: 'aaaaaaaaaaaaaabf' }); // 3 bits off the first, 2 off the second
    const pairs = findSimilarPhotos(items);
    expect(pairs.length).toBeLessThan(2100);
    const ids = items.map((i) => i.id);
    expect(components(ids, pairs)).toEqual(components(ids, bruteForce(items, 8)));
    const hashOf = new Map(items.map((i) => [i.id, i.hash]));
    for (const p of pairs) {
      expect(p.a).toBeLessThan(p.b);
      expect(p.distance).toBe(hammingDistance(hashOf.get(p.a)!, hashOf.get(p.b)!));
    }
    expect(pairs.filter((p) => p.distance === 0 && p.a === 3001)).toHaveLength(1999);
  });

  it('gives each pair of profiles once, with the closest of their photos, and never pairs a profile with itself', () => {
    const items: PhotoItem[] = [
      { id: 1, siteId: 'a', hash: '0000000000000000' },
      { id: 1, siteId: 'a', hash: '0000000000000003' },
      { id: 2, siteId: 'b', hash: '0000000000000007' },
      { id: 2, siteId: 'b', hash: '0000000000000001' },
    ];
    expect(findSimilarPhotos(items)).toEqual([{ a: 1, b: 2, distance: 1 }]);
  });

  it('handles empty and single input, and rejects malformed hashes and options', () => {
    expect(findSimilarPhotos([])).toEqual([]);
    expect(findSimilarPhotos([{ id: 1, siteId: 'a', hash: '0123456789abcdef' }])).toEqual([]);
    expect(() => findSimilarPhotos([{ id: 1, siteId: 'a', hash: 'xyz' }])).toThrow(/malformed/);
    expect(() => findSimilarPhotos([], { maxDistance: -1 })).toThrow();
    expect(() => findSimilarPhotos([], { maxDistance: 2.5 })).toThrow();
    expect(() => findSimilarPhotos([], { placeholderMinProfiles: 1 })).toThrow();
  });
});
