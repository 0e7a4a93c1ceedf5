// One year of the national synthetic web mapped as the tests and benchmarks map it: every site at
// once (8 at a time), and the web's collision numbers (fiction numbers shared by unrelated
// independents) kept out of clustering, as an analyst would list them in `clustering.ignorePhones`.

import { runMapping, type RunResult } from '../../src/crawl/mapping-run.ts';
import { DEMO_CRAWL, demoSitesAsResolved } from '../../src/demo/as-sites.ts';
import type { NationalWeb } from '../../src/demo/national/server.ts';
import type { Database } from '../../src/store/database.ts';

export function mapNationalWeb(db: Database, web: NationalWeb, label: string): Promise<RunResult> {
  return runMapping({
    db,
    sites: demoSitesAsResolved(web),
    crawl: DEMO_CRAWL,
    siteConcurrency: 8,
    label,
    clustering: { ignorePhones: web.world.collisionNumbers },
  });
}
