import type { AiModelApiKey } from '@org/atlas-ai-keys';
import { CliError, ExitCode, StepError } from '../exit-codes.js';
import type { CliIo } from '../io.js';
import { newKeyJson, toJson } from '../key-output.js';
import { Data, Messages } from '../messages.js';
import { hasControlCharacters } from '../one-line.js';
import { type SecretFile, writeSecretFile } from '../secret-file.js';

/** The warning that goes with every printed secret. */
export const ONCE_WARNING =
  'This is the only time the secret is shown: store it now, it cannot be shown again.';

/** Where a new secret goes: stdout (alone, or in the key's JSON), or a file. */
export interface SecretOutput {
  readonly json?: boolean | undefined;
  readonly file?: SecretFile | undefined;
}

/**
 * Hands a new key's secret over once: written to `--secret-file` (then printed nowhere; with
 * `json` the key's JSON without it), or printed on stdout, alone or inside the key's JSON, with a
 * warning on stderr that it cannot be shown again. Resolves only once the secret is stored or
 * stdout has taken it, so the caller's next step (deleting the old key) never runs while the
 * secret could still be lost; `leftUndone` says what that caller leaves undone when this fails.
 */
export async function revealSecret(
  io: CliIo,
  key: AiModelApiKey,
  output: SecretOutput,
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
  const undone = leftUndone ? `; ${leftUndone}` : '';
  if (unusable) {
    throw new CliError(
      `key ${key.apiKeyId} was created, but the response ${unusable}: delete it and create another${undone}`,
      ExitCode.failure,
    );
  }
  const { file } = output;
  if (file) {
    try {
      await writeSecretFile(file, secret as string);
    } catch (error) {
      throw new StepError(
        `key ${key.apiKeyId} was created, but its secret could not be written to ${file.path}, and is shown nowhere: delete the key${undone}`,
        error,
      );
    }
    messages.done(`${done} Its secret is in ${file.path}, readable only by you.`);
    if (output.json) await new Data(io).write(toJson({ ...key, secretFile: file.path }));
    return;
  }
  messages.done(done);
  try {
    await new Data(io).write(output.json ? newKeyJson(key) : `${secret}\n`);
  } catch (error) {
    throw new StepError(
      `key ${key.apiKeyId} was created, but its secret could not be written to stdout${undone}`,
      error,
    );
  }
  messages.warn(ONCE_WARNING);
}
