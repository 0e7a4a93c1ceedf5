// Profiles that show the same photo (a weak tie): pairs of profiles whose photos' perceptual hashes
// (src/photo/perceptual-hash.ts) differ in at most `maxDistance` bits, for the union-find that also
// joins profiles by phone and by near-duplicate text. Pure and deterministic.
//
// Finding the pairs without comparing all of them (multi-index hashing, Norouzi et al. 2012): split
// the 64 bits into m bands; if two hashes differ in at most d bits, some band differs in at most
// floor(d/m) bits (pigeonhole: otherwise every band differs in more, d+1 or more in all). So per band
// the hashes are bucketed by the band's value, and each bucket is compared with itself and with the
// buckets within floor(d/m) bit flips; candidates are verified by the full Hamming distance. With
// m = d+1 this is the plain exact-band scheme, but for d = 8 that means 7-bit bands: a million random
// hashes fill each of the 128 buckets with ~8,000, some 10^10 comparisons. Three bands of 21-22 bits
// searched within 2 flips cost ~10^9 cheap lookups and ~10^8 comparisons instead, so `bandPlan`
// picks m from a cost estimate.
//
// Identical hashes are collapsed first (the same file republished is the common case): a group of
// profiles with one hash is returned as a star (every member paired with the smallest profile id,
// distance 0), and two near hashes as one pair of their groups' smallest ids with their true
// distance. That keeps connected components exactly while a photo on 10,000 profiles gives 9,999
// pairs, not 50 million.
//
// Placeholders: a site's "no photo" image, its logo or a stock picture is on many of the site's
// profiles, and tying them would merge everyone on the site. A photo (a connected set of near-
// identical hashes) on at least `placeholderMinProfiles` profiles of one site is therefore ignored
// altogether. An organisation can reuse one photo that often too, but then it also reuses a phone
// or a text, which tie the profiles anyway; a false site-wide merge would be much worse.

import { PHOTO_HASH, PHOTO_MAX_DISTANCE, popcount32 } from '../photo/hamming.ts';
import { UnionFind } from './union-find.ts';

export interface PhotoItem {
  /** Kartla's profile id; a profile with several photos appears once per photo. */
  id: number;
  siteId: string;
  /** photoHash(): 16 lower-case hex digits. */
  hash: string;
}

export interface SimilarPhotoPair {
  /** The smaller profile id. */
  a: number;
  b: number;
  /** Hamming distance of the two photos' hashes, 0..maxDistance. */
  distance: number;
}

export interface SimilarPhotoOptions {
  /** Greatest Hamming distance of a returned pair. Default PHOTO_MAX_DISTANCE (8, measured). */
  maxDistance?: number;
  /** A photo on at least this many profiles of one site is a placeholder and ignored. Default 25. */
  placeholderMinProfiles?: number;
}

export const PHOTO_TIE_DEFAULTS: Required<SimilarPhotoOptions> = {
  maxDistance: PHOTO_MAX_DISTANCE,
  placeholderMinProfiles: 25,
};

/** Values within `radius` bit flips of 0 in `bits` bits, 0 excluded: the flips to probe. */
function flipMasks(bits: number, radius: number): Uint32Array {
  const out: number[] = [];
  const walk = (from: number, mask: number, left: number) => {
    if (mask !== 0) out.push(mask >>> 0);
    if (left === 0) return;
    for (let b = from; b < bits; b++) walk(b + 1, mask | (1 << b), left - 1);
  };
  walk(0, 0, radius);
  return Uint32Array.from(out);
}

function binomialBall(bits: number, radius: number): number {
  let sum = 0;
  let c = 1;
  for (let k = 0; k <= radius; k++) {
    sum += c;
    c = (c * (bits - k)) / (k + 1);
  }
  return sum;
}

/**
 * How many bands for `n` distinct hashes and distance `d`: the cheapest by estimated work (bucket
 * table, probes, expected candidate pairs of uniformly spread hashes). At least 3 bands, so a band
 * has at most 22 bits and its bucket table stays at 4M entries.
 */
export function bandPlan(n: number, d: number): { bands: number; radius: number } {
  let best = { bands: 3, radius: Math.floor(d / 3), cost: Infinity };
  for (let m = 3; m <= Math.max(3, d + 1); m++) {
    const bits = Math.ceil(64 / m);
    const radius = Math.floor(d / m);
    const ball = binomialBall(bits, radius);
    const buckets = 2 ** bits;
    const cost = m * (buckets + n + Math.min(n, buckets) * ball + (n * n * ball) / (2 * buckets));
    if (cost < best.cost) best = { bands: m, radius, cost };
  }
  return { bands: best.bands, radius: best.radius };
}

/** Bits [start, end) of the 64-bit (hi, lo), bit 0 the most significant; end - start <= 22. */
function bandValue(hi: number, lo: number, start: number, end: number): number {
  if (end <= 32) return (hi >>> (32 - end)) & ((1 << (end - start)) - 1);
  if (start >= 32) return (lo >>> (64 - end)) & ((1 << (end - start)) - 1);
  const low = end - 32;
  return (((hi & ((1 << (32 - start)) - 1)) << low) | (lo >>> (32 - low))) >>> 0;
}

/**
 * Every pair of distinct hashes (indices into hi/lo) within `d` bits, once each, through
 * multi-index hashing. `emit(x, y, distance)` with x, y in any order.
 */
function nearHashPairs(hi: Uint32Array, lo: Uint32Array, d: number, emit: (x: number, y: number, distance: number) => void): void {
  const n = hi.length;
  if (n < 2) return;
  const { bands, radius } = bandPlan(n, d);
  const bounds = Array.from({ length: bands + 1 }, (_, k) => Math.floor((k * 64) / bands));
  const values = Array.from({ length: bands }, (_, k) => {
    const v = new Uint32Array(n);
    for (let i = 0; i < n; i++) v[i] = bandValue(hi[i]!, lo[i]!, bounds[k]!, bounds[k + 1]!);
    return v;
  });
  const maxBits = Math.max(...bounds.slice(1).map((e, k) => e - bounds[k]!));
  const start = new Int32Array(2 ** maxBits + 1);
  const order = new Int32Array(n);
  const used = new Int32Array((2 ** maxBits + 31) >>> 5);

  const hiAt = new Uint32Array(n); // hi/lo in bucket order, so a bucket's hashes are read in sequence
  const loAt = new Uint32Array(n);

  for (let k = 0; k < bands; k++) {
    const bits = bounds[k + 1]! - bounds[k]!;
    const size = 2 ** bits;
    const v = values[k]!;
    // Counting sort by band value: bucket B holds positions start[B] .. start[B + 1] of `order`.
    start.fill(0, 0, size + 1);
    for (let i = 0; i < n; i++) start[v[i]! + 1]!++;
    for (let b = 0; b < size; b++) start[b + 1]! += start[b]!;
    const fill = start.slice(0, size);
    for (let i = 0; i < n; i++) order[fill[v[i]!]!++] = i;
    for (let p = 0; p < n; p++) {
      hiAt[p] = hi[order[p]!]!;
      loAt[p] = lo[order[p]!]!;
    }
    const occupiedList: number[] = [];
    used.fill(0, 0, (size + 31) >>> 5);
    for (let p = 0; p < n; p = start[v[order[p]!]! + 1]!) {
      const bucket = v[order[p]!]!;
      occupiedList.push(bucket);
      used[bucket >>> 5]! |= 1 << (bucket & 31);
    }
    const occupied = Int32Array.from(occupiedList);

    // Positions s, t of `order` in buckets within `radius` of each other in band k.
    const check = (s: number, t: number) => {
      const distance = popcount32(hiAt[s]! ^ hiAt[t]!) + popcount32(loAt[s]! ^ loAt[t]!);
      if (distance > d) return;
      const x = order[s]!;
      const y = order[t]!;
      // Emitted already if an earlier band has them within `radius` too.
      for (let j = 0; j < k; j++) if (popcount32(values[j]![x]! ^ values[j]![y]!) <= radius) return;
      emit(x, y, distance);
    };
    for (const bucket of occupied) {
      const end = start[bucket + 1]!;
      for (let s = start[bucket]!; s < end; s++) for (let t = s + 1; t < end; t++) check(s, t);
    }
    // Mask by mask over the buckets in ascending order: bucket ^ mask then also walks the table
    // forwards, where probing all masks of one bucket jumps about it (measured 1.5× slower at 10^6).
    // Most probes find an empty bucket; a 512 kB occupancy bitset says so without the 16 MB table.
    for (const mask of flipMasks(bits, radius)) {
      for (let q = 0; q < occupied.length; q++) {
        const bucket = occupied[q]!;
        const other = bucket ^ mask;
        if (other < bucket || (used[other >>> 5]! & (1 << (other & 31))) === 0) continue;
        const o0 = start[other]!;
        const o1 = start[other + 1]!;
        if (o0 === o1) continue;
        const end = start[bucket + 1]!;
        for (let s = start[bucket]!; s < end; s++) for (let t = o0; t < o1; t++) check(s, t);
      }
    }
  }
}

/**
 * Pairs of profiles whose photos are within `maxDistance` bits (each pair once, `a < b`, with the
 * smallest distance between their photos; sorted by `a`, then `b`). Identical hashes come back as
 * stars and near hashes as one pair per pair of hashes (see the header): the pairs connect exactly
 * the profiles that a complete list would, for union-find. Photos on at least
 * `placeholderMinProfiles` profiles of one site are ignored. Throws on a malformed hash.
 */
export function findSimilarPhotos(items: readonly PhotoItem[], opts: SimilarPhotoOptions = {}): SimilarPhotoPair[] {
  const o = { ...PHOTO_TIE_DEFAULTS, ...opts };
  if (!Number.isInteger(o.maxDistance) || o.maxDistance < 0 || o.maxDistance > 32) throw new Error(`findSimilarPhotos: maxDistance must be an integer 0-32, got ${o.maxDistance}`);
  if (!(o.placeholderMinProfiles >= 2)) throw new Error(`findSimilarPhotos: placeholderMinProfiles must be at least 2, got ${o.placeholderMinProfiles}`);
  const n = items.length;

  // Distinct hashes ("groups") and the group of every item: items sorted by (hi, lo) through one
  // numeric sort of hi·2^21 + index (a Map of a million hash strings takes several times longer).
  const itemHi = new Uint32Array(n);
  const itemLo = new Uint32Array(n);
  for (let i = 0; i < n; i++) {
    const hash = items[i]!.hash;
    if (typeof hash !== 'string' || !PHOTO_HASH.test(hash)) throw new Error(`findSimilarPhotos: profile ${items[i]!.id} has a malformed photo hash ${JSON.stringify(hash)}`);
    itemHi[i] = parseInt(hash.slice(0, 8), 16);
    itemLo[i] = parseInt(hash.slice(8), 16);
  }
  const byHash = Array.from({ length: n }, (_, i) => i);
  if (n < 2 ** 21) {
    const keys = Float64Array.from(byHash, (i) => itemHi[i]! * 2 ** 21 + i).sort();
    for (let p = 0; p < n; p++) byHash[p] = keys[p]! % 2 ** 21;
    // Equal hi: order by lo (runs are short unless the hashes are equal).
    for (let p = 0; p < n; ) {
      let q = p + 1;
      while (q < n && itemHi[byHash[q]!] === itemHi[byHash[p]!]) q++;
      if (q - p > 1) {
        const run = byHash.slice(p, q).sort((x, y) => itemLo[x]! - itemLo[y]!);
        for (let k = 0; k < run.length; k++) byHash[p + k] = run[k]!;
      }
      p = q;
    }
  } else byHash.sort((x, y) => itemHi[x]! - itemHi[y]! || itemLo[x]! - itemLo[y]!);
  const groupOf = new Int32Array(n);
  const hiList: number[] = [];
  const loList: number[] = [];
  for (let p = 0; p < n; p++) {
    const i = byHash[p]!;
    if (p === 0 || itemHi[i] !== hiList[hiList.length - 1] || itemLo[i] !== loList[loList.length - 1]) {
      hiList.push(itemHi[i]!);
      loList.push(itemLo[i]!);
    }
    groupOf[i] = hiList.length - 1;
  }
  const groups = hiList.length;

  const nearX: number[] = [];
  const nearY: number[] = [];
  const nearD: number[] = [];
  nearHashPairs(Uint32Array.from(hiList), Uint32Array.from(loList), o.maxDistance, (x, y, distance) => {
    nearX.push(x);
    nearY.push(y);
    nearD.push(distance);
  });

  // Photos: connected sets of near hashes. Placeholders among those on enough profiles.
  const uf = new UnionFind(groups);
  for (let k = 0; k < nearX.length; k++) uf.union(nearX[k]!, nearY[k]!);
  const photoOf = uf.roots();
  const photoItems = new Int32Array(groups);
  for (let i = 0; i < n; i++) photoItems[photoOf[groupOf[i]!]!]!++;
  const placeholder = new Uint8Array(groups);
  const profilesBySitePhoto = new Map<string, Set<number>>();
  for (let i = 0; i < n; i++) {
    const photo = photoOf[groupOf[i]!]!;
    if (photoItems[photo]! < o.placeholderMinProfiles) continue;
    const key = `${photo}\u0000${items[i]!.siteId}`;
    let profiles = profilesBySitePhoto.get(key);
    if (!profiles) profilesBySitePhoto.set(key, (profiles = new Set()));
    profiles.add(items[i]!.id);
    if (profiles.size >= o.placeholderMinProfiles) placeholder[photo] = 1;
  }

  // Members of each group (profile ids, ascending, distinct): group g is ids[first[g] .. first[g + 1]).
  const first = new Int32Array(groups + 1);
  for (let i = 0; i < n; i++) first[groupOf[i]! + 1]!++;
  for (let g = 0; g < groups; g++) first[g + 1]! += first[g]!;
  const fill = first.slice(0, groups);
  const ids = new Float64Array(n);
  for (let i = 0; i < n; i++) ids[fill[groupOf[i]!]!++] = items[i]!.id;

  const out: SimilarPhotoPair[] = [];
  const smallest = new Float64Array(groups);
  for (let g = 0; g < groups; g++) {
    const members = ids.subarray(first[g]!, first[g + 1]!);
    if (members.length > 1) members.sort();
    smallest[g] = members[0]!;
    if (placeholder[photoOf[g]!]) continue;
    for (let k = 1; k < members.length; k++) if (members[k] !== members[k - 1]) out.push({ a: members[0]!, b: members[k]!, distance: 0 });
  }
  for (let k = 0; k < nearX.length; k++) {
    const x = nearX[k]!;
    if (placeholder[photoOf[x]!]) continue;
    const a = smallest[x]!;
    const b = smallest[nearY[k]!]!;
    if (a !== b) out.push(a < b ? { a, b, distance: nearD[k]! } : { a: b, b: a, distance: nearD[k]! });
  }

  // One pair per two profiles (several photos each can give several): the closest.
  out.sort((p, q) => p.a - q.a || p.b - q.b || p.distance - q.distance);
  let u = 0;
  for (let k = 0; k < out.length; k++) if (u === 0 || out[k]!.a !== out[u - 1]!.a || out[k]!.b !== out[u - 1]!.b) out[u++] = out[k]!;
  out.length = u;
  return out;
}
