// Buffers normalised profiles and writes them in batches. All writes of a run go through one
// chain, one transaction per batch: the embedded database has a single connection, and a
// batch is either stored whole (snapshots with their phones) or not at all. A batch that meets a
// lost database connection is tried again with backoff until the server answers.

import type { NormalisedProfile } from '../model/profile.ts';
import { writeSnapshots } from '../store/run-store.ts';
import type { Database } from '../store/database.ts';
import { withStorageRetry } from './storage-retry.ts';

export interface SiteWriteContext {
  runId: number;
  siteRunId: number;
  siteId: string;
}

export interface SiteWriteTotals {
  written: number;
  duplicates: number;
  error: Error | null;
}

export class SnapshotWriter {
  private chain: Promise<void> = Promise.resolve();
  private readonly buffers = new Map<number, NormalisedProfile[]>();
  private readonly totals = new Map<number, SiteWriteTotals>();

  constructor(
    private readonly db: Database,
    private readonly batchSize = 250,
  ) {}

  /** Queues a profile; resolves once it is buffered or, when the buffer was full, written. */
  async add(ctx: SiteWriteContext, profile: NormalisedProfile): Promise<void> {
    const buffer = this.bufferOf(ctx);
    buffer.push(profile);
    if (buffer.length >= this.batchSize) await this.flush(ctx);
  }

  /** Writes what is buffered for a site; resolves when it (and every earlier batch) is stored. */
  flush(ctx: SiteWriteContext): Promise<void> {
    const batch = this.bufferOf(ctx).splice(0);
    const totals = this.totalsOf(ctx);
    if (batch.length > 0 && !totals.error) {
      this.chain = this.chain.then(async () => {
        if (totals.error) return;
        try {
          // A lost connection is retried with backoff; see storage-retry.ts.
          const outcome = await withStorageRetry(() => writeSnapshots(this.db, ctx, batch));
          totals.written += outcome.written;
          totals.duplicates += outcome.duplicates;
        } catch (error) {
          totals.error = error instanceof Error ? error : new Error(String(error));
        }
      });
    }
    return this.chain;
  }

  totalsFor(siteRunId: number): SiteWriteTotals {
    return this.totals.get(siteRunId) ?? { written: 0, duplicates: 0, error: null };
  }

  private bufferOf(ctx: SiteWriteContext): NormalisedProfile[] {
    let buffer = this.buffers.get(ctx.siteRunId);
    if (!buffer) this.buffers.set(ctx.siteRunId, (buffer = []));
    return buffer;
  }

  private totalsOf(ctx: SiteWriteContext): SiteWriteTotals {
    let totals = this.totals.get(ctx.siteRunId);
    if (!totals) this.totals.set(ctx.siteRunId, (totals = { written: 0, duplicates: 0, error: null }));
    return totals;
  }
}
