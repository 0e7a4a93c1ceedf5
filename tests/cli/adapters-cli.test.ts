// `kartla adapters`: the registry, and with --sites the declarative adapters a sites file writes.

import { cpSync, mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { adapterNames } from '../../crawlers/index.ts';
import { runCli } from '../helpers/run-cli.ts';

const site = (id: string, adapter: string) => `  - id: ${id}\n    name: ${id}\n    startUrls: ["http://127.0.0.1:9/"]\n    local: true\n    adapter: ${adapter}\n`;

describe('kartla adapters', () => {
  it('lists the registry, then with --sites the YAML adapters by name or yaml:<site id>', async () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'kartla-adapters-cli-'));
    mkdirSync(path.join(dir, 'adapters'));
    cpSync('config/adapters/demo-stad.yaml', path.join(dir, 'adapters', 'stad.yaml'));
    const inline = '{ listing: { profileLinks: "a.p" }, profile: { fields: { age: { label: Ålder } } } }';
    writeFileSync(
      path.join(dir, 'sites.yaml'),
      `sites:\n${site('code', 'demo-stad')}${site('from-file', '{ file: adapters/stad.yaml }')}${site('inline', inline)}`,
    );
    const plain = await runCli(['adapters']);
    expect(plain.code).toBe(0);
    expect(plain.stdout.trim().split('\n').map((l) => l.split(/\s+/)[0])).toEqual(adapterNames());

    const result = await runCli(['adapters', '--sites', path.join(dir, 'sites.yaml')]);
    expect(result.code).toBe(0);
    const lines = result.stdout.trim().split('\n');
    expect(lines.slice(0, adapterNames().length)).toEqual(plain.stdout.trim().split('\n'));
    expect(lines.slice(adapterNames().length).map((l) => l.split(/\s+/).slice(0, 2).join(' '))).toEqual(['demo-stad-yaml http', 'yaml:inline http']);
    expect(lines.at(-1)).toMatch(/\(site inline, YAML\)$/);
  }, 60_000);

  it('exits 2 naming the site and path when a YAML adapter is wrong', async () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'kartla-adapters-cli-'));
    writeFileSync(path.join(dir, 'sites.yaml'), `sites:\n${site('bad', '{ listing: { profileLink: "a" }, profile: { fields: {} } }')}`);
    const result = await runCli(['adapters', '--sites', path.join(dir, 'sites.yaml')]);
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(/site "bad": field "adapter\.listing\.profileLinks": is required/);
    expect(result.stderr).toMatch(/site "bad": field "adapter\.listing\.profileLink": unknown key/);
  }, 60_000);
});
