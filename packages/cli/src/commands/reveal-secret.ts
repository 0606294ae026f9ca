import type { AiModelApiKey } from '@org/atlas-ai-keys';
import { CliError, ExitCode, StepError } from '../exit-codes.js';
import type { CliIo } from '../io.js';
import { newKeyJson } from '../key-output.js';
import { Data, Messages } from '../messages.js';

/** The warning that goes with every printed secret. */
export const ONCE_WARNING =
  'This is the only time the secret is shown: store it now, it cannot be shown again.';

/**
 * Prints a new key's secret once, on stdout (alone, or inside the key's JSON with `json`), and
 * warns on stderr that it cannot be shown again. Resolves only once stdout has taken it, so the
 * caller's next step (deleting the old key) never runs while the secret could still be lost;
 * `onWriteFailure` says what that caller left undone, for the message when it is.
 */
export async function revealSecret(
  io: CliIo,
  key: AiModelApiKey,
  json: boolean | undefined,
  done: string,
  onWriteFailure?: string,
): Promise<void> {
  const messages = new Messages(io);
  if (typeof key.secret !== 'string' || key.secret === '') {
    throw new CliError(
      `key ${key.apiKeyId} was created, but the response carried no secret: delete it and create another`,
      ExitCode.failure,
    );
  }
  messages.done(done);
  try {
    await new Data(io).write(json ? newKeyJson(key) : `${key.secret}\n`);
  } catch (error) {
    throw new StepError(
      `key ${key.apiKeyId} was created, but its secret could not be written to stdout` +
        (onWriteFailure ? `; ${onWriteFailure}` : ''),
      error,
    );
  }
  messages.warn(ONCE_WARNING);
}
