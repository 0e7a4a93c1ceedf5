// `kartla sites probe`: bad arguments are refused before anything is fetched; on a demo site the
// findings are printed with numbers masked and a suggested adapter is written that loads as YAML.

import { existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { declarativeAdapterSchema } from '../../src/config/adapter-schema.ts';
import { startDemoSites, type DemoSites } from '../../src/demo/server.ts';
import { closedPort } from '../helpers/local-server.ts';
import { runCli } from '../helpers/run-cli.ts';

const dir = mkdtempSync(path.join(tmpdir(), 'kartla-probe-cli-'));

describe('kartla sites probe: bad input', () => {
  it.each([
    [['sites', 'probe'], /missing required argument 'url'/],
    [['sites', 'probe', 'ftp://example.se/'], /not an http\(s\) URL/],
    [['sites', 'probe', 'annonser'], /is not a URL/],
    [['sites', 'probe', 'https://example.se/', '--pages', '0'], /--pages.*expected a whole number of 1 or more/],
    [['sites', 'probe', 'https://example.se/', '--lang', 'de'], /expected sv or en/],
  ])('%j exits 2 with a message that says what to do', async (args, message) => {
    const r = await runCli(args as string[]);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(message);
  });

  it('refuses to overwrite a file unless --force is given', async () => {
    const out = path.join(dir, 'taken.yaml');
    writeFileSync(out, 'keep me');
    const r = await runCli(['sites', 'probe', 'https://example.se/', '--out', out]);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/exists; choose another --out or add --force/);
    expect(readFileSync(out, 'utf8')).toBe('keep me');
  });

  it('exits 1 when nothing can be read, and writes no adapter', async () => {
    const out = path.join(dir, 'none.yaml');
    const r = await runCli(['sites', 'probe', `http://127.0.0.1:${await closedPort()}/`, '--local', '--out', out, '--pages', '3']);
    expect(r.code).toBe(1);
    expect(r.stdout).toMatch(/start page could not be read/);
    expect(r.stderr).toMatch(/no ad page could be read/);
    expect(existsSync(out)).toBe(false);
  });

  it('refuses a private address unless --local says the site is served here', async () => {
    const r = await runCli(['sites', 'probe', `http://127.0.0.1:${await closedPort()}/`, '--pages', '3', '--out', path.join(dir, 'x.yaml')]);
    expect(r.code).toBe(1);
    expect(r.stdout).toMatch(/blocked-address/);
  });
});

describe('kartla sites probe on a demo site', () => {
  let demo: DemoSites;
  beforeAll(async () => {
    demo = await startDemoSites({ seed: 5, epoch: 0 });
  });
  afterAll(async () => demo?.close());

  it('prints fields with examples, masks numbers, and writes a YAML adapter that loads', async () => {
    const site = demo.sites.find((s) => s.id === 'demo-stad')!;
    const out = path.join(dir, 'stad.adapter.yaml');
    const r = await runCli(['sites', 'probe', site.startUrls[0]!, '--local', '--out', out, '--rate', '6000'], { timeoutMs: 120_000 });
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/Pages read: \d+ listing pages, \d+ ad pages/);
    expect(r.stdout).toMatch(/^ {2}age +\d+\/\d+/m);
    // A number in clear: seven digits or more with the separators ads use.
    expect(r.stdout).not.toMatch(/\d(?:[\s\-./()]{0,2}\d){6,}/);
    expect(r.stdout).toMatch(/adapter: \{ file: adapters\/stad\.yaml \}/);
    const adapter = declarativeAdapterSchema.parse(parse(readFileSync(out, 'utf8')));
    expect(adapter.profile.fields.age).toBeDefined();
  }, 150_000);
});
