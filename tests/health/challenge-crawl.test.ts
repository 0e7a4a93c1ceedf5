// The crawler's side of captcha detection: a profile page answered with a bot challenge is counted
// as a `blocked` page error (run health's sign of blocking), not read as an empty ad, and not retried.

import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { SiteAdapter } from '../../crawlers/types.ts';
import { crawlSettingsSchema } from '../../src/config/sites-schema.ts';
import { crawlSite, type SiteCrawlResult } from '../../src/crawl/site-crawler.ts';
import type { RawProfile } from '../../src/model/profile.ts';
import { localSite, timedServer, type TimedServer } from '../crawl/test-site.ts';

const adapter: SiteAdapter = {
  name: 'test-challenge',
  description: 'test adapter',
  render: 'http',
  listing: { profileLinks: 'a.profile' },
  profile: { externalId: { fromUrl: true, pattern: '/p/(\\w+)' }, fields: { age: { label: 'Ålder' } }, phones: { scope: 'main' } },
};

describe('a site that answers its ads with a captcha', () => {
  let server: TimedServer;
  let result: SiteCrawlResult;
  const profiles: RawProfile[] = [];

  beforeAll(async () => {
    server = await timedServer(4, 0, readFileSync(new URL('./fixtures/challenge-recaptcha.html', import.meta.url), 'utf8'));
    result = await crawlSite(localSite(server, { adapter: adapter.name }), adapter, crawlSettingsSchema.parse({ maxRetries: 2, retryBackoffMs: 0, photos: false }), {
      onProfile: (raw) => void profiles.push(raw),
    });
  });
  afterAll(async () => {
    await server?.close();
  });

  it('records each challenge page as a blocked page, once', () => {
    expect(profiles).toEqual([]);
    expect(result.errors.map((e) => e.kind)).toEqual(['blocked', 'blocked', 'blocked', 'blocked']);
    expect(result.errors[0]!.reason).toMatch(/^answered a captcha or bot challenge \(captcha\) instead of the page: /);
    // robots.txt, the listing and each profile page once: a challenge is not asked again at once.
    expect(server.hits.filter((h) => h.startsWith('/p/'))).toHaveLength(4);
  });
});
