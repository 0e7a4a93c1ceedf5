// Pairwise clustering agreement: of all pairs of profiles, which a clustering puts together and
// which the truth puts together. Pairs rather than cluster labels, because a predicted cluster id
// has no name in common with an organisation id; counted from the contingency of the two labelings
// so a 13,000-profile run never enumerates its ~84 million pairs.

export interface PairScore {
  /** Pairs both put together. */
  truePairs: number;
  predictedPairs: number;
  truthPairs: number;
  /** null when the denominator is zero (nothing predicted, nothing to find). */
  precision: number | null;
  recall: number | null;
  f1: number | null;
}

const pairs = (n: number) => (n * (n - 1)) / 2;

/**
 * `predicted` and `truth` label the same items (by index); a null label is a cluster of one. Both
 * arrays must have the same length.
 */
export function pairScore(predicted: readonly (string | null)[], truth: readonly (string | null)[]): PairScore {
  if (predicted.length !== truth.length) throw new Error('pairScore: labelings of different length');
  const pred = new Map<string, number>();
  const tru = new Map<string, number>();
  const cell = new Map<string, number>();
  for (let i = 0; i < predicted.length; i++) {
    const p = predicted[i];
    const t = truth[i];
    if (p != null) pred.set(p, (pred.get(p) ?? 0) + 1);
    if (t != null) tru.set(t, (tru.get(t) ?? 0) + 1);
    if (p != null && t != null) {
      const k = JSON.stringify([p, t]);
      cell.set(k, (cell.get(k) ?? 0) + 1);
    }
  }
  const sum = (m: Map<string, number>) => [...m.values()].reduce((s, n) => s + pairs(n), 0);
  const truePairs = sum(cell);
  const predictedPairs = sum(pred);
  const truthPairs = sum(tru);
  const precision = predictedPairs === 0 ? null : truePairs / predictedPairs;
  const recall = truthPairs === 0 ? null : truePairs / truthPairs;
  const f1 = precision === null || recall === null ? null : precision + recall === 0 ? 0 : (2 * precision * recall) / (precision + recall);
  return { truePairs, predictedPairs, truthPairs, precision, recall, f1 };
}

/** Clusters by shared phone: any two items showing a common number are one cluster (union-find). */
export function phoneClusters(phones: readonly (readonly string[])[]): (string | null)[] {
  const parent = phones.map((_, i) => i);
  const find = (i: number): number => {
    while (parent[i] !== i) {
      parent[i] = parent[parent[i]!]!;
      i = parent[i]!;
    }
    return i;
  };
  const owner = new Map<string, number>();
  phones.forEach((list, i) => {
    for (const ph of list) {
      const j = owner.get(ph);
      if (j === undefined) owner.set(ph, i);
      else parent[find(i)] = find(j);
    }
  });
  return phones.map((list, i) => (list.length === 0 ? null : `phone:${find(i)}`));
}
