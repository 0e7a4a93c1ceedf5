// The sites file's browser settings: a site's `render:` override, `crawl.chromium`, and a
// declarative adapter's `browser:` section. Each mistake is one ConfigError line naming the file,
// the site and the field.

import { describe, expect, it } from 'vitest';
import { parseSites } from '../../src/config/sites-loader.ts';
import { sitesProblem } from '../helpers/config-problem.ts';

const known = { knownAdapters: ['alpha'] };

const ADAPTER = `
      render: browser
      listing: { profileLinks: ".ad a" }
      profile:
        fields: { age: { label: Ålder } }
`;

function file(opts: { crawl?: string; site?: string; adapter?: string } = {}): string {
  return [
    ...(opts.crawl ? ['crawl:', `  ${opts.crawl}`] : []),
    'sites:',
    '  - id: x',
    '    name: X',
    '    startUrls: ["http://127.0.0.1:9/"]',
    '    local: true',
    ...(opts.site ? [`    ${opts.site}`] : []),
    `    adapter:${opts.adapter ?? ' alpha'}`,
    '',
  ].join('\n');
}

const problem = (text: string): string => sitesProblem(text, known);

describe('browser settings in the sites file', () => {
  it('takes a site-level render override and crawl.chromium', () => {
    const loaded = parseSites(file({ crawl: 'chromium: /opt/chromium/chrome', site: 'render: browser' }), 'sites.yaml', known);
    expect(loaded.crawl.chromium).toBe('/opt/chromium/chrome');
    expect(loaded.sites[0]!.render).toBe('browser');
    const plain = parseSites(file(), 'sites.yaml', known);
    expect(plain.sites[0]!.render).toBeUndefined();
    expect(plain.crawl.chromium).toBeUndefined();
  });

  it('refuses a render that is neither http nor browser', () => {
    expect(problem(file({ site: 'render: chrome' }))).toBe('sites.yaml: site "x": field "render": must be http or browser (got "chrome")');
  });

  it('refuses an empty crawl.chromium', () => {
    expect(problem(file({ crawl: 'chromium: "  "' }))).toBe('sites.yaml: field "crawl.chromium": must be the path of a Chromium executable (got "  ")');
  });

  it('loads a declarative adapter\'s browser section', () => {
    const adapter = `${ADAPTER}      browser:
        waitFor: { listing: ".ad a", profile: "main h1" }
        loadMore: { selector: "button.more", maxClicks: 50 }
        scroll: { maxScrolls: 20 }
        reveal: { selector: "button.show", waitFor: ".phone" }
`;
    const site = parseSites(file({ adapter }), 'sites.yaml', known).sites[0]!;
    expect(site.adapterSpec?.render).toBe('browser');
    expect(site.adapterSpec?.browser).toEqual({
      waitFor: { listing: '.ad a', profile: 'main h1' },
      loadMore: { selector: 'button.more', maxClicks: 50 },
      scroll: { maxScrolls: 20 },
      reveal: { selector: 'button.show', waitFor: '.phone' },
    });
  });

  it('names the field of every mistake in a browser section', () => {
    const with_ = (browser: string) => problem(file({ adapter: `${ADAPTER}      browser: ${browser}\n` }));
    expect(with_('{ waitFor: { listings: ".ad" } }')).toBe(
      'sites.yaml: site "x": field "adapter.browser.waitFor.listings": unknown key (check the spelling; see README, "The sites file")',
    );
    expect(with_('{ loadMore: { maxClicks: 3 } }')).toBe('sites.yaml: site "x": field "adapter.browser.loadMore.selector": is required');
    expect(with_('{ loadMore: { selector: "b", maxClicks: 0 } }')).toMatch(/^sites\.yaml: site "x": field "adapter\.browser\.loadMore\.maxClicks": .*>=1.* \(got 0\)$/);
    expect(with_('{ scroll: { maxScrolls: 2.5 } }')).toMatch(/^sites\.yaml: site "x": field "adapter\.browser\.scroll\.maxScrolls": /);
    expect(with_('{ reveal: { selector: "" } }')).toBe('sites.yaml: site "x": field "adapter.browser.reveal.selector": must be a CSS selector (got "")');
    expect(with_('{ reveal: { selector: "button[" } }')).toMatch(/^sites\.yaml: site "x": field "adapter\.browser\.reveal\.selector": is not a valid CSS selector \(.+\) \(got "button\["\)$/);
    expect(with_('{ sleep: 500 }')).toBe('sites.yaml: site "x": field "adapter.browser.sleep": unknown key (check the spelling; see README, "The sites file")');
  });

  it('refuses an adapter render that is neither http nor browser', () => {
    expect(problem(file({ adapter: ADAPTER.replace('render: browser', 'render: js') }))).toBe(
      'sites.yaml: site "x": field "adapter.render": must be http or browser (got "js")',
    );
  });
});
