// Near-duplicate ad descriptions: profiles whose text was copied from one template (InfoShield's
// observation: an organisation reuses its ad text and changes the name, age, city and number), as
// pairs for the union-find that also joins profiles by phone. Pure and deterministic.
//
// Pipeline (docs/decisions/0003-near-duplicate-text.md):
// 1. fold: lower case, diacritics folded (å/ä→a, ö→o, é→e), digits and phone-like runs removed (so a
//    new number or age does not hide a copy), anything but letters is a word break;
// 2. shingles: word 3-grams, hashed to 32 bits (FNV-1a per word, mixed per gram), as a sorted set;
// 3. site boilerplate: a shingle in more than `boilerplateShare` of one site's descriptions (and in
//    at least `boilerplateMinCount` of them) is dropped from that site's descriptions, so a site's
//    footer or tagline does not link everyone on the site;
// 4. a description with fewer than `minShingles` shingles left is never linked (too little evidence);
// 5. MinHash: `bands × rows` seeded 32-bit multiply-xorshift hashes of the shingle hashes (no crypto);
// 6. LSH banding: descriptions that agree on all `rows` values of some band are candidates;
// 7. verification: exact Jaccard similarity of the two shingle sets >= `threshold`.
//
// Threshold 0.45, by measurement on the labelled corpus of tests/cluster/near-duplicate-corpus.ts
// (50 templates with 10-80 copies each with up to three edits, 2,000 independent ads from the same
// phrase vocabulary, 10 sites with footers), seeds 1-5: precision 1.000 on every seed, recall
// 0.943-0.981 (0.35 is where false links start: precision 0.986; 0.5 drops recall to 0.897); see
// the decision record for the sweep.
//
// Bucket cap: a band bucket of at most `maxBucket` descriptions has all its pairs verified; a larger
// one (a template copied hundreds of times, or a phrase everybody uses) is not enumerated: each
// member is verified against at most `maxLeaders` "leaders" (the bucket's first member, then members
// that matched no earlier leader) and linked to the first it matches. So a template copied by
// thousands comes back as a star (every copy paired with the first copy), not as all its pairs:
// the pairs are for union-find connectivity, not a complete list of similar pairs.


export interface TextDoc {
  /** Kartla's profile id; unique within one call. */
  id: number;
  siteId: string;
  /** The description (free text of the ad). */
  text: string;
}

export interface NearDuplicatePair {
  /** The smaller profile id. */
  a: number;
  b: number;
  /** Exact Jaccard similarity of the two descriptions' shingle sets (after boilerplate removal), 0-1. */
  similarity: number;
}

export interface NearDuplicateOptions {
  /** Least Jaccard similarity of a returned pair. Default 0.45 (measured, see the header). */
  threshold?: number;
  /** LSH bands. Default 32. */
  bands?: number;
  /** MinHash values per band (bands × rows hashes in all). Default 4. */
  rows?: number;
  /** Descriptions with fewer shingles than this (after folding and boilerplate) are never linked. Default 8. */
  minShingles?: number;
  /** A shingle in more than this share of one site's descriptions is that site's boilerplate. Default 0.2. */
  boilerplateShare?: number;
  /** ...and in at least this many of them. Default 5. */
  boilerplateMinCount?: number;
  /** Words per shingle. Default 3. */
  shingleSize?: number;
  /** Largest band bucket whose pairs are all verified; larger ones are linked as stars. Default 32. */
  maxBucket?: number;
  /** Leaders per oversized bucket. Default 8. */
  maxLeaders?: number;
}

export const NEAR_DUPLICATE_DEFAULTS: Required<NearDuplicateOptions> = {
  threshold: 0.45,
  bands: 32,
  rows: 4,
  minShingles: 8,
  boilerplateShare: 0.2,
  boilerplateMinCount: 5,
  shingleSize: 3,
  maxBucket: 32,
  maxLeaders: 8,
};

/** Digits and phone-like runs (+46 70-174 06 05, 070/1740605, (08) 123 45): one word break. */
const DIGIT_RUN = /\+?\d(?:[\d\s().\/-]*\d)?/g;
/** Letters NFD does not decompose. */
const UNDECOMPOSED: Record<string, string> = { ø: 'o', æ: 'ae', ß: 'ss' };

/** Lower case, diacritics folded, digits and phone-like runs removed, words separated by one space. */
export function foldText(text: string): string {
  let s = text.toLowerCase().replace(DIGIT_RUN, ' ').normalize('NFD').replace(/[\u0300-\u036f]+/g, '');
  if (/[øæß]/.test(s)) s = s.replace(/[øæß]/g, (c) => UNDECOMPOSED[c]!);
  return s.replace(/[^\p{L}]+/gu, ' ').trim();
}

function fmix32(h: number): number {
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  return (h ^ (h >>> 16)) >>> 0;
}

const LETTER = /\p{L}/u;
const letterClass = new Uint8Array(0x10000); // 0 not yet known, 1 letter, 2 other

function isLetter(c: number): boolean {
  if (c >= 0x61 && c <= 0x7a) return true;
  if (c < 0x80) return false;
  let k = letterClass[c]!;
  if (k === 0) letterClass[c] = k = LETTER.test(String.fromCharCode(c)) ? 1 : 2;
  return k === 1;
}

/**
 * The sorted, distinct 32-bit hashes of the word `size`-grams of `foldText(text)`. The words are
 * hashed (FNV-1a) in one pass over the string rather than split out by `foldText`'s regexes, which
 * are slow on decomposed text; the words are the same.
 */
export function shingleHashes(text: string, size = NEAR_DUPLICATE_DEFAULTS.shingleSize): Uint32Array {
  const s = text.toLowerCase().replace(DIGIT_RUN, ' ').normalize('NFD');
  const words: number[] = [];
  let h = 0x811c9dc5;
  let inWord = false;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c >= 0x300 && c <= 0x36f) continue; // a combining mark: part of the letter before it
    if (isLetter(c)) {
      const fold = c < 0xdf ? undefined : UNDECOMPOSED[String.fromCharCode(c)];
      if (fold === undefined) h = Math.imul(h ^ c, 0x01000193);
      else for (let k = 0; k < fold.length; k++) h = Math.imul(h ^ fold.charCodeAt(k), 0x01000193);
      inWord = true;
    } else if (inWord) {
      words.push(h >>> 0);
      h = 0x811c9dc5;
      inWord = false;
    }
  }
  if (inWord) words.push(h >>> 0);
  const count = words.length - size + 1;
  if (count <= 0) return new Uint32Array(0);
  const out = new Uint32Array(count);
  for (let i = 0; i < count; i++) {
    let g = size;
    for (let k = 0; k < size; k++) g = Math.imul((g << 5) | (g >>> 27), 0x9e3779b1) ^ words[i + k]!;
    out[i] = fmix32(g);
  }
  out.sort();
  let u = 0;
  for (let i = 0; i < out.length; i++) if (i === 0 || out[i] !== out[u - 1]) out[u++] = out[i]!;
  return out.slice(0, u);
}

/** Exact Jaccard similarity of two sorted sets of distinct hashes. */
function jaccard(s: Uint32Array, a0: number, a1: number, b0: number, b1: number): number {
  let i = a0;
  let j = b0;
  let common = 0;
  while (i < a1 && j < b1) {
    const x = s[i]!;
    const y = s[j]!;
    if (x === y) {
      common++;
      i++;
      j++;
    } else if (x < y) i++;
    else j++;
  }
  return common / (a1 - a0 + (b1 - b0) - common);
}

/** Growable Uint32Array. */
class U32Buffer {
  data = new Uint32Array(1 << 16);
  length = 0;
  push(values: Uint32Array): void {
    if (this.length + values.length > this.data.length) {
      const bigger = new Uint32Array(Math.max(this.data.length * 2, this.length + values.length));
      bigger.set(this.data.subarray(0, this.length));
      this.data = bigger;
    }
    this.data.set(values, this.length);
    this.length += values.length;
  }
}

/** Fixed MinHash family: (multiplier, xor key) pairs from a fixed seed, so signatures never change. */
function hashFamily(count: number): { mul: Int32Array; key: Int32Array } {
  const mul = new Int32Array(count);
  const key = new Int32Array(count);
  let s = 0x4b617274; // "Kart"
  const next = () => (s = fmix32((s + 0x6d2b79f5) >>> 0));
  for (let i = 0; i < count; i++) {
    mul[i] = next() | 1;
    key[i] = next();
  }
  return { mul, key };
}

/**
 * Pairs of descriptions that are near-duplicates (exact Jaccard similarity of their word-3-gram
 * sets >= `threshold`, after removing each site's boilerplate), found through MinHash and LSH
 * banding without comparing all pairs. Each pair once, `a < b`, sorted by `a` then `b`; the same
 * input (in any order) gives the same output. The pairs are meant for union-find: within a band
 * bucket larger than `maxBucket`, members are paired with a few leaders only (a star), so a
 * template copied by thousands is connected without listing every pair of copies.
 * Throws if two docs share an id.
 */
export function findNearDuplicates(docs: readonly TextDoc[], opts: NearDuplicateOptions = {}): NearDuplicatePair[] {
  const o = { ...NEAR_DUPLICATE_DEFAULTS, ...opts };
  const order = docs.map((_, i) => i).sort((x, y) => docs[x]!.id - docs[y]!.id);
  for (let k = 1; k < order.length; k++) {
    if (docs[order[k]!]!.id === docs[order[k - 1]!]!.id) throw new Error(`findNearDuplicates: profile id ${docs[order[k]!]!.id} given twice`);
  }
  const n = order.length;

  // Shingles of every doc (in id order) in one buffer.
  const raw = new U32Buffer();
  const rawStart = new Int32Array(n + 1);
  const bySite = new Map<string, number[]>();
  for (let k = 0; k < n; k++) {
    const doc = docs[order[k]!]!;
    raw.push(shingleHashes(doc.text, o.shingleSize));
    rawStart[k + 1] = raw.length;
    let list = bySite.get(doc.siteId);
    if (!list) bySite.set(doc.siteId, (list = []));
    list.push(k);
  }

  // Boilerplate per site: shingles in more than boilerplateShare of the site's docs.
  const boilerplate = new Map<string, Set<number>>();
  for (const [siteId, members] of bySite) {
    const limit = Math.max(o.boilerplateMinCount - 1, Math.floor(o.boilerplateShare * members.length));
    if (members.length <= limit) continue;
    let total = 0;
    for (const k of members) total += rawStart[k + 1]! - rawStart[k]!;
    const all = new Uint32Array(total);
    let p = 0;
    for (const k of members) {
      all.set(raw.data.subarray(rawStart[k]!, rawStart[k + 1]!), p);
      p += rawStart[k + 1]! - rawStart[k]!;
    }
    all.sort();
    const set = new Set<number>();
    for (let i = 0; i < total; ) {
      let j = i + 1;
      while (j < total && all[j] === all[i]) j++;
      if (j - i > limit) set.add(all[i]!);
      i = j;
    }
    if (set.size > 0) boilerplate.set(siteId, set);
  }

  // Kept shingles of the docs with enough evidence ("active" docs, still in id order).
  const kept = new U32Buffer();
  const start: number[] = [0];
  const activeDoc: number[] = [];
  const scratch = new Uint32Array(Math.max(1, ...Array.from({ length: n }, (_, k) => rawStart[k + 1]! - rawStart[k]!)));
  for (let k = 0; k < n; k++) {
    const drop = boilerplate.get(docs[order[k]!]!.siteId);
    let m = 0;
    for (let i = rawStart[k]!; i < rawStart[k + 1]!; i++) {
      const h = raw.data[i]!;
      if (!drop || !drop.has(h)) scratch[m++] = h;
    }
    if (m < o.minShingles) continue;
    kept.push(scratch.subarray(0, m));
    start.push(kept.length);
    activeDoc.push(k);
  }
  const active = activeDoc.length;
  const shingles = kept.data;

  // MinHash signatures.
  const perms = o.bands * o.rows;
  const { mul, key } = hashFamily(perms);
  const sig = new Int32Array(active * perms).fill(0x7fffffff);
  for (let d = 0; d < active; d++) {
    const base = d * perms;
    for (let i = start[d]!; i < start[d + 1]!; i++) {
      const x = shingles[i]! | 0;
      for (let p = 0; p < perms; p++) {
        let v = Math.imul(x ^ key[p]!, mul[p]!);
        v ^= v >>> 15;
        if (v < sig[base + p]!) sig[base + p] = v;
      }
    }
  }

  // LSH: per band, sort docs by the band's hash and verify within runs of equal hashes.
  const pairs: NearDuplicatePair[] = [];
  const checked = new Map<number, boolean>(); // pair (x < y) → near-duplicate?
  const idOf = (d: number) => docs[order[activeDoc[d]!]!]!.id;
  const verify = (x: number, y: number): boolean => {
    const pairKey = x * active + y;
    const known = checked.get(pairKey);
    if (known !== undefined) return known;
    const lx = start[x + 1]! - start[x]!;
    const ly = start[y + 1]! - start[y]!;
    // Jaccard <= min/max: skip the merge when the sizes alone rule the pair out.
    const similarity = Math.min(lx, ly) < o.threshold * Math.max(lx, ly) ? 0 : jaccard(shingles, start[x]!, start[x + 1]!, start[y]!, start[y + 1]!);
    const near = similarity >= o.threshold;
    checked.set(pairKey, near);
    if (near) pairs.push({ a: idOf(x), b: idOf(y), similarity });
    return near;
  };
  const packed = active < 2 ** 21;
  const bandKeys = new Float64Array(active);
  const hashes = new Uint32Array(active);
  const bucket: number[] = [];
  const leaders: number[] = [];
  for (let band = 0; band < o.bands; band++) {
    for (let d = 0; d < active; d++) {
      let h = band;
      const base = d * perms + band * o.rows;
      for (let r = 0; r < o.rows; r++) h = Math.imul((h << 13) | (h >>> 19), 0x9e3779b1) ^ sig[base + r]!;
      hashes[d] = fmix32(h);
      bandKeys[d] = packed ? hashes[d]! * 2 ** 21 + d : d;
    }
    if (packed) bandKeys.sort();
    else bandKeys.sort((x, y) => hashes[x]! - hashes[y]! || x - y);
    const docAt = (i: number) => (packed ? bandKeys[i]! % 2 ** 21 : bandKeys[i]!);
    for (let i = 0; i < active; ) {
      const h = hashes[docAt(i)]!;
      bucket.length = 0;
      let j = i;
      while (j < active && hashes[docAt(j)] === h) bucket.push(docAt(j++));
      i = j;
      if (bucket.length < 2) continue;
      if (bucket.length <= o.maxBucket) {
        for (let x = 0; x < bucket.length; x++) for (let y = x + 1; y < bucket.length; y++) verify(bucket[x]!, bucket[y]!);
      } else {
        leaders.length = 0;
        leaders.push(bucket[0]!);
        for (let m = 1; m < bucket.length; m++) {
          const d = bucket[m]!;
          let linked = false;
          for (const leader of leaders) {
            if (verify(leader, d)) {
              linked = true;
              break;
            }
          }
          if (!linked && leaders.length < o.maxLeaders) leaders.push(d);
        }
      }
    }
  }
  return pairs.sort((p, q) => p.a - q.a || p.b - q.b);
}
