// Browser rendering: how fast the browser path reads a site and how much memory it takes with the
// Chromium processes, with 1, 2 and 4 pages open at a time. One national load-more-json site
// (seed 2025, 10 sites, 800 profiles: 70 profiles, its listing behind two "load more" clicks and
// every number behind a "show number" click), crawled with the browser-only adapter of the
// browser tests, politeness off as for the demo, photos off (the test server would spend the
// shared CPU generating them). Pages/s counts pages navigated (listing and profiles); memory is the
// peak, sampled every 100 ms, of the summed resident sets of this process and its descendants
// (Chromium's browser, zygote, renderer and utility processes) from /proc, and of the Chromium
// processes alone. A summed RSS counts pages shared between processes (Chromium's binary and
// libraries, mapped by each of its processes) once per process, so it is an upper bound; the
// summed PSS (proportional set, /proc/<pid>/smaps_rollup) shares them out and is the better
// measure of what the crawl costs the machine.
//
// Run alone: `npx tsx bench/browser.ts` prints the figures once for each concurrency.

import { readdirSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { crawlSite } from '../src/crawl/site-crawler.ts';
import { DEMO_CRAWL, demoSitesAsResolved } from '../src/demo/as-sites.ts';
import { startNationalWeb } from '../src/demo/national/server.ts';
import { browserLoadMore } from '../tests/crawl/browser-adapters.ts';

export interface BrowserFigures {
  pagesPerSecond: number;
  pages: number;
  profiles: number;
  /** Peak summed RSS of this process and every descendant. */
  peakMiB: number;
  /** Peak summed RSS of the descendants alone (Chromium). */
  peakChromiumMiB: number;
  /** Peak summed PSS of this process and every descendant. */
  peakPssMiB: number;
}

/** Resident set of every process by pid, and its parent. */
function processTable(): Map<number, { ppid: number; rssKiB: number }> {
  const table = new Map<number, { ppid: number; rssKiB: number }>();
  // Every process is read, as a descendant is only known by its parent's pid.
  for (const name of readdirSync('/proc')) {
    if (!/^\d+$/.test(name)) continue;
    try {
      const status = readFileSync(`/proc/${name}/status`, 'utf8');
      const ppid = Number(/^PPid:\s+(\d+)/m.exec(status)?.[1] ?? 0);
      const rssKiB = Number(/^VmRSS:\s+(\d+) kB/m.exec(status)?.[1] ?? 0);
      table.set(Number(name), { ppid, rssKiB });
    } catch {
      // gone between the listing and the read
    }
  }
  return table;
}

function pssKiB(pid: number): number {
  try {
    return Number(/^Pss:\s+(\d+) kB/m.exec(readFileSync(`/proc/${pid}/smaps_rollup`, 'utf8'))?.[1] ?? 0);
  } catch {
    return 0;
  }
}

/** Summed RSS (KiB) of `root` and of its descendants, and the PSS of all of them. */
export function treeRss(root = process.pid): { selfKiB: number; descendantsKiB: number; pssKiB: number } {
  const table = processTable();
  const children = new Map<number, number[]>();
  for (const [pid, { ppid }] of table) children.set(ppid, [...(children.get(ppid) ?? []), pid]);
  let descendantsKiB = 0;
  let pss = pssKiB(root);
  const stack = [...(children.get(root) ?? [])];
  while (stack.length > 0) {
    const pid = stack.pop()!;
    descendantsKiB += table.get(pid)?.rssKiB ?? 0;
    pss += pssKiB(pid);
    stack.push(...(children.get(pid) ?? []));
  }
  return { selfKiB: table.get(root)?.rssKiB ?? 0, descendantsKiB, pssKiB: pss };
}

export async function benchBrowser(concurrency: number): Promise<BrowserFigures> {
  const web = await startNationalWeb({ seed: 2025, sites: 10, profiles: 800 });
  let peak = 0;
  let peakChromium = 0;
  let peakPss = 0;
  const sample = () => {
    const { selfKiB, descendantsKiB, pssKiB } = treeRss();
    peak = Math.max(peak, selfKiB + descendantsKiB);
    peakChromium = Math.max(peakChromium, descendantsKiB);
    peakPss = Math.max(peakPss, pssKiB);
  };
  const sampler = setInterval(sample, 100);
  try {
    const site = demoSitesAsResolved(web).find((s) => web.sites.find((w) => w.id === s.id)?.renderedLayout === 'load-more-json');
    if (!site) throw new Error('the benchmark world has no load-more-json site');
    let profiles = 0;
    const started = performance.now();
    const result = await crawlSite({ ...site, maxConcurrency: concurrency }, browserLoadMore, { ...DEMO_CRAWL, photos: false }, { onProfile: () => void (profiles += 1) });
    const seconds = (performance.now() - started) / 1000;
    if (result.errorCount > 0) throw new Error(`browser benchmark crawl had errors: ${result.errors.map((e) => e.reason).join('; ')}`);
    const pages = result.profilePages + 1;
    return { pagesPerSecond: pages / seconds, pages, profiles, peakMiB: peak / 1024, peakChromiumMiB: peakChromium / 1024, peakPssMiB: peakPss / 1024 };
  } finally {
    clearInterval(sampler);
    await web.close();
  }
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  for (const n of [1, 2, 4]) {
    const f = await benchBrowser(n);
    console.log(
      `${n} page(s) at a time: ${f.pagesPerSecond.toFixed(2)} pages/s (${f.pages} pages, ${f.profiles} profiles); ` +
        `peak memory (RSS summed) ${f.peakMiB.toFixed(0)} MiB with Chromium, of which Chromium ${f.peakChromiumMiB.toFixed(0)} MiB; ` +
        `peak PSS summed ${f.peakPssMiB.toFixed(0)} MiB`,
    );
  }
}
