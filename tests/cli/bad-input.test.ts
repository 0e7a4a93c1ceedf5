// Every input a user can get wrong on the command line or in the sites file: a clear one-line
// error, exit code 2, nothing crawled and nothing written.

import { existsSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCli } from '../helpers/run-cli.ts';
import { startLocalServer, type LocalServer } from '../helpers/local-server.ts';
import { adapterNames } from '../../crawlers/index.ts';

let server: LocalServer;
let dir: string;
let adapter: string;

beforeAll(async () => {
  server = await startLocalServer((_req, res) => {
    res.writeHead(200, { 'content-type': 'text/html' });
    res.end('<html><body>listing</body></html>');
  });
  dir = mkdtempSync(path.join(tmpdir(), 'kartla-cli-'));
  adapter = adapterNames()[0]!;
});

afterAll(async () => {
  await server?.close();
});

function sitesFile(name: string, text: string): string {
  const file = path.join(dir, name);
  writeFileSync(file, text);
  return file;
}

const siteYaml = (over: { id?: string; url?: string; adapter?: string } = {}) =>
  `  - id: ${over.id ?? 'site-a'}\n    name: Site A\n    startUrls: ["${over.url ?? `${server.url}/start`}"]\n    adapter: ${over.adapter ?? adapter}\n    local: true\n`;

async function expectRejected(args: string[], message: RegExp) {
  const dataDir = path.join(dir, `data-${Math.random().toString(36).slice(2)}`);
  const hitsBefore = server.hits.length;
  const result = await runCli(args, { env: { KARTLA_DATA_DIR: dataDir } });
  expect(result.code).toBe(2);
  const lines = result.stderr.trim().split('\n');
  expect(lines[0]).toMatch(message);
  expect(server.hits.length).toBe(hitsBefore); // nothing crawled
  expect(existsSync(dataDir)).toBe(false); // nothing written
  return result;
}

describe('bad sites files', () => {
  it('malformed YAML', async () => {
    const file = sitesFile('broken.yaml', `sites:\n${siteYaml()}   name: [oops\n`);
    const r = await expectRejected(['map', '--sites', file], /^kartla: .*broken\.yaml: not valid YAML at line \d+, column \d+: /);
    expect(r.stderr.trim().split('\n')).toHaveLength(1);
  });

  it('unknown adapter', async () => {
    const file = sitesFile('adapter.yaml', `sites:\n${siteYaml({ adapter: 'no-such-adapter' })}`);
    await expectRejected(['map', '--sites', file], /adapter\.yaml: site "site-a": field "adapter": unknown adapter "no-such-adapter" \(known: /);
  });

  it('a site id used twice', async () => {
    const file = sitesFile('twice.yaml', `sites:\n${siteYaml()}${siteYaml()}`);
    await expectRejected(['map', '--sites', file], /twice\.yaml: site "site-a": id is used twice/);
  });

  it('a start URL that is not http(s)', async () => {
    const file = sitesFile('ftp.yaml', `sites:\n${siteYaml({ url: 'ftp://127.0.0.1/start' })}`);
    await expectRejected(['map', '--sites', file], /ftp\.yaml: site "site-a": field "startUrls\[0\]": must be an absolute http\(s\) URL \(got "ftp:\/\/127\.0\.0\.1\/start"\)/);
  });

  it('a sites file that does not exist', async () => {
    await expectRejected(['map', '--sites', path.join(dir, 'nope.yaml')], /nope\.yaml: cannot read the sites file \(no such file\)\. Give one with --sites FILE\./);
  });

  it('one bad site stops the whole run before anything is crawled', async () => {
    const file = sitesFile('mixed.yaml', `sites:\n${siteYaml({ id: 'good' })}${siteYaml({ id: 'bad', url: 'mailto:x@example.se' })}`);
    await expectRejected(['map', '--sites', file], /site "bad": field "startUrls\[0\]"/);
  });
});

describe('bad arguments', () => {
  it('an unknown site id', async () => {
    const file = sitesFile('ok.yaml', `sites:\n${siteYaml()}`);
    await expectRejected(['map', '--sites', file, '--site', 'site-z'], /unknown site id "site-z" in --site; .*ok\.yaml has: site-a/);
  });

  it('no enabled site', async () => {
    const file = sitesFile('off.yaml', `sites:\n${siteYaml()}    enabled: false\n`);
    await expectRejected(['map', '--sites', file], /off\.yaml: no site is enabled; enable one or name it with --site <id>/);
  });

  it('an unknown option or command', async () => {
    await expectRejected(['map', '--sitez', 'x'], /unknown option '--sitez'/);
    await expectRejected(['mapp'], /unknown command 'mapp'/);
  });

  it('a value that is not a number', async () => {
    await expectRejected(['map', '--site-concurrency', 'many'], /option '--site-concurrency <n>' argument 'many' is invalid\. expected a whole number of 1 or more/);
  });

  it('an export without --run, or with a format that does not exist', async () => {
    await expectRejected(['export'], /required option '--run <id\|latest>' not specified/);
    await expectRejected(['export', '--run', 'latest', '--format', 'xml'], /argument 'xml' is invalid\. Allowed choices are jsonl, csv/);
  });
});

describe('help', () => {
  it.each([[[]], [['map']], [['demo']], [['runs']], [['export']], [['normalise']], [['renormalise']], [['eval']], [['compare']], [['clusters']], [['cluster']], [['cluster', 'show']], [['db']], [['db', 'migrate']], [['adapters']]])(
    'kartla %s --help teaches and exits 0',
    async (args) => {
      const r = await runCli([...args, '--help']);
      expect(r.code).toBe(0);
      expect(r.stdout).toMatch(/Usage: kartla/);
      expect(r.stdout.length).toBeGreaterThan(200);
    },
  );
});

describe('a DATABASE_URL that does not fit', () => {
  it('names the problem and exits 2 for a wrong scheme or a database that does not exist', async () => {
    const scheme = await runCli(['runs'], { env: { DATABASE_URL: 'mysql://127.0.0.1/x' } });
    expect(scheme.code).toBe(2);
    expect(scheme.stderr).toMatch(/DATABASE_URL must start with postgresql:\/\//);
    if (process.env.TEST_DATABASE_URL) {
      const url = new URL(process.env.TEST_DATABASE_URL);
      url.pathname = '/kartla_no_such_database';
      const missing = await runCli(['runs'], { env: { DATABASE_URL: url.href } });
      expect(missing.code).toBe(2);
      expect(missing.stderr).toMatch(/has no database "kartla_no_such_database"\. Create it/);
    }
  });

  it('exits 1 with a hint when the server cannot be reached', async () => {
    const { closedPort } = await import('../helpers/local-server.ts');
    const r = await runCli(['runs'], { env: { DATABASE_URL: `postgresql://postgres@127.0.0.1:${await closedPort()}/x` } });
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/Cannot reach PostgreSQL at .*Is the server running\? Check DATABASE_URL\./);
  });
});
