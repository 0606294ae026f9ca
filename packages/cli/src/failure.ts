import {
  AtlasAbortError,
  AtlasApiError,
  AtlasError,
  AtlasValidationError,
  apiVersionHint,
} from '@org/atlas-ai-keys';
import {
  CliError,
  ExitCode,
  NotConfirmedError,
  OutputClosedError,
  RefusedCredentialsError,
  StepError,
} from './exit-codes.js';
import { oneLine } from './one-line.js';

/** How a failure is reported: the exit code, and the one line for stderr (none for Ctrl-C). */
export interface Failure {
  readonly exitCode: ExitCode;
  readonly line: string | undefined;
  /** A plain statement, such as "Nothing deleted.", rather than an error. */
  readonly plain?: boolean;
}

/** The client's names for arguments, as the command line spells them. */
const OPTION_NAMES: Readonly<Record<string, string>> = {
  groupId: '--project',
  orgId: '--org',
  apiKeyId: '<apiKeyId>',
  modelGroupName: '<modelGroupName>',
  name: '--name',
  requestsPerMinuteLimit: '--rpm',
  tokensPerMinuteLimit: '--tpm',
  baseUrl: '--base-url',
  apiVersion: '--api-version',
};

/** Whether `error` is the end of an interrupted call. */
function isInterrupt(error: unknown): boolean {
  return (
    error instanceof AtlasAbortError || (error instanceof Error && error.name === 'AbortError')
  );
}

/**
 * An API error as `status errorCode: detail`, the way Atlas users quote them. A body that is not
 * Atlas's (a gateway's problem document, an HTML page) reads as the client summarised it.
 */
function apiErrorText(error: AtlasApiError): string {
  const code = error.errorCode ? ` ${error.errorCode}` : '';
  // note: a 2xx whose body was unusable says so; an error status's body is summarised as it is.
  const excerpt =
    error.bodyExcerpt && error.status < 300
      ? `unexpected body: ${error.bodyExcerpt}`
      : error.bodyExcerpt;
  const detail = error.detail ?? excerpt ?? error.reason ?? 'no detail';
  const hint = apiVersionHint(error.status, '--api-version <version>');
  return `${error.status}${code}: ${detail}${hint ? `; ${hint}` : ''}`;
}

/** The exit code and text of one error, without its context. */
function classify(error: unknown): { exitCode: ExitCode; text: string } {
  if (error instanceof RefusedCredentialsError) {
    const { exitCode, text } = classify(error.cause);
    return { exitCode, text: `${text}; the credentials sent: ${error.credentials}` };
  }
  if (error instanceof CliError) return { exitCode: error.exitCode, text: error.message };
  if (error instanceof AtlasValidationError) {
    const option = OPTION_NAMES[error.field];
    // note: the client names its own parameters; the command line's names are the ones to fix.
    const text = option ? `${option} must be ${error.expected}` : error.message;
    return { exitCode: ExitCode.usage, text };
  }
  if (error instanceof AtlasApiError)
    return { exitCode: ExitCode.failure, text: apiErrorText(error) };
  if (error instanceof AtlasError || error instanceof Error) {
    return { exitCode: ExitCode.failure, text: error.message };
  }
  return { exitCode: ExitCode.failure, text: String(error) };
}

/**
 * Maps an error to its exit code and one line: 2 for usage, 1 for API and network errors, 130 for
 * Ctrl-C. The line holds status, errorCode and detail but never a stack trace; the client keeps
 * credentials and secrets out of its messages, and this adds none.
 */
export function describeFailure(error: unknown, interrupted: boolean): Failure {
  // note: a reader that closed stdout (`| head -1`) took what it wanted: success, as gh and jq do.
  if (error instanceof OutputClosedError) return { exitCode: ExitCode.ok, line: undefined };
  if (error instanceof NotConfirmedError) {
    return { exitCode: error.exitCode, line: oneLine(error.message), plain: true };
  }
  const context = error instanceof StepError ? error.context : undefined;
  const cause = error instanceof StepError ? error.cause : error;
  if (interrupted || isInterrupt(cause)) {
    return {
      exitCode: ExitCode.interrupted,
      line: context === undefined ? undefined : oneLine(`interrupted: ${context}`),
    };
  }
  const { exitCode, text } = classify(cause);
  return { exitCode, line: oneLine(context === undefined ? text : `${context}: ${text}`) };
}
