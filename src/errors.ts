// Named errors that cross module boundaries. Callers branch on the class, never on message text;
// the CLI edge (src/cli/exit-codes.ts) maps classes to exit codes.

/** Base class: `message` is written for the user and says what to do. */
export class KartlaError extends Error {
  /**
   * True when the message is built only from Kartla's own values (key ids, counts, paths), never
   * from page text, so the CLI prints it as written: redacting would turn a key id such as
   * `c1234567` into `[number]` and hide the very thing the user must compare.
   */
  readonly ownValuesOnly: boolean;

  constructor(message: string, options?: { cause?: unknown; ownValuesOnly?: boolean }) {
    super(message, options);
    this.name = new.target.name;
    this.ownValuesOnly = options?.ownValuesOnly ?? false;
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
