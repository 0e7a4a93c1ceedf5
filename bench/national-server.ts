// How fast the synthetic national web answers, so that no crawl benchmark measures the server
// instead of Kartla: every profile page of the full 46-site web fetched by a bare HTTP client with
// 16 requests in flight (twice the demo crawl's concurrency), first cold (each page rendered on
// its first request) and then warm (from the server's page cache).

import { Agent, get } from 'node:http';
import { startNationalWeb } from '../src/demo/national/server.ts';

const IN_FLIGHT = 16;

function fetchOne(url: string, agent: Agent): Promise<void> {
  return new Promise((resolve, reject) => {
    get(url, { agent }, (res) => {
      if (res.statusCode !== 200) reject(new Error(`${url}: server answered ${res.statusCode}`));
      res.on('data', () => {}).on('end', resolve).on('error', reject);
    }).on('error', reject);
  });
}

async function fetchAll(urls: readonly string[], agent: Agent): Promise<number> {
  let next = 0;
  const started = performance.now();
  await Promise.all(
    Array.from({ length: IN_FLIGHT }, async () => {
      while (next < urls.length) {
        await fetchOne(urls[next++]!, agent);
      }
    }),
  );
  return (urls.length / (performance.now() - started)) * 1000;
}

export async function benchNationalServer(): Promise<{ coldPagesPerSecond: number; warmPagesPerSecond: number; pages: number }> {
  const web = await startNationalWeb({ seed: 2025 });
  const agent = new Agent({ keepAlive: true, maxSockets: IN_FLIGHT });
  try {
    const urls = web.world.profiles.map((p) => web.urlFor(p.siteId, p.id));
    const coldPagesPerSecond = await fetchAll(urls, agent);
    const warmPagesPerSecond = await fetchAll(urls, agent);
    return { coldPagesPerSecond, warmPagesPerSecond, pages: urls.length };
  } finally {
    agent.destroy();
    await web.close();
  }
}
