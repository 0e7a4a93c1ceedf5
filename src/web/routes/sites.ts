// Site health per run, for every role: how the crawl went, never what it found on a profile.

import type { RouteModule } from '../context.ts';
import { sendPage } from '../http.ts';
import { siteHealth } from '../queries/site-health.ts';
import { sitesView } from '../views/sites.ts';

const DEFAULT_RUNS = 6;

export const siteRoutes: RouteModule = (app, { db }) => {
  app.get(
    '/sites',
    { schema: { querystring: { type: 'object', properties: { runs: { type: 'integer', minimum: 1, maximum: 50 } } } } },
    async (req, reply) => {
      const runs = (req.query as { runs?: number }).runs ?? DEFAULT_RUNS;
      const { siteRuns, alerts } = await siteHealth(db, runs);
      return sendPage(reply, req, 'Webbplatser och körningar', () => sitesView(siteRuns, alerts, runs));
    },
  );
};
