// Named errors that cross module boundaries. Callers branch on the class, never on message text;
// the CLI edge (src/cli/exit-codes.ts) maps classes to exit codes.

/** Base class: `message` is written for the user and says what to do. */
export class KartlaError extends Error {
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = new.target.name;
  }
}

/** The sites file or another configuration input is wrong; nothing has been crawled or written. */
export class ConfigError extends KartlaError {}

/** A command was called with arguments that do not fit. */
export class UsageError extends KartlaError {}

/** A mapping run ended `failed`: no site could be mapped. */
export class RunFailedError extends KartlaError {}

/** The user interrupted a run (Ctrl-C / SIGTERM); what was written is consistent and marked interrupted. */
export class RunInterruptedError extends KartlaError {}
