import type { AiModelApiKey } from '@org/atlas-ai-keys';
import { CliError, ExitCode, StepError } from '../exit-codes.js';
import type { CliIo } from '../io.js';
import { newKeyJson } from '../key-output.js';
import { Data, Messages } from '../messages.js';
import { hasControlCharacters } from '../one-line.js';

/** The warning that goes with every printed secret. */
export const ONCE_WARNING =
  'This is the only time the secret is shown: store it now, it cannot be shown again.';

/**
 * Prints a new key's secret once, on stdout (alone, or inside the key's JSON with `json`), and
 * warns on stderr that it cannot be shown again. Resolves only once stdout has taken it, so the
 * caller's next step (deleting the old key) never runs while the secret could still be lost;
 * `leftUndone` says what that caller leaves undone when this fails, for the message.
 */
export async function revealSecret(
  io: CliIo,
  key: AiModelApiKey,
  json: boolean | undefined,
  done: string,
  leftUndone?: string,
): Promise<void> {
  const messages = new Messages(io);
  const { secret } = key;
  // note: a secret is printed raw, for scripts to store; one that is not printable text (an
  // escape sequence, a zero-width character) is no usable key and would steer the terminal.
  const unusable =
    typeof secret !== 'string' || secret === ''
      ? 'carried no secret'
      : hasControlCharacters(secret)
        ? 'carried a secret that is not printable text'
        : undefined;
  if (unusable) {
    throw new CliError(
      `key ${key.apiKeyId} was created, but the response ${unusable}: delete it and create another` +
        (leftUndone ? `; ${leftUndone}` : ''),
      ExitCode.failure,
    );
  }
  messages.done(done);
  try {
    await new Data(io).write(json ? newKeyJson(key) : `${secret}\n`);
  } catch (error) {
    throw new StepError(
      `key ${key.apiKeyId} was created, but its secret could not be written to stdout` +
        (leftUndone ? `; ${leftUndone}` : ''),
      error,
    );
  }
  messages.warn(ONCE_WARNING);
}
