// robots.txt is read once per host and crawl and obeyed: the group for Kartla's product token
// (else "*"), the most specific rule, wildcards; an absent robots.txt allows all, an unreachable
// one refuses all (RFC 9309) and says why; Crawl-delay slows the crawl; a written override skips
// it and is shown in the run's summary and kept with the run.

import type { IncomingMessage, ServerResponse } from 'node:http';
import { describe, expect, it } from 'vitest';
import type { SiteAdapter } from '../../crawlers/types.ts';
import { formatSummary } from '../../src/cli/summary.ts';
import { crawlSettingsSchema } from '../../src/config/sites-schema.ts';
import type { ResolvedSite } from '../../src/config/sites-loader.ts';
import { runMapping, type SiteOutcome } from '../../src/crawl/mapping-run.ts';
import { RobotsRules, productToken, type RobotsAnswer } from '../../src/crawl/robots.ts';
import { judgeSite } from '../../src/crawl/run-status.ts';
import { crawlSite } from '../../src/crawl/site-crawler.ts';
import { startLocalServer, type LocalServer } from '../helpers/local-server.ts';
import { openTestDatabase } from '../helpers/test-databases.ts';
import { localSite } from './test-site.ts';

const UA = 'KartlaBot/0.1 (test; contact: test@example.se)';
const settings = crawlSettingsSchema.parse({ requestTimeoutSecs: 2, maxRetries: 0, retryBackoffMs: 10, userAgent: UA, photos: false });

const adapter: SiteAdapter = {
  name: 'demo-stad', // any registered adapter name: runMapping looks it up; the crawl uses this object
  description: 'test adapter',
  render: 'http',
  listing: { profileLinks: 'a.profile', nextPage: 'a[rel=next]' },
  profile: { externalId: { fromUrl: true, pattern: '/(\\w+)$' }, fields: {}, phones: { scope: 'main' } },
};

function siteOn(server: LocalServer, over: Partial<ResolvedSite> = {}): ResolvedSite {
  return localSite(server, { id: 'robots', name: 'Robots', adapter: adapter.name, ...over });
}

/** A site whose start page links to `paths` as profiles and serves `robots` (a status or a body). */
function siteServer(robots: string | number, paths: string[]): Promise<LocalServer> {
  return startLocalServer((req: IncomingMessage, res: ServerResponse) => {
    if (req.url === '/robots.txt') {
      if (typeof robots === 'number') return res.writeHead(robots).end('no');
      res.writeHead(200, { 'content-type': 'text/plain' });
      return res.end(robots);
    }
    res.writeHead(200, { 'content-type': 'text/html' });
    if (req.url === '/') return res.end(paths.map((p) => `<a class="profile" href="${p}">x</a>`).join(''));
    res.end('<html><body><main>Profil</main></body></html>');
  });
}

function rulesFor(body: string | number): RobotsRules {
  return new RobotsRules(UA, async (): Promise<RobotsAnswer> => (typeof body === 'number' ? { status: body, body: '' } : { status: 200, body }));
}

describe('reading robots.txt', () => {
  it('takes the product token of the User-Agent', () => {
    expect(productToken(UA)).toBe('KartlaBot');
    expect(productToken('Kartla_Crawler-2 research')).toBe('Kartla_Crawler-');
  });

  it('uses the group for KartlaBot over "*", the most specific rule, and * and $ wildcards', async () => {
    const rules = rulesFor(
      [
        'User-agent: *',
        'Disallow: /',
        '',
        'User-agent: kartlabot',
        'Disallow: /annonser/',
        'Allow: /annonser/stockholm/',
        'Disallow: /*.pdf$',
        'Disallow: /*?session=',
      ].join('\n'),
    );
    const allowed = async (path: string) => (await rules.forUrl(`https://ads.example.se${path}`)).allows(`https://ads.example.se${path}`);
    expect(await allowed('/')).toBe(true); // "*" would refuse; our group does not
    expect(await allowed('/annonser/goteborg/1')).toBe(false);
    expect(await allowed('/annonser/stockholm/1')).toBe(true); // the longer Allow wins
    expect(await allowed('/prislista.pdf')).toBe(false);
    expect(await allowed('/prislista.pdf?x=1')).toBe(true); // $ anchors the end
    expect(await allowed('/p/1?session=abc')).toBe(false);
  });

  it('falls back to "*" when no group names KartlaBot', async () => {
    const rules = rulesFor('User-agent: Googlebot\nDisallow:\n\nUser-agent: *\nDisallow: /privat\n');
    await expect(rules.check('https://ads.example.se/privat/1')).rejects.toThrow('disallowed for KartlaBot by https://ads.example.se/robots.txt: https://ads.example.se/privat/1');
    await expect(rules.check('https://ads.example.se/p/1')).resolves.toBeUndefined();
  });

  it('allows everything when robots.txt is absent, and nothing when it is unreachable', async () => {
    await expect(rulesFor(404).check('https://a.example/x')).resolves.toBeUndefined();
    await expect(rulesFor(403).check('https://a.example/x')).resolves.toBeUndefined();
    await expect(rulesFor(503).check('https://a.example/x')).rejects.toThrow(/robots\.txt could not be read \(HTTP 503\); per RFC 9309 nothing on the host is fetched this run/);
    await expect(rulesFor(429).check('https://a.example/x')).rejects.toThrow(/HTTP 429/);
  });

  it('asks each host once', async () => {
    const asked: string[] = [];
    const rules = new RobotsRules(UA, async (url) => {
      asked.push(url);
      return { status: 200, body: 'User-agent: *\nDisallow: /x\n' };
    });
    await Promise.all(['https://a.example/1', 'https://a.example/2', 'https://b.example/1', 'https://a.example/3'].map((u) => rules.check(u)));
    expect(asked).toEqual(['https://a.example/robots.txt', 'https://b.example/robots.txt']);
  });
});

describe('crawling by robots.txt', () => {
  it('does not fetch what robots.txt disallows, counts it, and still maps the site fully', async () => {
    const robots = 'User-agent: *\nDisallow: /\n\nUser-agent: KartlaBot\nDisallow: /konto/\nDisallow: /*.json$\nAllow: /konto/offentlig\n';
    const server = await siteServer(robots, ['/p/1', '/p/2', '/konto/a', '/konto/b', '/konto/offentlig', '/data.json']);
    try {
      const r = await crawlSite(siteOn(server), adapter, settings, { onProfile: () => undefined });
      expect(server.hits.filter((h) => h === '/robots.txt')).toHaveLength(1);
      expect(server.hits.some((h) => h.startsWith('/konto/a') || h.startsWith('/konto/b') || h === '/data.json')).toBe(false);
      expect(r.pagesFetched).toBe(4); // start, /p/1, /p/2, /konto/offentlig
      expect(r.robotsRefused).toBe(3);
      expect(r.errors.map((e) => e.kind)).toEqual(['robots', 'robots', 'robots']);
      expect(r.errors[0]!.reason).toMatch(/^disallowed for KartlaBot by http:\/\/127\.0\.0\.1:\d+\/robots\.txt: /);
      // Refusals the site asked for do not make the mapping partial.
      expect(judgeSite(r).status).toBe('ok');
    } finally {
      await server.close();
    }
  });

  it('fails the site, saying why, when robots.txt disallows its start URL', async () => {
    const server = await siteServer('User-agent: KartlaBot\nDisallow: /\n', ['/p/1']);
    try {
      const r = await crawlSite(siteOn(server), adapter, settings, { onProfile: () => undefined });
      expect(server.hits).toEqual(['/robots.txt']);
      const judged = judgeSite(r);
      expect(judged.status).toBe('failed');
      expect(judged.failureReason).toMatch(/^no page could be read \(robots: disallowed for KartlaBot by http:\/\/127\.0\.0\.1:\d+\/robots\.txt: /);
    } finally {
      await server.close();
    }
  });

  it('fetches nothing more from a host whose robots.txt answers 5xx, and records why', async () => {
    const server = await siteServer(503, ['/p/1']);
    try {
      const r = await crawlSite(siteOn(server), adapter, settings, { onProfile: () => undefined });
      expect(server.hits).toEqual(['/robots.txt']);
      expect(r.errors[0]).toMatchObject({ kind: 'robots' });
      expect(judgeSite(r).failureReason).toContain('robots.txt could not be read (HTTP 503); per RFC 9309 nothing on the host is fetched this run');
    } finally {
      await server.close();
    }
  });

  it('keeps to a Crawl-delay longer than the configured pace', async () => {
    const times: number[] = [];
    const server = await siteServer('User-agent: KartlaBot\nCrawl-delay: 0.3\n', ['/p/1', '/p/2', '/p/3']);
    const tracked = { ...server, url: server.url };
    try {
      const r = await crawlSite(siteOn(tracked), adapter, settings, {
        onProfile: () => undefined,
        onPage: () => times.push(Date.now()),
      });
      expect(r.pagesFetched).toBe(4);
      expect(r.crawlDelaySecs).toBe(0.3);
      const gaps = times.slice(1).map((t, i) => t - times[i]!);
      for (const gap of gaps) expect(gap).toBeGreaterThanOrEqual(250);
    } finally {
      await server.close();
    }
  });

  it('skips robots.txt for a site with a written override', async () => {
    const server = await siteServer('User-agent: *\nDisallow: /\n', ['/p/1']);
    try {
      const r = await crawlSite(siteOn(server, { robotsOverride: 'Operator agreed in writing, case 2025-114' }), adapter, settings, { onProfile: () => undefined });
      expect(server.hits).not.toContain('/robots.txt');
      expect(r.pagesFetched).toBe(2);
      expect(r.errorCount).toBe(0);
    } finally {
      await server.close();
    }
  });
});

describe('a robots.txt override in the run record', () => {
  it('is kept in the run options and shown in the summary', async () => {
    const server = await siteServer('User-agent: *\nDisallow: /\n', ['/p/1']);
    const db = await openTestDatabase('pglite');
    try {
      const reason = 'Operator agreed in writing, case 2025-114';
      const result = await runMapping({ db, sites: [siteOn(server, { robotsOverride: reason })], crawl: settings, options: { command: 'test' }, clustering: false });
      const run = await db.prisma.mappingRun.findUniqueOrThrow({ where: { id: result.runId } });
      expect(run.options).toMatchObject({ command: 'test', robotsOverrides: { robots: reason } });
      expect(result.sites[0]).toMatchObject({ robotsOverride: reason, status: 'ok' });
      const text = formatSummary(result, { perSite: {}, total: 0, shared: 0 }, null);
      expect(text).toContain(`robots.txt overridden for robots: ${reason}`);
    } finally {
      await db.drop();
      await server.close();
    }
  });

  it('the summary counts what robots.txt refused', () => {
    const outcome: SiteOutcome = {
      siteId: 'site-a', name: 'A', siteRunId: 1, status: 'ok', pagesFetched: 3, profiles: 2, duplicates: 0, errorCount: 2,
      errors: [], failureReason: null, durationMs: 10, robotsOverride: null, robotsRefused: 2, crawlDelaySecs: 5,
    };
    const text = formatSummary({ runId: 1, status: 'completed', startedAt: new Date(0), finishedAt: new Date(1000), sites: [outcome], clustering: null }, { perSite: {}, total: 0, shared: 0 }, null);
    expect(text).toContain('robots.txt of site-a refused 2 URL(s); not read, as the site asks.');
    expect(text).toContain('robots.txt of site-a asks for 5 s between requests; the crawl kept to it.');
    expect(text).not.toContain('overridden');
  });
});
