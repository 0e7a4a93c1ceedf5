// The one place where errors become exit codes (README, "Exit codes").

import { ConfigError, RunFailedError, RunInterruptedError, UsageError } from '../errors.ts';
import { UserNotFoundError } from '../web/auth/users.ts';
import { ClusterNotFoundError, DatabaseAuthError, DatabaseNotFoundError, DatabaseUrlError, InvalidRunRefError, NoEarlierRunError, NoRunsError, RunNotFoundError } from '../store/errors.ts';

export const EXIT = {
  ok: 0,
  /** The run failed, or something went wrong while doing what was asked. */
  failed: 1,
  /** Bad usage or bad configuration: nothing was crawled or written. */
  usage: 2,
  /** Interrupted with Ctrl-C (128 + SIGINT), as shells expect. */
  interrupted: 130,
} as const;

export function exitCodeFor(error: unknown): number {
  if (error instanceof UsageError || error instanceof ConfigError) return EXIT.usage;
  // A run reference or a DATABASE_URL the user got wrong is bad usage, like a bad option.
  if (error instanceof InvalidRunRefError || error instanceof RunNotFoundError || error instanceof NoRunsError || error instanceof NoEarlierRunError || error instanceof ClusterNotFoundError || error instanceof UserNotFoundError) return EXIT.usage;
  // A DATABASE_URL that names no database, or a wrong login, is bad configuration; a server that
  // is down is not (exit 1), since the same command will work once it is up.
  if (error instanceof DatabaseUrlError || error instanceof DatabaseNotFoundError || error instanceof DatabaseAuthError) return EXIT.usage;
  if (error instanceof RunInterruptedError) return EXIT.interrupted;
  if (error instanceof RunFailedError) return EXIT.failed;
  return EXIT.failed;
}
