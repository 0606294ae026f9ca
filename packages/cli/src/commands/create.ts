import { checkName, checkScope } from '../arguments.js';
import type { CliIo } from '../io.js';
import type { CreateParams } from '../keys-client.js';
import { printable } from '../one-line.js';
import { resolveProject } from '../scope.js';
import { checkSecretFile } from '../secret-file.js';
import { type ConnectionOptions, withClient } from '../with-client.js';
import { revealSecret } from './reveal-secret.js';

/** Options of `create`. */
export interface CreateOptions extends ConnectionOptions {
  readonly project?: string;
  readonly name?: string;
  /** `--cloud`: commander fills in the spec's declared default. */
  readonly cloud?: string;
  /** `--geography`: commander fills in the spec's declared default. */
  readonly geography?: string;
  readonly json?: boolean;
  readonly secretFile?: string;
  readonly force?: boolean;
}

/** `create --name <name>`: a new key in a project; its secret is printed once, or written to a file. */
export async function create(io: CliIo, options: CreateOptions): Promise<void> {
  const name = checkName(options.name, 'createGroupAiModelApiKey');
  // note: left out when absent, so the client sends the spec's declared default.
  const scope = {
    ...(options.cloud === undefined ? {} : { cloud: checkScope(options.cloud, 'cloud') }),
    ...(options.geography === undefined
      ? {}
      : { geography: checkScope(options.geography, 'geography') }),
  };
  const file =
    options.secretFile === undefined
      ? undefined
      : await checkSecretFile(options.secretFile, options.force === true);
  const { groupId } = await resolveProject(io, options);
  const params: CreateParams = { groupId, name, ...scope };
  await withClient(io, options, async (client) => {
    const key = await client.keys.create(params, { signal: io.signal });
    const label = `"${printable(key.name ?? name)}" (${printable(key.apiKeyId ?? '')})`;
    await revealSecret(
      io,
      key,
      { json: options.json, file },
      `Created key ${label} in project ${groupId}.`,
    );
  });
}
