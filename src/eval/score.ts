// Scores a run's export against a ground truth: did it find the profiles, read their facts right,
// find their numbers, and group them into the right organisations? Pure, so the national demo, the
// benchmarks and the tests all score the same way. Profiles are matched by canonical URL, the one
// key both sides have whatever the site's id scheme.

import { canonicalUrl } from '../extract/url.ts';
import type { ExportRecord } from '../model/export-record.ts';
import type { AgeBand, Gender } from '../model/profile.ts';
import { pairScore, phoneClusters, type PairScore } from './clusters.ts';

export interface TruthProfile {
  site: string;
  /** Canonical absolute URL of the profile page. */
  url: string;
  externalId: string | null;
  age: number | null;
  ageBand: AgeBand;
  gender: Gender;
  locality: string | null;
  kommunCode: string | null;
  lanCode: string | null;
  policeRegion: string | null;
  /** E.164, sorted, each once. */
  phones: string[];
  /** Organisation id; null for an independent advertiser. */
  organisation: string | null;
  /** `telegram:<user>` / `email:<address>` as the export writes them; absent when the truth does not know. */
  contacts?: string[];
  minorCue: boolean;
  /**
   * A buyer's review of the ad carries a distress cue (national web only). Not scored: it is the
   * truth a later review reader will be measured against.
   */
  reviewDistress?: boolean;
}

export interface IdentifierScore {
  truePairs: number;
  runPairs: number;
  truthPairs: number;
  precision: number | null;
  recall: number | null;
}

export const SCORED_FIELDS = ['age', 'ageBand', 'gender', 'kommunCode', 'lanCode', 'policeRegion', 'locality', 'minorCue'] as const;
export type ScoredField = (typeof SCORED_FIELDS)[number];

export interface Ratio {
  hits: number;
  of: number;
  /** null when `of` is zero. */
  rate: number | null;
}

export interface CountRow {
  key: string;
  run: number;
  truth: number;
}

export interface RunScore {
  profiles: {
    truth: number;
    run: number;
    matched: number;
    /** Share of the truth's profiles the run found. */
    recall: number | null;
    /** Share of the run's records that are truth profiles (a repeated URL counts against it). */
    precision: number | null;
    missing: string[];
    unexpected: string[];
  };
  /** Over matched profiles only, so a missed profile is not also counted as a wrong field. */
  fields: Record<ScoredField, Ratio>;
  /** Over every (profile, phone) pair of the run and of the truth. */
  phones: IdentifierScore;
  /** Over matched profiles: the share whose set of numbers is exactly the truth's (none = none). */
  phoneSets: Ratio;
  /** The same over (profile, contact) pairs; null when the truth holds no contacts. */
  contacts: IdentifierScore | null;
  /** Over matched profiles: the run's clusterId (null = own cluster) and a shared-phone baseline. */
  clustering: { predicted: PairScore; phoneBaseline: PairScore; combined: PairScore | null };
  counts: { site: CountRow[]; gender: CountRow[]; ageBand: CountRow[]; policeRegion: CountRow[] };
}

export interface ScoreOptions {
  /** How URLs are made comparable; canonicalUrl() by default. */
  canonical?: (url: string) => string;
  /**
   * Numbers the shared-phone baseline ignores (switchboards, or the national demo's collision
   * numbers): sharing one says nothing about who runs an ad. Phone precision/recall still count them.
   */
  baselineIgnoresPhones?: ReadonlySet<string> | readonly string[];
  /** The run's combined-view cluster of each profile URL (a URL not in the map: a cluster of its own). */
  combinedClusterIds?: ReadonlyMap<string, string>;
}

function defaultCanonical(url: string): string {
  return canonicalUrl(url) ?? url;
}

const rate = (n: number, of: number): number | null => (of === 0 ? null : n / of);

function fieldValue(x: ExportRecord | TruthProfile, field: ScoredField): unknown {
  const v = x[field];
  if (field === 'gender') return v ?? 'unknown';
  if (typeof v === 'string') return v.normalize('NFC');
  return v;
}

function countRows<T, U>(run: readonly T[], truth: readonly U[], keyRun: (r: T) => string, keyTruth: (t: U) => string): CountRow[] {
  const rows = new Map<string, CountRow>();
  const row = (key: string) => rows.get(key) ?? rows.set(key, { key, run: 0, truth: 0 }).get(key)!;
  for (const r of run) row(keyRun(r)).run += 1;
  for (const t of truth) row(keyTruth(t)).truth += 1;
  return [...rows.values()].sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0));
}

export function scoreRun(records: readonly ExportRecord[], truth: readonly TruthProfile[], opts: ScoreOptions = {}): RunScore {
  const canonical = opts.canonical ?? defaultCanonical;
  // Scoring matches records to the truth by URL, so it reads an export made with reveal.
  const canon = (url: string | null) => {
    if (url === null) throw new Error('scoring needs records with their URLs: export them with reveal');
    return canonical(url);
  };
  const truthByUrl = new Map(truth.map((t) => [canon(t.url), t]));
  const matched: { record: ExportRecord; truth: TruthProfile }[] = [];
  const seen = new Set<string>();
  const unexpected: string[] = [];
  for (const r of records) {
    const url = canon(r.url);
    const t = truthByUrl.get(url);
    if (!t || seen.has(url)) {
      unexpected.push(r.url!);
      continue;
    }
    seen.add(url);
    matched.push({ record: r, truth: t });
  }
  const missing = [...truthByUrl.keys()].filter((u) => !seen.has(u));

  const fields = {} as Record<ScoredField, Ratio>;
  for (const f of SCORED_FIELDS) {
    const hits = matched.filter(({ record, truth: t }) => fieldValue(record, f) === fieldValue(t, f)).length;
    fields[f] = { hits, of: matched.length, rate: rate(hits, matched.length) };
  }

  const identifiers = (ofRecord: (r: ExportRecord) => readonly string[], ofTruth: (t: TruthProfile) => readonly string[]): IdentifierScore => {
    const pairKeys = (url: string | null, values: readonly string[]) => values.map((v) => `${canon(url)}\u0000${v}`);
    const runPairs = new Set(records.flatMap((r) => pairKeys(r.url, ofRecord(r))));
    const truthPairs = new Set(truth.flatMap((t) => pairKeys(t.url, ofTruth(t))));
    const truePairs = [...runPairs].filter((k) => truthPairs.has(k)).length;
    return { truePairs, runPairs: runPairs.size, truthPairs: truthPairs.size, precision: rate(truePairs, runPairs.size), recall: rate(truePairs, truthPairs.size) };
  };

  const sameSet = (a: readonly string[], b: readonly string[]) => {
    const x = new Set(a);
    const y = new Set(b);
    return x.size === y.size && [...x].every((v) => y.has(v));
  };
  const phoneSetHits = matched.filter(({ record, truth: t }) => sameSet(record.phones, t.phones)).length;

  const truthLabels = matched.map((m) => m.truth.organisation);
  const predicted = pairScore(
    matched.map((m) => m.record.clusterId),
    truthLabels,
  );
  const ignored = new Set(opts.baselineIgnoresPhones ?? []);
  const phoneBaseline = pairScore(phoneClusters(matched.map((m) => m.record.phones.filter((p) => !ignored.has(p)))), truthLabels);
  const combinedIds = opts.combinedClusterIds ? new Map([...opts.combinedClusterIds].map(([url, id]) => [canon(url), id])) : null;
  const combined = combinedIds ? pairScore(matched.map((m) => combinedIds.get(canon(m.record.url)) ?? null), truthLabels) : null;

  return {
    profiles: {
      truth: truthByUrl.size,
      run: records.length,
      matched: matched.length,
      recall: rate(matched.length, truthByUrl.size),
      precision: rate(matched.length, records.length),
      missing,
      unexpected,
    },
    fields,
    phones: identifiers((r) => r.phones, (t) => t.phones),
    phoneSets: { hits: phoneSetHits, of: matched.length, rate: rate(phoneSetHits, matched.length) },
    contacts: truth.some((t) => t.contacts !== undefined) ? identifiers((r) => r.contacts ?? [], (t) => t.contacts ?? []) : null,
    clustering: { predicted, phoneBaseline, combined },
    counts: {
      site: countRows(records, truth, (r) => r.site, (t) => t.site),
      gender: countRows(records, truth, (r) => r.gender ?? 'unknown', (t) => t.gender),
      ageBand: countRows(records, truth, (r) => r.ageBand, (t) => t.ageBand),
      policeRegion: countRows(records, truth, (r) => r.policeRegion ?? 'unknown', (t) => t.policeRegion ?? 'unknown'),
    },
  };
}

const pct = (x: number | null) => (x === null ? '-' : `${(100 * x).toFixed(1)}%`);

function table(rows: readonly (readonly string[])[]): string {
  const widths = rows[0]!.map((_, c) => Math.max(...rows.map((r) => r[c]!.length)));
  return rows.map((r) => r.map((cell, c) => (c === 0 ? cell.padEnd(widths[c]!) : cell.padStart(widths[c]!))).join('  ')).join('\n');
}

/** A readable scorecard: one table per question. */
export function formatScorecard(score: RunScore): string {
  const p = score.profiles;
  const out: string[] = [];
  out.push(
    table([
      ['Profiles', 'truth', 'run', 'matched', 'recall', 'precision'],
      ['', String(p.truth), String(p.run), String(p.matched), pct(p.recall), pct(p.precision)],
    ]),
  );
  out.push(
    table([
      ['Field', 'right', 'of', 'accuracy'],
      ...SCORED_FIELDS.map((f) => [f, String(score.fields[f].hits), String(score.fields[f].of), pct(score.fields[f].rate)]),
      ['phone set', String(score.phoneSets.hits), String(score.phoneSets.of), pct(score.phoneSets.rate)],
    ]),
  );
  const ph = score.phones;
  const co = score.contacts;
  out.push(
    table([
      ['Identifiers', 'right', 'run', 'truth', 'precision', 'recall'],
      ['(profile, number)', String(ph.truePairs), String(ph.runPairs), String(ph.truthPairs), pct(ph.precision), pct(ph.recall)],
      ...(co ? [['(profile, Telegram/e-mail)', String(co.truePairs), String(co.runPairs), String(co.truthPairs), pct(co.precision), pct(co.recall)]] : []),
    ]),
  );
  const c = score.clustering;
  out.push(
    table([
      ['Clustering (pairs)', 'precision', 'recall', 'F1'],
      ['run clusters (phones)', pct(c.predicted.precision), pct(c.predicted.recall), pct(c.predicted.f1)],
      ...(c.combined ? [['run clusters (combined view)', pct(c.combined.precision), pct(c.combined.recall), pct(c.combined.f1)]] : []),
      ['shared-phone baseline', pct(c.phoneBaseline.precision), pct(c.phoneBaseline.recall), pct(c.phoneBaseline.f1)],
    ]),
  );
  for (const [name, rows] of Object.entries(score.counts)) {
    out.push(table([[`By ${name}`, 'run', 'truth'], ...rows.map((r) => [r.key, String(r.run), String(r.truth)])]));
  }
  return out.join('\n\n');
}
