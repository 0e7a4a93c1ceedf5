// Declarative adapters in the sites file: inline, or `{ file: ... }` next to it. Both load into
// the SiteAdapter the engine applies; every mistake is one ConfigError line naming file, site and
// path; and a YAML adapter maps a demo site exactly as its code adapter does.

import { mkdirSync, mkdtempSync, readFileSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { adapterNames, getAdapter } from '../../crawlers/index.ts';
import { parseSites, loadSitesFile, type ResolvedSite } from '../../src/config/sites-loader.ts';
import { ConfigError } from '../../src/errors.ts';
import { DEMO_CRAWL, demoSitesAsResolved } from '../../src/demo/as-sites.ts';
import { startDemoSites, type DemoSites } from '../../src/demo/server.ts';
import { runMapping } from '../../src/crawl/mapping-run.ts';
import { exportRecords } from '../../src/store/run-queries.ts';
import type { ExportRecord } from '../../src/model/export-record.ts';
import { openTestDatabase, type TestDatabase } from '../helpers/test-databases.ts';

const known = { knownAdapters: ['alpha'] };

const INLINE = `
      listing:
        profileLinks: ".kort a"
        nextPage: 'a[rel="next"]'
      profile:
        externalId: { fromUrl: true, pattern: '-(\\d+)$' }
        fields:
          age: { label: Ålder, normaliser: age }
          location: [{ label: Stad }, { selector: ".ort" }]
        phones: { scope: article }
`;

/** A sites file with one site `x` whose `adapter:` is `adapter` (YAML, indented under the key). */
const sites = (adapter: string) =>
  `sites:\n  - id: x\n    name: X\n    startUrls: ["http://127.0.0.1:9/"]\n    local: true\n    adapter:${adapter}\n`;

function folder(): string {
  const dir = mkdtempSync(path.join(tmpdir(), 'kartla-yaml-adapter-'));
  mkdirSync(path.join(dir, 'adapters'));
  return dir;
}

/** The one message of the ConfigError that loading `text` as <dir>/sites.yaml throws. */
function errorOf(text: string, dir = folder()): string {
  const file = path.join(dir, 'sites.yaml');
  writeFileSync(file, text);
  try {
    loadSitesFile(file, known);
  } catch (error) {
    expect(error).toBeInstanceOf(ConfigError);
    const message = (error as Error).message;
    expect(message.split('\n'), message).toHaveLength(1);
    return message.replace(`${file}: `, 'sites.yaml: ');
  }
  throw new Error('expected a ConfigError');
}

function withAdapterFile(content: string | Buffer): string {
  const dir = folder();
  writeFileSync(path.join(dir, 'adapters', 'x.yaml'), content);
  return dir;
}

describe('declarative adapters in the sites file', () => {
  it('loads an inline adapter, named yaml:<site id> unless it names itself', () => {
    const [site] = parseSites(sites(INLINE), 'sites.yaml', known).sites;
    expect(site!.adapter).toBe('yaml:x');
    expect(site!.adapterSpec).toMatchObject({
      name: 'yaml:x',
      render: 'http',
      listing: { profileLinks: '.kort a', nextPage: 'a[rel="next"]' },
      profile: { fields: { age: { label: 'Ålder' }, location: [{ label: 'Stad' }, { selector: '.ort' }] }, phones: { scope: 'article' } },
    });
    // The normaliser name is checked, not passed on: the key chooses the normaliser.
    expect(site!.adapterSpec!.profile.fields.age).toEqual({ label: 'Ålder' });
    const named = parseSites(sites(`\n      name: my-site${INLINE}`), 'sites.yaml', known).sites[0]!;
    expect(named.adapter).toBe('my-site');
  });

  it('loads an adapter file relative to the sites file, and the same adapter inline', () => {
    const dir = withAdapterFile(INLINE.replace(/^ {6}/gm, ''));
    writeFileSync(path.join(dir, 'sites.yaml'), sites(' { file: adapters/x.yaml }'));
    const loaded = loadSitesFile(path.join(dir, 'sites.yaml'), known).sites[0]!;
    expect(loaded.adapter).toBe('yaml:x');
    expect(loaded.adapterSpec).toEqual(parseSites(sites(INLINE), 'sites.yaml', known).sites[0]!.adapterSpec);
  });

  it('keeps registry names working, with no adapterSpec', () => {
    const site = parseSites(sites(' alpha'), 'sites.yaml', known).sites[0]!;
    expect(site.adapter).toBe('alpha');
    expect(site.adapterSpec).toBeUndefined();
  });

  it('names the full path of a misspelt key', () => {
    expect(errorOf(sites(INLINE.replace('{ label: Ålder,', '{ selectr: x, label: Ålder,')))).toBe(
      'sites.yaml: site "x": field "adapter.profile.fields.age.selectr": unknown key (check the spelling; see README, "The sites file")',
    );
  });

  it('names a missing profileLinks', () => {
    expect(errorOf(sites(INLINE.replace('profileLinks: ".kort a"', 'listingLinks: "nav a"')))).toBe(
      'sites.yaml: site "x": field "adapter.listing.profileLinks": is required',
    );
  });

  it('names a bad selector and a bad regex', () => {
    expect(errorOf(sites(INLINE.replace('".kort a"', '".kort a[href"')))).toMatch(
      /^sites\.yaml: site "x": field "adapter\.listing\.profileLinks": invalid selector "\.kort a\[href" \(.+\)$/,
    );
    expect(errorOf(sites(INLINE.replace("'-(\\d+)$'", () => "'-(\\d+$'")))).toMatch(
      /^sites\.yaml: site "x": field "adapter\.profile\.externalId": invalid pattern "-\(\\\\d\+\$" \(.+\)$/,
    );
  });

  it('refuses a personal-name field without a reason, and an unknown or mismatched normaliser', () => {
    expect(errorOf(sites(INLINE.replace('age: {', 'namn: { label: Namn }\n          age: {')))).toMatch(
      /^sites\.yaml: site "x": field "adapter\.profile\.fields\.namn": holds a person's name; .*personalFields\.namn/,
    );
    expect(errorOf(sites(INLINE.replace('normaliser: age', 'normaliser: ages')))).toBe(
      'sites.yaml: site "x": field "adapter.profile.fields.age.normaliser": must be one of age, gender, location, phone, text (got "ages")',
    );
    expect(errorOf(sites(INLINE.replace('normaliser: age', 'normaliser: gender')))).toMatch(
      /^sites\.yaml: site "x": field "adapter\.profile\.fields\.age\.normaliser": "gender" does not apply to the field "age"/,
    );
  });

  it('says when the adapter file is missing', () => {
    expect(errorOf(sites(' { file: adapters/none.yaml }'))).toBe(
      'sites.yaml: site "x": field "adapter.file": cannot read "adapters/none.yaml" (no such file)',
    );
  });

  it('refuses an adapter file outside the sites file folder, also through a link', () => {
    const dir = folder();
    expect(errorOf(sites(' { file: ../x.yaml }'), dir)).toMatch(
      /^sites\.yaml: site "x": field "adapter\.file": "\.\.\/x\.yaml" is outside the sites file's folder \(.+\); an adapter file must be in that folder or below it$/,
    );
    expect(errorOf(sites(' { file: /etc/hostname }'), dir)).toMatch(/field "adapter\.file": "\/etc\/hostname" is outside the sites file's folder/);
    const elsewhere = withAdapterFile(INLINE.replace(/^ {6}/gm, ''));
    symlinkSync(path.join(elsewhere, 'adapters', 'x.yaml'), path.join(dir, 'adapters', 'link.yaml'));
    expect(errorOf(sites(' { file: adapters/link.yaml }'), dir)).toMatch(/field "adapter\.file": "adapters\/link\.yaml" is outside the sites file's folder/);
  });

  it('refuses an adapter file over 1 MB', () => {
    const dir = withAdapterFile(`# ${'x'.repeat(1024 * 1024)}\n${INLINE.replace(/^ {6}/gm, '')}`);
    expect(errorOf(sites(' { file: adapters/x.yaml }'), dir)).toMatch(
      /^sites\.yaml: site "x": field "adapter\.file": "adapters\/x\.yaml" is \d+ bytes; an adapter file may be at most 1 MB$/,
    );
  });

  it('gives the line of a YAML syntax error in the adapter file', () => {
    const dir = withAdapterFile('listing:\n  profileLinks: ".kort a"\nprofile:\n  fields: { age: [\n');
    expect(errorOf(sites(' { file: adapters/x.yaml }'), dir)).toMatch(
      /^sites\.yaml: site "x": adapter file "adapters\/x\.yaml": not valid YAML at line \d+, column \d+: \S.*$/,
    );
    const bad = withAdapterFile('listing:\n  profileLinks: ".kort a"\n   nextPage: x\nprofile: {}\n');
    expect(errorOf(sites(' { file: adapters/x.yaml }'), bad)).toMatch(/adapter file "adapters\/x\.yaml": not valid YAML at line 3, column \d+/);
  });

  it('names paths inside an adapter file from its top, and a misspelt file key', () => {
    const dir = withAdapterFile(INLINE.replace(/^ {6}/gm, '').replace('scope: article', 'scop: article'));
    expect(errorOf(sites(' { file: adapters/x.yaml }'), dir)).toBe(
      'sites.yaml: site "x": adapter file "adapters/x.yaml": field "profile.phones.scop": unknown key (check the spelling; see README, "The sites file")',
    );
    expect(errorOf(sites(' { file: adapters/x.yaml, extra: 1 }'))).toBe(
      'sites.yaml: site "x": field "adapter.extra": unknown key (check the spelling; see README, "The sites file")',
    );
  });

  it('refuses a declarative adapter that takes a registry name, and a wrong kind of value', () => {
    expect(errorOf(sites(`\n      name: alpha${INLINE}`))).toBe('sites.yaml: site "x": field "adapter.name": "alpha" is a registry adapter\'s name; choose another');
    expect(errorOf(sites(' [a, b]'))).toMatch(/^sites\.yaml: site "x": field "adapter": must be an adapter name, an inline adapter mapping, or \{ file: adapters\/x\.yaml \}/);
  });

  it('ships config/adapters/demo-stad.yaml as the demo-stad code adapter in YAML', () => {
    const text = sites(' { file: adapters/demo-stad.yaml }');
    const site = parseSites(text, path.join('config', 'sites.yaml'), { knownAdapters: adapterNames() }).sites[0]!;
    const { name, description, ...spec } = site.adapterSpec!;
    const { name: _n, description: _d, ...code } = getAdapter('demo-stad')!;
    expect(name).toBe('demo-stad-yaml');
    expect(description).toMatch(/YAML/);
    expect(spec).toEqual(code);
    expect(readFileSync('config/adapters/demo-stad.yaml', 'utf8')).toMatch(/adapter: \{ file: adapters\/demo-stad\.yaml \}/);
  });
});

describe('a demo site mapped with a YAML adapter', () => {
  let demo: DemoSites;
  let db: TestDatabase;

  beforeAll(async () => {
    demo = await startDemoSites({ seed: 11, epoch: 0 });
    db = await openTestDatabase('pglite');
  }, 60_000);

  afterAll(async () => {
    await demo?.close();
    await db?.drop();
  });

  async function mapped(site: ResolvedSite): Promise<ExportRecord[]> {
    const run = await runMapping({ db, sites: [site], crawl: DEMO_CRAWL, label: site.adapter, clustering: false });
    expect(run.sites.map((s) => s.status)).toEqual(['ok']);
    const records: ExportRecord[] = [];
    for await (const record of exportRecords(db, run.runId, { reveal: true })) records.push(record);
    return records;
  }

  /** What a record says of the profile, without the times of the run that read it. */
  const facts = ({ observedAt: _o, firstSeen: _f, lastSeen: _l, ...rest }: ExportRecord) => rest;
  const byUrl = (records: ExportRecord[]) => [...records].sort((a, b) => (a.url ?? '').localeCompare(b.url ?? '')).map(facts);

  it('finds the ground truth of the site, exactly as the code adapter does', async () => {
    const stad = demo.sites.find((s) => s.id === 'demo-stad')!;
    const text =
      `sites:\n  - id: demo-stad\n    name: ${JSON.stringify(stad.name)}\n    startUrls: ${JSON.stringify(stad.startUrls)}\n` +
      '    local: true\n    adapter: { file: adapters/demo-stad.yaml }\n';
    const yamlSite = parseSites(text, path.join('config', 'sites.yaml'), { knownAdapters: adapterNames() }).sites[0]!;
    expect(yamlSite.adapterSpec?.name).toBe('demo-stad-yaml');
    const codeSite = demoSitesAsResolved(demo).find((s) => s.id === 'demo-stad')!;

    const fromYaml = await mapped({ ...yamlSite, maxRequestsPerMinute: codeSite.maxRequestsPerMinute, maxConcurrency: codeSite.maxConcurrency });
    const truth = demo.groundTruth().filter((t) => t.siteId === 'demo-stad');
    expect(truth.length).toBeGreaterThan(20);
    const got = new Map(fromYaml.map((r) => [r.url, r]));
    const found = truth.filter((t) => {
      const r = got.get(t.url);
      return r && r.externalId === t.externalId && r.age === t.age && r.gender === t.gender && JSON.stringify(r.phones) === JSON.stringify([...t.phones].sort());
    });
    expect(found.length / truth.length).toBe(1);
    expect(fromYaml).toHaveLength(truth.length);

    const fromCode = await mapped(codeSite);
    expect(byUrl(fromYaml)).toEqual(byUrl(fromCode));
  }, 120_000);
});
