// Clustering at national-archive scale, each measured in a child process of its own so that its
// peak memory (the child's maxRSS, input generation included) is not mixed with the rest of the
// benchmark run:
//
// - phones: `groupByTies` over 1,000,000 profiles and about 1,500,000 phone links (`phone:<n>`):
//   about two thirds of the profiles have one number, a quarter two, the rest three or four; most
//   numbers belong to one profile, a fifth of the profiles sit in groups of 3-40 sharing a number,
//   and 1 % of second numbers are borrowed from another group (bridges). Issue bar: < 10 s, < 1.5 GB.
// - text: `findNearDuplicates` over 100,000 descriptions of 60-120 words on 40 sites (templates of
//   2-60 copies, one template copied 3,000 times, independent ads from a shared phrase vocabulary,
//   site footers). Issue bar: < 60 s (InfoShield reports about 140 ads/s).
// - photos: `findSimilarPhotos` over 1,000,000 photo hashes on 46 sites: most photos unique, a
//   fifth of them in groups of 2-6 copies a few bits apart (re-encoded, resized), and one
//   "no photo" placeholder per site on 2 % of its profiles. Within the default distance (8 bits).
//
// Run alone: `npx tsx bench/cluster.ts` prints both figures once.

import { fork } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { groupByTies, type ProfileTie } from '../src/cluster/components.ts';
import { findNearDuplicates } from '../src/cluster/near-duplicates.ts';
import { findSimilarPhotos, type PhotoItem } from '../src/cluster/photo-ties.ts';
import { mulberry32 } from '../src/demo/random.ts';
import { nearDuplicateCorpus } from '../tests/cluster/near-duplicate-corpus.ts';

export interface ClusterFigures {
  /** Wall time of the measured call alone. */
  seconds: number;
  /** The child's peak resident set, input included. */
  peakMiB: number;
  /** Resident set just before the call (the input), for comparison. */
  inputMiB: number;
  /** Items per second (profiles for phones, descriptions for text). */
  perSecond: number;
  /** Links given to groupByTies, or pairs returned by findNearDuplicates. */
  links: number;
  /** Groups of more than one profile (phones), or profiles in some pair (text). */
  linked: number;
}

const PROFILES = 1_000_000;
const DESCRIPTIONS = 100_000;

export function phoneTies(profiles: number, seed = 1): ProfileTie[] {
  const random = mulberry32(seed);
  const ties: ProfileTie[] = [];
  let phone = 0;
  const groupPhones: number[] = [];
  let p = 1;
  while (p <= profiles) {
    // A group of 3-40 profiles sharing a number for a fifth of the profiles, else a profile alone.
    const size = random() < 0.2 / 10 ? 3 + Math.floor(random() * 38) : 1;
    const shared = phone++;
    if (size > 1) groupPhones.push(shared);
    for (let k = 0; k < size && p <= profiles; k++, p++) {
      ties.push({ profile: p, tie: `phone:${shared}` });
      const r = random();
      const extra = r < 0.65 ? 0 : r < 0.9 ? 1 : r < 0.95 ? 2 : 3;
      for (let e = 0; e < extra; e++) {
        const borrowed = groupPhones.length > 0 && random() < 0.01;
        const n = borrowed ? groupPhones[Math.floor(random() * groupPhones.length)]! : phone++;
        ties.push({ profile: p, tie: `phone:${n}` });
      }
    }
  }
  return ties;
}

function mib(bytes: number): number {
  return bytes / 2 ** 20;
}

function measurePhones(): ClusterFigures {
  const ids = Array.from({ length: PROFILES }, (_, i) => i + 1);
  const ties = phoneTies(PROFILES);
  const inputMiB = mib(process.memoryUsage().rss);
  const started = performance.now();
  const groups = groupByTies(ids, ties);
  const seconds = (performance.now() - started) / 1000;
  return {
    seconds,
    peakMiB: process.resourceUsage().maxRSS / 1024,
    inputMiB,
    perSecond: PROFILES / seconds,
    links: ties.length,
    linked: groups.filter((g) => g.profiles.length > 1).length,
  };
}

function measureText(): ClusterFigures {
  const { docs } = nearDuplicateCorpus({ seed: 7, templates: 1_000, copies: [2, 60], independent: 45_000, sites: 40, size: DESCRIPTIONS, giantTemplate: 3_000, words: [60, 120] });
  const inputMiB = mib(process.memoryUsage().rss);
  const started = performance.now();
  const pairs = findNearDuplicates(docs);
  const seconds = (performance.now() - started) / 1000;
  const linked = new Set<number>();
  for (const { a, b } of pairs) linked.add(a).add(b);
  return {
    seconds,
    peakMiB: process.resourceUsage().maxRSS / 1024,
    inputMiB,
    perSecond: docs.length / seconds,
    links: pairs.length,
    linked: linked.size,
  };
}

/** 64-bit hashes as 16 hex digits, `bits` of them flipped at random from `base`. */
function flipped(base: bigint, bits: number, random: () => number): string {
  let h = base;
  for (let k = 0; k < bits; k++) h ^= 1n << BigInt(Math.floor(random() * 64));
  return h.toString(16).padStart(16, '0');
}

export function photoItems(count: number, seed = 3): PhotoItem[] {
  const random = mulberry32(seed);
  const word = () => BigInt(Math.floor(random() * 2 ** 32));
  const items: PhotoItem[] = [];
  const placeholders = Array.from({ length: 46 }, () => (word() << 32n) | word());
  let id = 1;
  while (items.length < count) {
    const site = Math.floor(random() * 46);
    const siteId = `site-${site}`;
    if (random() < 0.02) {
      items.push({ id: id++, siteId, hash: flipped(placeholders[site]!, 0, random) });
      continue;
    }
    const base = (word() << 32n) | word();
    const copies = random() < 0.2 / 4 ? 2 + Math.floor(random() * 5) : 1;
    for (let c = 0; c < copies && items.length < count; c++) {
      items.push({ id: id++, siteId: `site-${Math.floor(random() * 46)}`, hash: flipped(base, c === 0 ? 0 : Math.floor(random() * 4), random) });
    }
  }
  return items;
}

function measurePhotos(): ClusterFigures {
  const items = photoItems(PROFILES);
  const inputMiB = mib(process.memoryUsage().rss);
  const started = performance.now();
  const pairs = findSimilarPhotos(items);
  const seconds = (performance.now() - started) / 1000;
  const linked = new Set<number>();
  for (const { a, b } of pairs) linked.add(a).add(b);
  return { seconds, peakMiB: process.resourceUsage().maxRSS / 1024, inputMiB, perSecond: items.length / seconds, links: pairs.length, linked: linked.size };
}

type Kind = 'phones' | 'text' | 'photos';

/** Runs one measurement in a fresh child process (same Node flags, so tsx too) and returns its figures. */
export function benchCluster(kind: Kind): Promise<ClusterFigures> {
  return new Promise((resolve, reject) => {
    const child = fork(fileURLToPath(import.meta.url), ['--child', kind], { stdio: ['ignore', 'inherit', 'inherit', 'ipc'] });
    let result: ClusterFigures | undefined;
    child.on('message', (m) => (result = m as ClusterFigures));
    child.on('error', reject);
    child.on('exit', (code) => (result && code === 0 ? resolve(result) : reject(new Error(`cluster benchmark (${kind}) exited with ${code}`))));
  });
}

const argv = process.argv.slice(2);
if (argv[0] === '--child') {
  const kind = argv[1] as Kind;
  const figures = kind === 'phones' ? measurePhones() : kind === 'text' ? measureText() : measurePhotos();
  process.send!(figures, () => process.exit(0));
} else if (process.argv[1] === fileURLToPath(import.meta.url)) {
  for (const kind of ['phones', 'text', 'photos'] as const) console.log(kind, await benchCluster(kind));
}
