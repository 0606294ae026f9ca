/** The program's exit codes; scripts may rely on them. */
export const ExitCode = {
  /** The command did what was asked. */
  ok: 0,
  /** The API answered with an error, or could not be reached. */
  failure: 1,
  /** Bad usage (unknown command, missing or invalid argument, no credentials) or not confirmed. */
  usage: 2,
  /** Interrupted with Ctrl-C (128 + SIGINT). */
  interrupted: 130,
} as const;

/** One of {@link ExitCode}'s values. */
export type ExitCode = (typeof ExitCode)[keyof typeof ExitCode];

/** A failure the program reports as one line and an exit code, with no stack trace. */
export class CliError extends Error {
  override name = 'CliError';
  /** The code the program exits with. */
  readonly exitCode: ExitCode;

  constructor(message: string, exitCode: ExitCode) {
    super(message);
    this.exitCode = exitCode;
  }
}

/** Bad usage found before any request: exit 2. */
export class UsageError extends CliError {
  override name = 'UsageError';

  constructor(message: string) {
    super(message, ExitCode.usage);
  }
}

/**
 * The person at the terminal did not confirm a deletion: nothing was deleted, exit 2. Its message
 * is a plain statement (`Nothing deleted.`), not reported as an error.
 */
export class NotConfirmedError extends CliError {
  override name = 'NotConfirmedError';

  constructor(message: string) {
    super(message, ExitCode.usage);
  }
}

/** A step failed after an earlier one changed something: the message says what already happened. */
export class StepError extends Error {
  override name = 'StepError';
  /** What had already happened, put before the cause's own line. */
  readonly context: string;

  constructor(context: string, cause: unknown) {
    super(context, { cause });
    this.context = context;
  }
}

/** Atlas refused the credentials (401, 403, or a refused token): the cause, and which credentials were sent. */
export class RefusedCredentialsError extends Error {
  override name = 'RefusedCredentialsError';
  /** The credentials sent and where they came from, as a phrase. */
  readonly credentials: string;

  constructor(cause: unknown, credentials: string) {
    super(credentials, { cause });
    this.credentials = credentials;
  }
}

/** stdout was closed by its reader (`| head`): the command stops quietly, with success. */
export class OutputClosedError extends Error {
  override name = 'OutputClosedError';
}
