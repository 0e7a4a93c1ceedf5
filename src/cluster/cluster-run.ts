// The clustering step that ends every mapping run (and `kartla cluster --run`):
//  1. each profile's own indicators (text phrases, foreign numbers, minor cues);
//  2. the "phone" view: profiles grouped by the numbers they share, over each profile's history;
//  3. the "combined" view: the same, plus the weaker ties: Telegram usernames and e-mail
//     addresses, near-identical descriptions and near-identical photos;
// each view's clusters carry their ids over from the previous clustered run, get their facts,
// indicators and outreach priority, and are stored.

import { clusterIndicators, loadIndicatorPhrases, priorityScore, profileIndicators, type Indicator, type IndicatorPhrases } from '../indicators/index.ts';
import { groupByTies, pairTies, type ProfileTie } from './components.ts';
import { clusterFacts, type MemberSnapshot } from './facts.ts';
import { matchClusters } from './identity.ts';
import { linkIndex, type Link, type PairLink, type ValueTie } from './link-evidence.ts';
import { findNearDuplicates, type NearDuplicatePair } from './near-duplicates.ts';
import { findSimilarPhotos } from './photo-ties.ts';
import {
  clustersOfRun,
  contactHistory,
  contactTie,
  phoneHistory,
  phoneTie,
  previousClusteredRun,
  regionHistories,
  runMembers,
  runPhotos,
  runTexts,
  writeClusters,
  writeProfileIndicators,
  type ClusterViewName,
  type StoredCluster,
  type StoredEvent,
} from '../store/cluster-store.ts';
import type { Database } from '../store/database.ts';

type Db = Pick<Database, 'prisma' | 'cipher'>;

export interface ClusteringOptions {
  /**
   * Numbers (E.164) that are never a tie: a site's switchboard, a support line printed in many
   * ads, or numbers known to be shared by unrelated advertisers.
   */
  ignorePhones?: readonly string[];
  /** A cluster this large or larger raises shared-phone (default 3). */
  sharedPhoneMinSize?: number;
  /** Movement across police regions counts within this many days (default 400). */
  movementWindowDays?: number;
  /** Phrase lists for the indicators; default: config/phrases. */
  phrases?: IndicatorPhrases;
  /** Two photos whose perceptual hashes differ in at most this many bits are the same photo. */
  photoMaxDistance?: number;
}

export interface ViewSummary {
  /** Clusters stored: groups of two or more profiles, and single profiles that continue a cluster. */
  clusters: number;
  clusteredProfiles: number;
  largest: number;
  newClusters: number;
  continued: number;
  merges: number;
  splits: number;
}

export interface ClusteringSummary extends ViewSummary {
  runId: number;
  /** The run the phone view's clusters were carried over from, or null when none was clustered before. */
  previousRunId: number | null;
  /** Ties left out because their number is in ignorePhones. */
  ignoredLinks: number;
  /** Pairs of profiles with near-identical descriptions (the combined view's extra ties). */
  textLinks: number;
  /** Pairs of profiles with near-identical photos. */
  photoLinks: number;
  /** Profiles that share a Telegram username or an e-mail address with another profile. */
  contactProfiles: number;
  combined: ViewSummary;
  /** Profiles with at least one indicator of their own. */
  profilesWithIndicators: number;
}

interface RunInputs {
  runId: number;
  /** When the run started: the date of its place in each cluster's region history. */
  runDate: string;
  members: MemberSnapshot[];
  byProfile: Map<number, MemberSnapshot>;
  profileIndicators: Map<number, Indicator[]>;
  textPairs: NearDuplicatePair[];
  options: ClusteringOptions;
  /** The evidence of a group's ties. */
  linksOf: (group: { profiles: number[]; ties: string[] }) => Link[];
}

export async function clusterRun(db: Db, runId: number, opts: ClusteringOptions = {}): Promise<ClusteringSummary> {
  const phrases = opts.phrases ?? loadIndicatorPhrases();
  // Numbers are compared by their keyed hashes: the clear numbers are never read back.
  const ignore = new Set((opts.ignorePhones ?? []).map((e164) => db.cipher.hash('phone', e164)));
  const [members, history, contacts, photos, texts, run] = await Promise.all([
    runMembers(db, runId),
    phoneHistory(db, runId),
    contactHistory(db, runId),
    runPhotos(db, runId),
    runTexts(db, runId),
    db.prisma.mappingRun.findUniqueOrThrow({ where: { id: runId }, select: { startedAt: true } }),
  ]);
  const byProfile = new Map(members.map((m) => [m.profileId, m]));

  const indicators = new Map<number, Indicator[]>();
  for (const t of texts) {
    const found = profileIndicators(
      { title: t.title, description: t.description, minorCue: t.minorCue, minorCueEvidence: t.minorCueEvidence, phones: byProfile.get(t.profileId)?.phones ?? [], reviews: t.reviews },
      phrases,
    );
    if (found.length) indicators.set(t.profileId, found);
  }
  await writeProfileIndicators(db, runId, indicators);

  const phoneTies: ValueTie[] = history
    .filter((h) => !ignore.has(h.hash))
    .map((h) => ({ profile: h.profileId, tie: phoneTie(h.phoneId), kind: 'phone', phoneId: h.phoneId }));
  const contactTies: ValueTie[] = contacts.map((c) => ({ profile: c.profileId, tie: contactTie(c.contactId), kind: c.kind, contactId: c.contactId }));
  const siteOf = (id: number) => byProfile.get(id)?.siteId ?? '';
  const textPairs = findNearDuplicates(texts.filter((t) => t.description).map((t) => ({ id: t.profileId, siteId: siteOf(t.profileId), text: t.description! })));
  const photoPairs = findSimilarPhotos(
    photos.map((p) => ({ id: p.profileId, siteId: p.siteId, hash: p.hash })),
    opts.photoMaxDistance === undefined ? {} : { maxDistance: opts.photoMaxDistance },
  );
  const textTies = pairTies(textPairs, 'text');
  const photoTies = pairTies(photoPairs, 'photo');
  const pairTieOf = { text: new Map(textTies.map((t) => [t.profile, t.tie])), photo: new Map(photoTies.map((t) => [t.profile, t.tie])) };
  const pairs: PairLink[] = [
    ...textPairs.map((p) => ({ kind: 'text' as const, a: p.a, b: p.b, similarity: p.similarity })),
    ...photoPairs.map((p) => ({ kind: 'photo' as const, a: p.a, b: p.b, distance: p.distance })),
  ];
  const linksOf = linkIndex([...phoneTies, ...contactTies], pairs, (kind, profile) => pairTieOf[kind].get(profile));
  const inputs: RunInputs = { runId, runDate: run.startedAt.toISOString(), members, byProfile, profileIndicators: indicators, textPairs, options: opts, linksOf };

  const phone = await clusterView(db, inputs, 'phone', phoneTies);
  const combined = await clusterView(db, inputs, 'combined', [...phoneTies, ...contactTies, ...textTies, ...photoTies]);
  return {
    runId,
    previousRunId: phone.previousRunId,
    ...phone.summary,
    ignoredLinks: history.length - phoneTies.length,
    textLinks: textPairs.length,
    photoLinks: photoPairs.length,
    contactProfiles: sharedValueProfiles(contactTies),
    combined: combined.summary,
    profilesWithIndicators: indicators.size,
  };
}

/** Profiles that share at least one of the ties with another profile. */
function sharedValueProfiles(ties: readonly ProfileTie[]): number {
  const holders = new Map<string, Set<number>>();
  for (const t of ties) holders.set(t.tie, (holders.get(t.tie) ?? new Set()).add(t.profile));
  const shared = new Set<number>();
  for (const set of holders.values()) if (set.size > 1) for (const p of set) shared.add(p);
  return shared.size;
}

async function clusterView(
  db: Db,
  inputs: RunInputs,
  view: ClusterViewName,
  ties: ProfileTie[],
): Promise<{ summary: ViewSummary; previousRunId: number | null }> {
  const { runId, members, byProfile } = inputs;
  const groups = groupByTies(members.map((m) => m.profileId), ties);
  const previousRunId = await previousClusteredRun(db, runId, view);
  const previous = previousRunId === null ? [] : await clustersOfRun(db, previousRunId, view);
  const { continues, events } = matchClusters(groups, previous);
  // Clustering a run again: a group that is new in this run takes back the id an earlier
  // clustering of the run gave it, so ids handed out (exports, notes) stay valid.
  const unmatched = groups.flatMap((g, i) => (continues[i] === null ? [i] : []));
  const bornBefore = await clustersOfRun(db, runId, view, { bornInRun: true });
  const reborn = matchClusters(unmatched.map((i) => groups[i]!), bornBefore).continues;
  const ownId = new Map<number, number>();
  unmatched.forEach((g, k) => {
    if (reborn[k] !== null && reborn[k] !== undefined) ownId.set(g, reborn[k]!);
  });

  // Groups of one are clusters only when they carry one on; which groups are kept decides the
  // indexes events refer to, so they are renumbered here.
  const kept: StoredCluster[] = [];
  const keptIndex = new Map<number, number>();
  groups.forEach((group, i) => {
    const continued = continues[i] ?? null;
    if (group.profiles.length < 2 && continued === null) return;
    keptIndex.set(i, kept.length);
    kept.push({
      group,
      id: continued ?? ownId.get(i) ?? null,
      isNew: continued === null,
      facts: clusterFacts(group.profiles.map((p) => byProfile.get(p)!)),
      links: inputs.linksOf(group),
    });
  });
  await scoreClusters(db, inputs, view, kept);

  const stored: StoredEvent[] = [];
  for (const e of events) {
    if (e.kind === 'merge') {
      stored.push({ kind: 'merge', cluster: { id: e.clusterId }, related: e.absorbed.map((id) => ({ id })) });
    } else {
      const pieces = e.groups.filter((g) => keptIndex.has(g)).map((g) => ({ index: keptIndex.get(g)! }));
      if (pieces.length) stored.push({ kind: 'split', cluster: { id: e.clusterId }, related: pieces });
    }
  }
  await writeClusters(db, runId, view, kept, stored);

  return {
    previousRunId,
    summary: {
      clusters: kept.length,
      clusteredProfiles: kept.reduce((n, c) => n + c.group.profiles.length, 0),
      largest: kept.reduce((n, c) => Math.max(n, c.group.profiles.length), 0),
      newClusters: kept.filter((c) => c.isNew).length,
      continued: kept.filter((c) => !c.isNew).length,
      merges: stored.filter((e) => e.kind === 'merge').length,
      splits: stored.filter((e) => e.kind === 'split').length,
    },
  };
}

/** Indicators and priority of each kept cluster, from its facts, its members and its past regions. */
async function scoreClusters(db: Db, inputs: RunInputs, view: ClusterViewName, kept: StoredCluster[]): Promise<void> {
  const past = await regionHistories(db, inputs.runId, view, kept.flatMap((c) => (c.id === null || c.isNew ? [] : [c.id])));
  const partners = new Map<number, number[]>();
  for (const { a, b } of inputs.textPairs) {
    partners.set(a, [...(partners.get(a) ?? []), b]);
    partners.set(b, [...(partners.get(b) ?? []), a]);
  }
  for (const c of kept) {
    const members = new Set(c.group.profiles);
    const sameDescription = c.group.profiles.filter((p) => (partners.get(p) ?? []).some((q) => members.has(q))).length;
    const foreign = Object.entries(c.facts.countries).flatMap(([country, n]) => (country === 'SE' || country === '??' ? [] : Array<string>(n).fill(country)));
    const found = clusterIndicators(
      {
        size: c.group.profiles.length,
        sites: c.group.profiles.map((p) => inputs.byProfile.get(p)!.siteId),
        phoneCount: c.facts.phones,
        foreignPhoneCountries: foreign,
        regionHistory: [...(c.id === null || c.isNew ? [] : (past.get(c.id) ?? [])), { date: inputs.runDate, regions: c.facts.policeRegions, counts: c.facts.regionCounts }],
        sameDescriptionGroups: sameDescription,
        memberIndicators: c.group.profiles.map((p) => inputs.profileIndicators.get(p) ?? []),
      },
      {
        ...(inputs.options.sharedPhoneMinSize ? { sharedPhoneMinSize: inputs.options.sharedPhoneMinSize } : {}),
        ...(inputs.options.movementWindowDays ? { movementWindowDays: inputs.options.movementWindowDays } : {}),
      },
    );
    const priority = priorityScore(found, { size: c.group.profiles.length, siteCount: c.facts.sites.length });
    c.indicators = found;
    c.priority = priority.score;
    c.priorityParts = priority.parts;
  }
}
