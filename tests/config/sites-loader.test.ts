import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadSitesFile, parseSites } from '../../src/config/sites-loader.ts';
import { ConfigError } from '../../src/errors.ts';

const known = { knownAdapters: ['alpha', 'beta'] };
const site = (extra = '') => `  - id: site-a\n    name: Site A\n    startUrls: ["http://127.0.0.1:9/start"]\n    adapter: alpha\n    local: true\n${extra}`;

function errorOf(text: string): ConfigError {
  try {
    parseSites(text, 'sites.yaml', known);
  } catch (error) {
    expect(error).toBeInstanceOf(ConfigError);
    return error as ConfigError;
  }
  throw new Error('expected a ConfigError');
}

describe('sites file', () => {
  it('resolves a valid file with defaults and the start URLs hosts allowed', () => {
    const loaded = parseSites(`crawl:\n  maxRequestsPerMinute: 30\nsites:\n${site('    allowedHosts: ["cdn.example.se"]\n    maxConcurrency: 2\n')}`, 'f', known);
    expect(loaded.crawl.maxRequestsPerMinute).toBe(30);
    expect(loaded.crawl.maxRetries).toBe(3);
    expect(loaded.sites).toHaveLength(1);
    expect(loaded.sites[0]).toMatchObject({
      id: 'site-a',
      adapter: 'alpha',
      maxRequestsPerMinute: 30,
      maxConcurrency: 2,
      enabled: true,
      allowedHosts: ['cdn.example.se', '127.0.0.1:9'],
    });
  });

  it('takes a site group (trimmed) for the reports, null without one, and rejects an empty or non-text group', () => {
    expect(parseSites(`sites:\n${site('    group: "  Recensionssajter "\n')}`, 'f', known).sites[0]!.group).toBe('Recensionssajter');
    expect(parseSites(`sites:\n${site()}`, 'f', known).sites[0]!.group).toBeNull();
    expect(errorOf(`sites:\n${site('    group: ""\n')}`).message).toMatch(/^sites\.yaml: site "site-a": field "group": /);
    expect(errorOf(`sites:\n${site('    group: [a, b]\n')}`).message).toMatch(/^sites\.yaml: site "site-a": field "group": /);
  });

  it('names file, site and field when a start URL is not http(s)', () => {
    const error = errorOf(`sites:\n  - id: site-a\n    name: A\n    startUrls: ["ftp://127.0.0.1/x"]\n    adapter: alpha\n`);
    expect(error.message).toBe('sites.yaml: site "site-a": field "startUrls[0]": must be an absolute http(s) URL (got "ftp://127.0.0.1/x")');
  });

  it('rejects a start URL that is not a URL at all', () => {
    expect(errorOf(`sites:\n  - id: site-a\n    name: A\n    startUrls: ["www.example.se"]\n    adapter: alpha\n`).message).toContain(
      'field "startUrls[0]": must be an absolute http(s) URL',
    );
  });

  it('names the unknown adapter and lists the known ones', () => {
    const error = errorOf(`sites:\n${site().replace('adapter: alpha', 'adapter: gamma')}`);
    expect(error.message).toBe('sites.yaml: site "site-a": field "adapter": unknown adapter "gamma" (known: alpha, beta)');
  });

  it('rejects a site id used twice', () => {
    const error = errorOf(`sites:\n${site()}${site()}`);
    expect(error.message).toBe('sites.yaml: site "site-a": id is used twice; each site needs its own id');
  });

  it('reports malformed YAML with its line', () => {
    const error = errorOf('sites:\n  - id: a\n   name: [unclosed\n');
    expect(error.message).toMatch(/^sites\.yaml: not valid YAML at line \d+, column \d+: /);
    expect(error.message.split('\n')).toHaveLength(1);
  });

  it('reports a misspelt field instead of ignoring it', () => {
    const error = errorOf(`sites:\n${site('    maxRequestPerMinute: 10\n')}`);
    expect(error.message).toBe('sites.yaml: site "site-a": unknown field "maxRequestPerMinute" (check the spelling; see config/sites.yaml for the fields)');
  });

  it('reports a missing required field', () => {
    expect(errorOf(`sites:\n  - id: site-a\n    startUrls: ["http://x.se/"]\n    adapter: alpha\n`).message).toBe(
      'sites.yaml: site "site-a": field "name": is required',
    );
  });

  it('refers to a site without an id by its position', () => {
    expect(errorOf(`sites:\n${site()}  - name: B\n    startUrls: ["http://x.se/"]\n    adapter: alpha\n`).message).toBe(
      'sites.yaml: site #2: field "id": is required',
    );
  });

  it('rejects an invalid id and bad crawl settings', () => {
    expect(errorOf(`sites:\n${site().replace('id: site-a', 'id: "Site A"')}`).message).toContain('field "id": must be lower-case');
    expect(errorOf(`crawl:\n  maxRetries: -1\nsites:\n${site()}`).message).toContain('field "crawl.maxRetries"');
    expect(errorOf(`sites:\n${site('    maxConcurrency: 0\n')}`).message).toContain('site "site-a": field "maxConcurrency"');
    expect(errorOf(`crawl:\n  photos: "yes"\nsites:\n${site()}`).message).toContain('field "crawl.photos"');
    expect(errorOf(`clustering:\n  photoMaxDistance: 40\nsites:\n${site()}`).message).toContain('field "clustering.photoMaxDistance"');
    expect(errorOf(`clustering:\n  photoMaxDistance: 2.5\nsites:\n${site()}`).message).toContain('field "clustering.photoMaxDistance"');
  });

  it('keeps everything by default, and takes a retention of 30 days or more', () => {
    expect(parseSites(`sites:\n${site()}`, 'f', known).retention.purgeAfterDays).toBeNull();
    expect(parseSites(`retention:\n  purgeAfterDays: 730\nsites:\n${site()}`, 'f', known).retention.purgeAfterDays).toBe(730);
    expect(errorOf(`retention:\n  purgeAfterDays: 7\nsites:\n${site()}`).message).toContain('field "retention.purgeAfterDays": must be at least 30 days');
    expect(errorOf(`retention:\n  purgeAfterDays: "2y"\nsites:\n${site()}`).message).toContain('field "retention.purgeAfterDays"');
    expect(errorOf(`retention:\n  keep: forever\nsites:\n${site()}`).message).toContain('retention');
  });

  it('fetches photos by default and takes the photo distance as given', () => {
    const loaded = parseSites(`crawl:\n  photos: false\nclustering:\n  photoMaxDistance: 4\nsites:\n${site()}`, 'f', known);
    expect(loaded.crawl.photos).toBe(false);
    expect(loaded.clustering.photoMaxDistance).toBe(4);
    expect(parseSites(`sites:\n${site()}`, 'f', known).crawl.photos).toBe(true);
  });

  it('rejects an empty file, a list at the top and a file without sites', () => {
    expect(errorOf('').message).toBe('sites.yaml: the sites file is empty; it needs a "sites:" list');
    expect(errorOf('- a\n- b\n').message).toContain('must be a mapping with a "sites:" list');
    expect(errorOf('sites: []\n').message).toContain('field "sites": lists no sites');
  });

  it('says so when the file cannot be read', () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'kartla-sites-'));
    expect(() => loadSitesFile(path.join(dir, 'missing.yaml'), known)).toThrow(/missing\.yaml: cannot read the sites file \(no such file\)/);
    expect(() => loadSitesFile(dir, known)).toThrow(/is a directory/);
    const file = path.join(dir, 'ok.yaml');
    writeFileSync(file, `sites:\n${site()}`);
    expect(loadSitesFile(file, known).sites[0]!.id).toBe('site-a');
  });
});

describe('safe-crawling fields', () => {
  const plain = (extra = '', url = 'https://ads.example.se/') =>
    `sites:\n  - id: site-a\n    name: Site A\n    startUrls: ["${url}"]\n    adapter: alpha\n${extra}`;

  it('defaults to a site on the internet that obeys robots.txt', () => {
    expect(parseSites(plain(), 'f', known).sites[0]).toMatchObject({ local: false, robotsOverride: null });
  });

  it('takes local and a robots override with its reason', () => {
    const reason = 'Operator agreed in writing, case 2025-114';
    const loaded = parseSites(plain(`    local: true\n    robotsOverride: "${reason}"\n`), 'f', known);
    expect(loaded.sites[0]).toMatchObject({ local: true, robotsOverride: reason });
  });

  it('rejects a local that is not a boolean and an override that is not a string', () => {
    expect(errorOf(plain('    local: "yes"\n')).message).toMatch(/^sites\.yaml: site "site-a": field "local": .*boolean.* \(got "yes"\)$/);
    expect(errorOf(plain('    robotsOverride: true\n')).message).toMatch(/^sites\.yaml: site "site-a": field "robotsOverride": .*string/);
  });

  it('rejects a robots override without a real reason', () => {
    expect(errorOf(plain('    robotsOverride: "ok"\n')).message).toBe(
      'sites.yaml: site "site-a": field "robotsOverride": must give the reason robots.txt is not obeyed for this site, in at least 10 characters (got "ok")',
    );
    // Padding is not a reason.
    expect(errorOf(plain('    robotsOverride: "   ok       "\n')).message).toContain('field "robotsOverride": must give the reason');
  });

  it('refuses a private address written in a start URL unless the site is local', () => {
    for (const url of ['http://127.0.0.1:8471/', 'http://10.1.2.3/', 'http://169.254.169.254/latest/meta-data/', 'http://[::1]:8080/', 'http://[::ffff:127.0.0.1]/']) {
      const error = errorOf(plain('', url));
      expect(error.message).toContain('site "site-a": field "startUrls[0]": ');
      expect(error.message).toContain('is a private, loopback or link-local address; set "local: true" on the site');
    }
    expect(parseSites(plain('    local: true\n', 'http://127.0.0.1:8471/'), 'f', known).sites[0]!.local).toBe(true);
    // A name is resolved and checked when the crawler connects, not here.
    expect(parseSites(plain('', 'http://localhost:8471/'), 'f', known).sites[0]!.local).toBe(false);
  });
});

describe('the shipped sites file', () => {
  it('is valid against the adapter registry and points at the demo ports', async () => {
    const { adapterNames } = await import('../../crawlers/index.ts');
    const { DEMO_BASE_PORT } = await import('../../src/cli/commands/demo.ts');
    const loaded = loadSitesFile('config/sites.yaml', { knownAdapters: adapterNames() });
    // The loader has checked every adapter against the registry; the shipped file maps the small demo web.
    expect(loaded.sites.map((s) => s.adapter).sort()).toEqual(['demo-annons', 'demo-stad', 'demo-tabell']);
    const ports = loaded.sites.map((s) => Number(new URL(s.startUrls[0]!).port)).sort();
    expect(ports).toEqual([DEMO_BASE_PORT, DEMO_BASE_PORT + 1, DEMO_BASE_PORT + 2]);
    // The demo sites are served from this machine, and say so.
    expect(loaded.sites.every((s) => s.local && s.robotsOverride === null)).toBe(true);
  });
});
