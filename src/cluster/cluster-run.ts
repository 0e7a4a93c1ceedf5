// The clustering step that ends every mapping run (and `kartla cluster --run`): group the run's
// profiles by the numbers they share, over the profiles' whole history, carry cluster ids over
// from the previous clustered run, count each cluster's facts, and store it all.

import { groupByTies } from './components.ts';
import { clusterFacts, type MemberSnapshot } from './facts.ts';
import { matchClusters } from './identity.ts';
import {
  clustersOfRun,
  phoneHistory,
  phoneTie,
  previousClusteredRun,
  runMembers,
  writeClusters,
  type StoredCluster,
  type StoredEvent,
} from '../store/cluster-store.ts';
import type { Database } from '../store/database.ts';

type Db = Pick<Database, 'prisma'>;

export interface ClusteringOptions {
  /**
   * Numbers (E.164) that are never a tie: a site's switchboard, a support line printed in many
   * ads, or numbers known to be shared by unrelated advertisers.
   */
  ignorePhones?: readonly string[];
}

export interface ClusteringSummary {
  runId: number;
  /** The run clusters were carried over from, or null when none was clustered before. */
  previousRunId: number | null;
  /** Clusters stored: groups of two or more profiles, and single profiles that continue a cluster. */
  clusters: number;
  clusteredProfiles: number;
  largest: number;
  newClusters: number;
  continued: number;
  merges: number;
  splits: number;
  /** Ties left out because their number is in ignorePhones. */
  ignoredLinks: number;
}

export async function clusterRun(db: Db, runId: number, opts: ClusteringOptions = {}): Promise<ClusteringSummary> {
  const view = 'phone';
  const ignore = new Set(opts.ignorePhones ?? []);
  const [members, history, previousRunId] = await Promise.all([
    runMembers(db, runId),
    phoneHistory(db, runId),
    previousClusteredRun(db, runId, view),
  ]);
  const ties = history.filter((h) => !ignore.has(h.e164)).map((h) => ({ profile: h.profileId, tie: phoneTie(h.phoneId) }));
  const groups = groupByTies(members.map((m) => m.profileId), ties);
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
  const byProfile = new Map<number, MemberSnapshot>(members.map((m) => [m.profileId, m]));
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
    });
  });
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
    runId,
    previousRunId,
    clusters: kept.length,
    clusteredProfiles: kept.reduce((n, c) => n + c.group.profiles.length, 0),
    largest: kept.reduce((n, c) => Math.max(n, c.group.profiles.length), 0),
    newClusters: kept.filter((c) => c.isNew).length,
    continued: kept.filter((c) => !c.isNew).length,
    merges: stored.filter((e) => e.kind === 'merge').length,
    splits: stored.filter((e) => e.kind === 'split').length,
    ignoredLinks: history.length - ties.length,
  };
}
