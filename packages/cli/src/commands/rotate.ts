import { checkApiKeyId, checkScope, scopeChoices } from '../arguments.js';
import { checkConfirmable, confirm } from '../confirm.js';
import { CliError, ExitCode, NotConfirmedError, StepError } from '../exit-codes.js';
import type { CliIo } from '../io.js';
import type { CreateParams } from '../keys-client.js';
import { Messages } from '../messages.js';
import { printable } from '../one-line.js';
import { resolveProject } from '../scope.js';
import { checkSecretFile } from '../secret-file.js';
import { type ConnectionOptions, withClient } from '../with-client.js';
import { revealSecret } from './reveal-secret.js';

/** Options of `rotate`. */
export interface RotateOptions extends ConnectionOptions {
  readonly project?: string;
  readonly json?: boolean;
  readonly yes?: boolean;
  readonly keepOld?: boolean;
  readonly secretFile?: string;
  readonly force?: boolean;
  /** `--cloud`; absent keeps the old key's. */
  readonly cloud?: string;
  /** `--geography`; absent keeps the old key's. */
  readonly geography?: string;
}

/**
 * The scope of the new key: the option when given, else the old key's when the spec allows it
 * (a rotation replaces the key as it was), else nothing, so the client sends its declared default.
 */
function scopeOf<F extends 'cloud' | 'geography'>(
  given: string | undefined,
  old: string,
  field: F,
): Pick<CreateParams, F> | Record<string, never> {
  if (given !== undefined) return { [field]: checkScope(given, field) } as Pick<CreateParams, F>;
  if (!scopeChoices(field).choices.includes(old)) return {};
  return { [field]: checkScope(old, field) } as Pick<CreateParams, F>;
}

/**
 * `rotate <apiKeyId>`: creates a key named after the old one, prints its secret once, then deletes
 * the old key after confirmation (or keeps it with `--keep-old`). Each step starts only when the
 * one before has succeeded: the old key goes only once the new secret is out on stdout, and a
 * failure after that says what was done.
 */
export async function rotate(io: CliIo, apiKeyId: string, options: RotateOptions): Promise<void> {
  const id = checkApiKeyId(apiKeyId);
  if (options.cloud !== undefined) checkScope(options.cloud, 'cloud');
  if (options.geography !== undefined) checkScope(options.geography, 'geography');
  const file =
    options.secretFile === undefined
      ? undefined
      : await checkSecretFile(options.secretFile, options.force === true);
  const { groupId } = await resolveProject(io, options);
  const yes = options.yes === true;
  const keepOld = options.keepOld === true;
  if (!keepOld) checkConfirmable(io, yes, `rotate deletes the old key ${id} (--keep-old keeps it)`);
  const messages = new Messages(io);
  const deleteLater = `atlas-ai-keys delete ${id} --project ${groupId}`;
  await withClient(io, options, async (client) => {
    const signal = io.signal;
    const old = await client.keys.get({ groupId, apiKeyId: id }, { signal });
    if (typeof old.name !== 'string') {
      throw new CliError(
        `key ${id} came back without a name to give its successor`,
        ExitCode.failure,
      );
    }
    const name = old.name;
    const params: CreateParams = {
      groupId,
      name,
      ...scopeOf(options.cloud, old.cloud, 'cloud'),
      ...scopeOf(options.geography, old.geography, 'geography'),
    };
    let created: Awaited<ReturnType<typeof client.keys.create>>;
    try {
      created = await client.keys.create(params, { signal });
    } catch (error) {
      throw new StepError(`creating the new key failed, the old key ${id} was kept`, error);
    }
    const newId = printable(created.apiKeyId ?? '');
    await revealSecret(
      io,
      created,
      { json: options.json, file },
      `Created key "${printable(name)}" (${newId}) to replace ${id}.`,
      `the old key ${id} was kept`,
    );
    const done = `the new key ${newId} was created and its secret ${file ? `written to ${file.path}` : 'printed'}`;
    if (keepOld) {
      messages.info(`Kept the old key ${id}; when nothing uses it any more: ${deleteLater}`);
      return;
    }
    if (!yes) {
      let confirmed: boolean;
      try {
        confirmed = await confirm(io, `Delete the old key "${printable(name)}" (${id}) now?`);
      } catch (error) {
        throw new StepError(`${done}; the old key ${id} was kept`, error);
      }
      if (!confirmed) {
        throw new NotConfirmedError(
          `Nothing deleted: the old key ${id} was kept; when nothing uses it any more: ${deleteLater}`,
        );
      }
    }
    try {
      await client.keys.delete({ groupId, apiKeyId: id }, { signal });
    } catch (error) {
      throw new StepError(`${done}, but deleting the old key ${id} failed`, error);
    }
    messages.done(`Deleted the old key ${id}.`);
  });
}
