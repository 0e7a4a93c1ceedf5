// The hand-kept SQL migrations against the Prisma schema, on both drivers: after migrating, every
// model of the generated client can be created and read back, every scalar field has a column of
// the right type, and every enum has the same values. Models, fields and enums are enumerated
// from the generated client, so a new one is checked without touching this file; a new model
// also needs a row in `creators`, which the type system demands.

import { beforeAll, afterAll, expect, it } from 'vitest';
import { Prisma } from '../../src/generated/prisma/client.ts';
import * as generatedEnums from '../../src/generated/prisma/enums.ts';
import { describeDrivers, openTestDatabase, type TestDatabase } from '../helpers/test-databases.ts';
import { fictionalPhone } from './fixtures.ts';

interface RuntimeField {
  name: string;
  kind: 'scalar' | 'object' | 'enum' | 'unsupported';
  type: string;
  dbName?: string | null;
}
interface RuntimeModel {
  dbName: string | null;
  fields: RuntimeField[];
}

/** The data model the generated client was built from (names, kinds, column names). */
function runtimeModels(db: TestDatabase): Record<string, RuntimeModel> {
  const model = (db.prisma as unknown as { _runtimeDataModel?: { models: Record<string, RuntimeModel> } })._runtimeDataModel;
  if (!model?.models) throw new Error('Prisma Client no longer exposes _runtimeDataModel: update this test to read the data model elsewhere.');
  return model.models;
}

const modelNames = Object.values(Prisma.ModelName);

type Made = Partial<Record<Prisma.ModelName, Record<string, unknown>>>;

const at = new Date('2026-11-02T03:04:05.678Z');

// One row per model, every optional field set, so that every column is written and read. In
// dependency order: each may use the rows made before it.
const creators: { [M in Prisma.ModelName]: (db: TestDatabase, made: Made) => Promise<Record<string, unknown>> } = {
  AuditEvent: (db) => db.prisma.auditEvent.create({ data: { at, actor: 'os:parity', action: 'reveal', target: 'export run 1', detail: { out: 'x' }, source: 'cli' } }),
  AppUser: (db) =>
    db.prisma.appUser.create({
      data: {
        name: 'parity-user',
        role: 'outreach',
        region: 'Syd',
        passwordHash: 'scrypt$parity',
        disabled: false,
        failedLogins: 1,
        lockedUntil: at,
        createdAt: at,
        passwordChangedAt: at,
        lastLoginAt: at,
      },
    }),
  WebSession: (db, made) =>
    db.prisma.webSession.create({ data: { tokenHash: 'a'.repeat(64), userId: made.AppUser!.id as number, createdAt: at, expiresAt: at, lastSeenAt: at } }),
  Alert: (db, made) =>
    db.prisma.alert.create({
      data: {
        runId: made.MappingRun!.id as number,
        siteId: 'parity-site',
        kind: 'profiles-drop',
        severity: 'critical',
        message: 'site parity-site: profiles -80% vs last run',
        metrics: { profiles: 20, baseline: 100 },
        createdAt: at,
        notifiedAt: at,
        notifyError: 'HTTP 500 from webhook',
      },
    }),
  Site: (db) => db.prisma.site.create({ data: { id: 'parity-site', name: 'Parity', groupName: 'Parity group', createdAt: at } }),
  MappingRun: (db) =>
    db.prisma.mappingRun.create({
      data: { label: 'parity', status: 'completed', startedAt: at, finishedAt: at, options: { sites: ['parity-site'], n: 1 } },
    }),
  SiteRun: (db, made) =>
    db.prisma.siteRun.create({
      data: {
        runId: made.MappingRun!.id as number,
        siteId: made.Site!.id as string,
        status: 'partial',
        startedAt: at,
        finishedAt: at,
        durationMs: 1234,
        pagesFetched: 5,
        profilesFound: 4,
        errorCount: 1,
        errors: [{ url: 'https://parity-site.example/x', reason: 'HTTP 500', kind: 'http' }],
        failureReason: 'one page failed',
        attempts: 2,
        health: { errorsByKind: { http: 1 }, fillRates: { age: 0.75 }, blocking: false },
      },
    }),
  Profile: (db, made) =>
    db.prisma.profile.create({
      data: {
        siteId: made.Site!.id as string,
        key: 'id:42',
        url: 'https://parity-site.example/p/42',
        urlEnc: 'k1.parity.iv.body',
        externalId: '42',
        firstSeenAt: at,
        lastSeenAt: at,
      },
    }),
  ProfileSnapshot: (db, made) =>
    db.prisma.profileSnapshot.create({
      data: {
        runId: made.MappingRun!.id as number,
        siteRunId: made.SiteRun!.id as number,
        profileId: made.Profile!.id as number,
        observedAt: at,
        url: 'https://parity-site.example/p/42',
        urlEnc: 'k1.parity.iv.body',
        rawPhonesEnc: 'k1.parity.iv.phones',
        rawContactsEnc: 'k1.parity.iv.contacts',
        statedAge: 29,
        ageBand: '24-29',
        minorCue: true,
        minorCueEvidence: ['parity cue'],
        gender: 'couple',
        locationRaw: 'Göteborg centrum',
        locality: 'Göteborg',
        kommunCode: '1480',
        lanCode: '14',
        policeRegion: 'Väst',
        lat: 57.7,
        lon: 11.97,
        places: [{ kommunCode: '1480' }],
        locationUnresolved: true,
        descriptionHash: 'a'.repeat(64),
        rawFields: { title: 'Parity', category: 'x' },
        rawText: { description: 'parity text' },
        rawPhones: [{ text: '+46701740642', source: 'text' }],
        normalisedAt: at,
        indicators: [{ code: 'third-party', evidence: ['ny tjej i stan'] }],
        photoHash: '0f1e2d3c4b5a6978',
        fieldSources: { age: { via: 'label', detail: 'Ålder', confidence: 0.9 } },
        rawContacts: [{ text: 'Telegram: @parity_ad', source: 'text' }],
      },
    }),
  Phone: (db) => db.prisma.phone.create({ data: { e164: fictionalPhone(99), hash: 'f'.repeat(64), e164Enc: 'k1.parity.iv.phone', country: 'SE', type: 'voip' } }),
  SnapshotPhone: (db, made) =>
    db.prisma.snapshotPhone.create({
      data: { snapshotId: made.ProfileSnapshot!.id as number, phoneId: made.Phone!.id as number, source: 'tel-link' },
    }),
  Contact: (db) => db.prisma.contact.create({ data: { kind: 'email', value: 'parity@mail.example', hash: 'e'.repeat(64), valueEnc: 'k1.parity.iv.contact' } }),
  SnapshotContact: (db, made) =>
    db.prisma.snapshotContact.create({
      data: { snapshotId: made.ProfileSnapshot!.id as number, contactId: made.Contact!.id as number, source: 'mailto-link' },
    }),
  Cluster: (db, made) =>
    db.prisma.cluster.create({
      data: { view: 'combined', firstRunId: made.MappingRun!.id as number, lastRunId: made.MappingRun!.id as number, createdAt: at },
    }),
  ClusterRun: (db, made) =>
    db.prisma.clusterRun.create({
      data: {
        clusterId: made.Cluster!.id as number,
        runId: made.MappingRun!.id as number,
        view: 'combined',
        size: 3,
        phones: 2,
        sites: 1,
        facts: { profiles: 3, sites: ['parity-site'] },
        indicators: [{ code: 'shared-phone' }],
        priority: 4.5,
        priorityParts: [{ code: 'shared-phone', points: 4.5 }],
      },
    }),
  ClusterMember: (db, made) =>
    db.prisma.clusterMember.create({
      data: { runId: made.MappingRun!.id as number, view: 'combined', profileId: made.Profile!.id as number, clusterId: made.Cluster!.id as number },
    }),
  ClusterEvent: (db, made) =>
    db.prisma.clusterEvent.create({
      data: { runId: made.MappingRun!.id as number, view: 'combined', kind: 'merge', clusterId: made.Cluster!.id as number, related: [7, 9], createdAt: at },
    }),
  ClusterLink: (db, made) =>
    db.prisma.clusterLink.create({
      data: {
        runId: made.MappingRun!.id as number,
        view: 'combined',
        clusterId: made.Cluster!.id as number,
        kind: 'photo',
        profileAId: made.Profile!.id as number,
        profileBId: made.Profile!.id as number,
        phoneId: made.Phone!.id as number,
        contactId: made.Contact!.id as number,
        similarity: 0.5,
        distance: 3,
      },
    }),
  CaseNote: (db, made) =>
    db.prisma.caseNote.create({
      data: {
        clusterId: made.Cluster!.id as number,
        phoneId: made.Phone!.id as number,
        status: 'contacted',
        note: 'Parity note',
        noteDate: '2026-11-02',
        authorId: made.AppUser!.id as number,
        region: 'Syd',
        createdAt: at,
      },
    })
};

const PG_TYPES: Record<string, string> = {
  String: 'text',
  Int: 'integer',
  BigInt: 'bigint',
  Float: 'double precision',
  Decimal: 'numeric',
  Boolean: 'boolean',
  DateTime: 'timestamp without time zone',
  Json: 'jsonb',
  Bytes: 'bytea',
};

function delegate(db: TestDatabase, model: string) {
  const name = model.charAt(0).toLowerCase() + model.slice(1);
  return (db.prisma as unknown as Record<string, { findMany(args?: object): Promise<Record<string, unknown>[]> }>)[name]!;
}

describeDrivers('schema parity', (driver) => {
  let db: TestDatabase;
  beforeAll(async () => {
    db = await openTestDatabase(driver);
  });
  afterAll(async () => {
    await db?.drop();
  });

  it('knows every model of the generated client', () => {
    expect(Object.keys(runtimeModels(db)).sort()).toEqual([...modelNames].sort());
    expect(Object.keys(creators).sort()).toEqual([...modelNames].sort());
  });

  it('has a table for every model and no table without a model', async () => {
    const rows = await db.prisma.$queryRaw<{ table_name: string }[]>`
      SELECT table_name::text AS table_name FROM information_schema.tables
       WHERE table_schema = current_schema() AND table_name <> '_prisma_migrations'`;
    const expected = Object.entries(runtimeModels(db)).map(([name, m]) => m.dbName ?? name);
    expect(rows.map((r) => r.table_name).sort()).toEqual(expected.sort());
  });

  it('has a column of the right type for every scalar and enum field', async () => {
    const columns = await db.prisma.$queryRaw<{ table_name: string; column_name: string; data_type: string; udt_name: string }[]>`
      SELECT table_name::text AS table_name, column_name::text AS column_name,
             data_type::text AS data_type, udt_name::text AS udt_name
        FROM information_schema.columns WHERE table_schema = current_schema()`;
    const byKey = new Map(columns.map((c) => [`${c.table_name}.${c.column_name}`, c]));
    const problems: string[] = [];
    for (const [name, model] of Object.entries(runtimeModels(db))) {
      const table = model.dbName ?? name;
      for (const field of model.fields) {
        if (field.kind === 'object') continue;
        const column = byKey.get(`${table}.${field.dbName ?? field.name}`);
        if (!column) {
          problems.push(`${name}.${field.name}: no column ${table}.${field.dbName ?? field.name}`);
        } else if (field.kind === 'enum') {
          if (column.data_type !== 'USER-DEFINED' || column.udt_name !== field.type) {
            problems.push(`${name}.${field.name}: column is ${column.data_type}/${column.udt_name}, expected enum ${field.type}`);
          }
        } else if (PG_TYPES[field.type] !== column.data_type) {
          problems.push(`${name}.${field.name}: column is ${column.data_type}, expected ${PG_TYPES[field.type] ?? field.type}`);
        }
      }
    }
    expect(problems).toEqual([]);
  });

  it('has every enum with the same values in the same order', async () => {
    const rows = await db.prisma.$queryRaw<{ typname: string; labels: string[] }[]>`
      SELECT t.typname::text AS typname, array_agg(e.enumlabel::text ORDER BY e.enumsortorder) AS labels
        FROM pg_type t JOIN pg_enum e ON e.enumtypid = t.oid
        JOIN pg_namespace n ON n.oid = t.typnamespace AND n.nspname = current_schema()
       GROUP BY t.typname`;
    const inDatabase = Object.fromEntries(rows.map((r) => [r.typname, r.labels]));
    const inClient = Object.fromEntries(Object.entries(generatedEnums).map(([name, values]) => [name, Object.values(values)]));
    expect(Object.keys(inClient).length).toBeGreaterThan(0);
    expect(inDatabase).toEqual(inClient);
  });

  it('creates and reads back a row of every model through the generated client', async () => {
    const made: Made = {};
    for (const name of modelNames) {
      const created = await creators[name](db, made);
      made[name] = created;
      const scalars = runtimeModels(db)[name]!.fields.filter((f) => f.kind !== 'object');
      // Every column is exercised: a fixture that leaves a field null would not prove it round-trips.
      const unset = scalars.filter((f) => created[f.name] === null || created[f.name] === undefined).map((f) => f.name);
      expect(unset, `${name}: set these fields in the fixture`).toEqual([]);

      const read = await delegate(db, name).findMany();
      expect(read, name).toHaveLength(1);
      expect(read[0], name).toEqual(created);
    }
    // DateTime round-trips to the millisecond, in UTC, whatever the session time zone.
    expect((made.ProfileSnapshot!.observedAt as Date).toISOString()).toBe(at.toISOString());
  });

  it('applies the relations onDelete rules of the schema', async () => {
    // Deleting a run cascades to its site runs, snapshots and their phone links; profiles,
    // phones and sites stay (they belong to the history of every run).
    const run = await db.prisma.mappingRun.findFirstOrThrow({ where: { label: 'parity' } });
    await expect(db.prisma.site.delete({ where: { id: 'parity-site' } })).rejects.toThrow();
    await db.prisma.mappingRun.delete({ where: { id: run.id } });
    expect(await db.prisma.siteRun.count()).toBe(0);
    expect(await db.prisma.profileSnapshot.count()).toBe(0);
    expect(await db.prisma.snapshotPhone.count()).toBe(0);
    expect(await db.prisma.profile.count()).toBe(1);
    expect(await db.prisma.phone.count()).toBe(1);
  });
});
