// Where the crawl's CPU time goes: Kartla's crawl of the national web (bench/crawl.ts kartlaCrawl:
// fetch, queue, extract, normalise, nothing stored) under V8's sampling profiler, its self time
// summed by what the code does. The web runs in its own process, so every sample is Kartla's.
// Run alone: npx tsx bench/profile-crawl.ts (also writes a .cpuprofile for Chrome DevTools to the
// temporary folder).

import { Session } from 'node:inspector/promises';
import { writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { kartlaCrawl, NATIONAL, startWebProcess, type CrawlFigures } from './crawl.ts';

interface ProfileNode {
  id: number;
  callFrame: { functionName: string; url: string };
  children?: number[];
}
interface CpuProfile {
  nodes: ProfileNode[];
  samples: number[];
  timeDeltas: number[];
}

/** What a sample's own code does, from its source file or V8's name for it; the first match wins. */
const CATEGORIES: [string, RegExp][] = [
  ['garbage collection', /^\(garbage collector\)/],
  ['idle (waiting for the network)', /^\((idle|program)\)/],
  ['HTML parsing (parse5 via cheerio.load)', /parse5|htmlparser2|entities\/|cheerio\/dist\/esm\/(load|parse)/],
  ['extraction (selectors, text, phones in the page)', /src\/extract\/|crawlers\/|cheerio|css-select|css-what|domutils|domhandler|nth-check|boolbase/],
  ['normalisation (age, gender, place, phones, indicators)', /src\/normalise\/|src\/indicators\/|libphonenumber-js/],
  ['HTTP client (got, node:http, sockets, streams, zlib)', /\/got\/|got-scraping|header-generator|cacheable|http2-wrapper|node:_http|node:net|node:internal\/(streams|stream_base|http|dns|net)|node:zlib|writeLatin1String|writeUtf8String|writev|guarded-http-client|address-guard/],
  ['crawlee (queue, handler plumbing, timeouts, validation)', /@crawlee|@apify|\/ow\/|callsites|shapeshift|memory-request-manager|src\/crawl\//],
  ['Node runtime (promises, timers, events, async hooks)', /^\(?(runMicrotasks|processTicksAndRejections)|node:internal\/(process|timers|async_hooks|event_target)|node:events|node:timers/],
];

export function categoryOf(node: ProfileNode): string {
  const { url, functionName } = node.callFrame;
  const name = url === '' ? functionName : `${url} ${functionName}`;
  for (const [category, pattern] of CATEGORIES) if (pattern.test(name)) return category;
  return 'other';
}

export interface CrawlProfile {
  crawl: CrawlFigures;
  /** Seconds of self time per category, largest first. */
  seconds: [string, number][];
  totalSeconds: number;
  profile: CpuProfile;
}

export async function profileCrawl(): Promise<CrawlProfile> {
  const web = await startWebProcess(NATIONAL);
  const session = new Session();
  session.connect();
  try {
    await session.post('Profiler.enable');
    await session.post('Profiler.setSamplingInterval', { interval: 1000 });
    await session.post('Profiler.start');
    const crawl = await kartlaCrawl(web);
    const { profile } = (await session.post('Profiler.stop')) as unknown as { profile: CpuProfile };
    const byId = new Map(profile.nodes.map((n) => [n.id, n]));
    const totals = new Map<string, number>();
    let total = 0;
    profile.samples.forEach((id, i) => {
      const micros = profile.timeDeltas[i] ?? 0;
      const category = categoryOf(byId.get(id)!);
      totals.set(category, (totals.get(category) ?? 0) + micros / 1e6);
      total += micros / 1e6;
    });
    return { crawl, seconds: [...totals].sort((a, b) => b[1] - a[1]), totalSeconds: total, profile };
  } finally {
    session.disconnect();
    await web.close();
  }
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const { crawl, seconds, totalSeconds, profile } = await profileCrawl();
  console.log(`crawl: ${crawl.pages} pages in ${crawl.seconds.toFixed(1)} s (${crawl.pagesPerSecond.toFixed(0)} pages/s), CPU ${crawl.cpuSeconds.toFixed(1)} s`);
  for (const [category, s] of seconds) console.log(`${s.toFixed(2).padStart(7)} s ${((s / totalSeconds) * 100).toFixed(1).padStart(5)} %  ${((s / crawl.pages) * 1000).toFixed(3)} ms/page  ${category}`);
  const file = path.join(tmpdir(), `kartla-crawl-${Date.now()}.cpuprofile`);
  writeFileSync(file, JSON.stringify(profile));
  console.log(`profile written to ${file}`);
}
