import { checkName, projectScope } from '../arguments.js';
import type { CliIo } from '../io.js';
import { printable } from '../one-line.js';
import { type ConnectionOptions, withClient } from '../with-client.js';
import { revealSecret } from './reveal-secret.js';

/** Options of `create`. */
export interface CreateOptions extends ConnectionOptions {
  readonly project?: string;
  readonly name?: string;
  readonly json?: boolean;
}

/** `create --name <name>`: a new key in a project; its secret is printed once. */
export async function create(io: CliIo, options: CreateOptions): Promise<void> {
  const { groupId } = projectScope(options, io.env);
  const name = checkName(options.name);
  await withClient(io, options, async (client) => {
    const key = await client.createGroupAiModelApiKey({ groupId, name }, { signal: io.signal });
    const label = `"${printable(key.name ?? name)}" (${printable(key.apiKeyId ?? '')})`;
    await revealSecret(io, key, options.json, `Created key ${label} in project ${groupId}.`);
  });
}
