// writeSnapshots throughput: 5,000 synthetic profiles with one or two phones each, in the batches
// the crawler uses, first as new profiles and then as a second run over the same profiles (the
// update path). The ratio of the second half's time to the first half's shows whether writing
// stays linear as the tables grow (a bad query plan shows as a ratio far above 1).

import { finishRun, finishSiteRun, startRun, startSiteRun, upsertSites, writeSnapshots } from '../src/store/run-store.ts';
import type { Database } from '../src/store/database.ts';
import { manyProfiles } from '../tests/store/fixtures.ts';

const PROFILES = 5_000;
const BATCH = 250;

export interface WriteFigures {
  newPerSecond: number;
  knownPerSecond: number;
  /** Second half's time over the first half's, on the update path. */
  secondHalfRatio: number;
}

async function timedRun(db: Database, label: string) {
  const run = await startRun(db, { label });
  const siteRun = await startSiteRun(db, run.id, 'bulk');
  const ctx = { runId: run.id, siteRunId: siteRun.id, siteId: 'bulk' };
  const profiles = manyProfiles('bulk', PROFILES);
  let firstHalfMs = 0;
  let secondHalfMs = 0;
  const started = performance.now();
  for (let i = 0; i < profiles.length; i += BATCH) {
    const t = performance.now();
    await writeSnapshots(db, ctx, profiles.slice(i, i + BATCH));
    if (i < profiles.length / 2) firstHalfMs += performance.now() - t;
    else secondHalfMs += performance.now() - t;
  }
  const ms = performance.now() - started;
  await finishSiteRun(db, siteRun.id, { status: 'ok', pagesFetched: 0, profilesFound: PROFILES, errorCount: 0, errors: [], durationMs: ms });
  await finishRun(db, run.id, 'completed');
  return { perSecond: (PROFILES / ms) * 1000, ratio: secondHalfMs / firstHalfMs };
}

export async function benchSnapshotWrite(db: Database): Promise<WriteFigures> {
  await upsertSites(db, [
    { id: 'bulk', name: 'Bulk' },
    { id: 'warm-up', name: 'Warm-up' },
  ]);
  // The first queries of a process pay for compiling (Prisma's query compiler, PGlite's Wasm).
  const run = await startRun(db, { label: 'warm-up' });
  const siteRun = await startSiteRun(db, run.id, 'warm-up');
  for (let i = 0; i < 1_000; i += BATCH) {
    await writeSnapshots(db, { runId: run.id, siteRunId: siteRun.id, siteId: 'warm-up' }, manyProfiles('warm-up', BATCH, i));
  }
  await finishRun(db, run.id, 'completed');
  const fresh = await timedRun(db, 'new profiles');
  const again = await timedRun(db, 'known profiles');
  return { newPerSecond: fresh.perSecond, knownPerSecond: again.perSecond, secondHalfRatio: again.ratio };
}
