// Run by stale-runs.test.ts in a child process: opens the database named in KARTLA_TEST_OPEN,
// starts a run with one site run, prints the ids, and waits to be killed (kill -9), like a
// mapping process that dies mid-run.

import { openDatabase } from '../../src/store/database.ts';
import { startRun, startSiteRun, upsertSites } from '../../src/store/run-store.ts';

const db = await openDatabase(JSON.parse(process.env.KARTLA_TEST_OPEN ?? '{}'));
await upsertSites(db, [{ id: 'doomed-site', name: 'Doomed' }]);
const run = await startRun(db, { label: 'doomed' });
const siteRun = await startSiteRun(db, run.id, 'doomed-site');
process.stdout.write(`${JSON.stringify({ runId: run.id, siteRunId: siteRun.id })}\n`);
setInterval(() => {}, 60_000);
