// `kartla compare` as a user runs it, against a real PostgreSQL database: the table of changes,
// the JSON, and clear errors (exit 2) when there is nothing to compare.

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openDatabase, type Database } from '../../src/store/database.ts';
import { finishRun, finishSiteRun, startRun, startSiteRun, upsertSites, writeSnapshots } from '../../src/store/run-store.ts';
import { createPostgresDatabase, postgresSkipReason } from '../helpers/test-databases.ts';
import { runCli } from '../helpers/run-cli.ts';
import { location, makeProfile } from '../store/fixtures.ts';

const GOTEBORG = location({ raw: 'Göteborg', locality: 'Göteborg', kommunCode: '1480', lanCode: '14', policeRegion: 'Väst' });

describe.skipIf(postgresSkipReason() !== null)('kartla compare', () => {
  let pg: Awaited<ReturnType<typeof createPostgresDatabase>>;
  let db: Database;
  const cli = (args: string[]) => runCli(['compare', ...args], { env: { DATABASE_URL: pg.url } });

  async function run(profiles: ReturnType<typeof makeProfile>[]): Promise<number> {
    const r = await startRun(db, { label: null });
    const siteRun = await startSiteRun(db, r.id, 'alpha');
    await writeSnapshots(db, { runId: r.id, siteRunId: siteRun.id, siteId: 'alpha' }, profiles);
    await finishSiteRun(db, siteRun.id, { status: 'ok', pagesFetched: 1, profilesFound: profiles.length, errorCount: 0, errors: [], failureReason: null, durationMs: 1 });
    await finishRun(db, r.id, 'completed');
    return r.id;
  }

  beforeAll(async () => {
    pg = await createPostgresDatabase();
    db = await openDatabase({ databaseUrl: pg.url });
    await upsertSites(db, [{ id: 'alpha', name: 'Alpha' }]);
  });
  afterAll(async () => {
    await db?.close();
    await pg?.drop();
  });

  it('says there is nothing to compare on an empty database, then with a single run', async () => {
    const empty = await cli([]);
    expect(empty.code).toBe(2);
    expect(empty.stderr).toMatch(/no mapping runs/);

    await run([makeProfile('alpha', 1)]);
    const single = await cli([]);
    expect(single.code).toBe(2);
    expect(single.stderr).toMatch(/earliest finished run.*Give --from <id>/);
  });

  it('rejects a run reference that is not a run', async () => {
    const bad = await cli(['--from', 'last-year']);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toMatch(/"last-year" is not a run id/);
    const missing = await cli(['--to', '99999']);
    expect(missing.code).toBe(2);
    expect(missing.stderr).toMatch(/no run with id 99999/);
  });

  it('prints the changes against the run before, as a table or as JSON', async () => {
    const second = await run([makeProfile('alpha', 1, { location: GOTEBORG }), makeProfile('alpha', 2)]);
    const table = await cli([]);
    expect(table.code).toBe(0);
    expect(table.stdout).toMatch(new RegExp(`Run ${second - 1} → run ${second}`));
    expect(table.stdout).toMatch(/1 appeared, 0 disappeared, 1 moved municipality/);
    expect(table.stdout).toMatch(/Stockholm → Väst: 1/);

    const json = await cli(['--from', String(second - 1), '--to', String(second), '--json']);
    expect(json.code).toBe(0);
    const parsed = JSON.parse(json.stdout) as { appeared: { key: string }[]; moved: { fromKommun: string; toKommun: string }[] };
    expect(parsed.appeared.map((a) => a.key)).toEqual(['id:2']);
    expect(parsed.moved).toEqual([expect.objectContaining({ fromKommun: '0180', toKommun: '1480' })]);
  });
});
