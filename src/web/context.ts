// What every route module gets, and the request's signed-in user.

import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { Database } from '../store/database.ts';
import type { UserView } from './auth/users.ts';

declare module 'fastify' {
  interface FastifyRequest {
    /** The signed-in user; null on the public routes (login). */
    user: UserView | null;
  }
}

export interface WebContext {
  db: Database;
  /** Cookies carry the Secure flag (TLS here, or a TLS-terminating proxy in front). */
  secureCookies: boolean;
}

/** A route module: registers its routes on the app. */
export type RouteModule = (app: FastifyInstance, ctx: WebContext) => void;

export type { FastifyReply, FastifyRequest };
