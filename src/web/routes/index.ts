// Every route module of the dashboard, registered in this order.

import type { RouteModule } from '../context.ts';
import { auditRoutes } from './audit.ts';
import { clusterRoutes } from './clusters.ts';
import { loginRoutes } from './login.ts';
import { noteRoutes } from './notes.ts';
import { overviewRoutes } from './overview.ts';
import { profileRoutes } from './profile.ts';
import { siteRoutes } from './sites.ts';
import { userRoutes } from './users.ts';

export const ROUTES: readonly RouteModule[] = [loginRoutes, overviewRoutes, clusterRoutes, profileRoutes, siteRoutes, noteRoutes, auditRoutes, userRoutes];
