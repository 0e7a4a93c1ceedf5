// `kartla clusters`, `kartla cluster --run` and `kartla cluster show` as a user runs them, against
// a real PostgreSQL database: filters, masked numbers unless --reveal, and clear errors (exit 2).

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { clusterRun } from '../../src/cluster/cluster-run.ts';
import { openDatabase, type Database } from '../../src/store/database.ts';
import { finishRun, finishSiteRun, startRun, startSiteRun, upsertSites, writeSnapshots } from '../../src/store/run-store.ts';
import { createPostgresDatabase, postgresSkipReason } from '../helpers/test-databases.ts';
import { runCli } from '../helpers/run-cli.ts';
import { fictionalPhone, location, makeProfile, phoneInfo } from '../store/fixtures.ts';

const TELEGRAM = { kind: 'telegram' as const, value: 'kartla_cli_test', source: 'telegram-link' as const };
const MALMO = location({ raw: 'Malmö', locality: 'Malmö', kommunCode: '1280', lanCode: '12', policeRegion: 'Syd' });

describe.skipIf(postgresSkipReason() !== null)('kartla clusters and kartla cluster', () => {
  let pg: Awaited<ReturnType<typeof createPostgresDatabase>>;
  let db: Database;
  let runId: number;
  const cli = (args: string[]) => runCli(args, { env: { DATABASE_URL: pg.url } });

  beforeAll(async () => {
    pg = await createPostgresDatabase();
    db = await openDatabase({ databaseUrl: pg.url });
    await upsertSites(db, [{ id: 'alpha', name: 'Alpha' }]);
    const r = await startRun(db, { label: 'cli', options: { clustering: { ignorePhones: [fictionalPhone(9)] } } });
    const siteRun = await startSiteRun(db, r.id, 'alpha');
    const profiles = [
      // Three in Stockholm and Malmö on number 1; two in Stockholm on number 2; two on the ignored number 9.
      ...[1, 2].map((n) => makeProfile('alpha', n, { phones: [phoneInfo(1)] })),
      makeProfile('alpha', 3, { phones: [phoneInfo(1)], location: MALMO }),
      ...[4, 5].map((n) => makeProfile('alpha', n, { phones: [phoneInfo(2)] })),
      ...[6, 7].map((n) => makeProfile('alpha', n, { phones: [phoneInfo(9)] })),
      // No shared number, but the Telegram user of 4: tied to 4 and 5 in the combined view only.
      makeProfile('alpha', 8, { phones: [phoneInfo(8)], contacts: [TELEGRAM] }),
    ];
    profiles[3]!.contacts = [TELEGRAM];
    await writeSnapshots(db, { runId: r.id, siteRunId: siteRun.id, siteId: 'alpha' }, profiles);
    await finishSiteRun(db, siteRun.id, { status: 'ok', pagesFetched: 1, profilesFound: profiles.length, errorCount: 0, errors: [], failureReason: null, durationMs: 1 });
    await finishRun(db, r.id, 'completed');
    runId = r.id;
    await clusterRun(db, runId); // without the ignore list: 6 and 7 form a third cluster
  });
  afterAll(async () => {
    await db?.close();
    await pg?.drop();
  });

  it('clusters a run again with the settings stored with it', async () => {
    const r = await cli(['cluster', '--run', 'latest']);
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/2 clusters holding 5 profiles, the largest 3; .*2 links through ignored numbers left out/);
  });

  it('lists clusters with filters, and without phone numbers', async () => {
    const all = await cli(['clusters']);
    expect(all.code).toBe(0);
    expect(all.stdout).not.toMatch(/\d{7}/);
    expect(all.stdout).toMatch(/Clusters of run \d+/);

    const big = await cli(['clusters', '--min-size', '3', '--json']);
    const parsed = JSON.parse(big.stdout) as { total: number; clusters: { id: number; size: number }[] };
    expect(parsed.total).toBe(1);
    expect(parsed.clusters[0]!.size).toBe(3);

    const syd = JSON.parse((await cli(['clusters', '--region', 'syd', '--json'])).stdout) as { clusters: { id: number }[] };
    expect(syd.clusters.map((c) => c.id)).toEqual([parsed.clusters[0]!.id]);
  });

  it('shows one cluster with masked numbers, in full with --reveal', async () => {
    const list = JSON.parse((await cli(['clusters', '--min-size', '3', '--json'])).stdout) as { clusters: { id: number }[] };
    const id = list.clusters[0]!.id;
    const masked = await cli(['cluster', 'show', String(id)]);
    expect(masked.code).toBe(0);
    expect(masked.stdout).toMatch(new RegExp(`Cluster ${id} in run ${runId}: 3 profiles, 1 numbers, 1 sites`));
    expect(masked.stdout).toMatch(/police regions: Stockholm, Syd/);
    expect(masked.stdout).not.toContain(fictionalPhone(1));
    expect(masked.stdout).toMatch(/numbers masked; --reveal shows them/);
    // Every part of the priority explained in words, never an object dumped.
    expect(masked.stdout).toMatch(/\+9\.5 shared-phone: shared phone: .* = 9\.5/);
    expect(masked.stdout).not.toContain('[object Object]');
    const revealed = await cli(['cluster', 'show', String(id), '--reveal']);
    expect(revealed.stdout).toContain(fictionalPhone(1));
  });

  it('shows what ties a combined cluster, with contacts masked unless --reveal', async () => {
    const list = JSON.parse((await cli(['clusters', '--view', 'combined', '--min-size', '3', '--json'])).stdout) as { clusters: { id: number; size: number }[] };
    const withTelegram = [];
    for (const c of list.clusters) {
      const detail = JSON.parse((await cli(['cluster', 'show', String(c.id), '--json'])).stdout) as { links: { kind: string }[] };
      if (detail.links.some((l) => l.kind === 'telegram')) withTelegram.push(c.id);
    }
    expect(withTelegram).toHaveLength(1);
    const id = withTelegram[0]!;
    const masked = await cli(['cluster', 'show', String(id)]);
    expect(masked.code).toBe(0);
    expect(masked.stdout).toMatch(/same phone number [^:\n]+ … \d\d: #\d+, #\d+/);
    expect(masked.stdout).toMatch(/same Telegram user ka…: #\d+, #\d+/);
    expect(masked.stdout).not.toContain(TELEGRAM.value);
    const json = JSON.parse((await cli(['cluster', 'show', String(id), '--json'])).stdout) as { links: { kind: string; value: string }[] };
    expect(json.links.map((l) => l.kind).sort()).toEqual(['phone', 'telegram']);
    expect(JSON.stringify(json)).not.toContain(TELEGRAM.value);
    expect(JSON.stringify(json)).not.toContain(fictionalPhone(2));
    const revealed = await cli(['cluster', 'show', String(id), '--reveal']);
    expect(revealed.stdout).toContain(`same Telegram user ${TELEGRAM.value}`);
  });

  it('says clearly what is wrong (exit 2)', async () => {
    const region = await cli(['clusters', '--region', 'Atlantis']);
    expect(region.code).toBe(2);
    expect(region.stderr).toMatch(/"Atlantis" is not a police region; use one of Bergslagen, Mitt/);
    const indicator = await cli(['clusters', '--indicator', 'sus']);
    expect(indicator.code).toBe(2);
    expect(indicator.stderr).toMatch(/Allowed choices are shared-phone/);
    const missing = await cli(['cluster', 'show', '99999']);
    expect(missing.code).toBe(2);
    expect(missing.stderr).toMatch(/no cluster with id 99999/);
    const notNumber = await cli(['cluster', 'show', 'abc']);
    expect(notNumber.code).toBe(2);
    const nothing = await cli(['cluster']);
    expect(nothing.code).toBe(2);
    expect(nothing.stderr).toMatch(/needs --run <id\|latest> to cluster a run, or `show <id>`/);
  });
});
