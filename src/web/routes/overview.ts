// The start page, for every role: site volumes and trends, never identifiers.

import type { RouteModule } from '../context.ts';
import { sendPage } from '../http.ts';
import { overviewData, warmOverview } from '../queries/overview-data.ts';
import { noRunsView, overviewView } from '../views/overview.ts';

export const overviewRoutes: RouteModule = (app, { db }) => {
  // Reading two national runs takes seconds; better at start-up than on someone's first visit.
  // Only when serving on a port: tests that inject requests get no query running behind their back.
  app.addHook('onListen', async () => warmOverview(db));
  app.get('/', async (req, reply) => {
    const data = await overviewData(db);
    if (!data) return sendPage(reply, req, 'Översikt', () => noRunsView());
    return sendPage(reply, req, 'Översikt', () => overviewView(data, req.user));
  });
};
