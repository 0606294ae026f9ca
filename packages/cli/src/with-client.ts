import { parseHeaders } from './header-option.js';
import type { CliIo } from './io.js';
import type { KeysClient } from './keys-client.js';

/** `--base-url`, `--api-version` and `--header`, which every command takes. */
export interface ConnectionOptions {
  readonly baseUrl?: string;
  readonly apiVersion?: string;
  readonly header?: readonly string[];
}

/** Makes the client, runs `work` with it and closes it, whatever the outcome. */
export async function withClient<T>(
  io: CliIo,
  options: ConnectionOptions,
  work: (client: KeysClient) => Promise<T>,
): Promise<T> {
  const client = await io.createClient({
    baseUrl: options.baseUrl,
    apiVersion: options.apiVersion,
    headers: parseHeaders(options.header),
    env: io.env,
    stderr: io.stderr,
  });
  try {
    return await work(client);
  } finally {
    // note: closing revokes a service account's token; failing to do so must not hide the result.
    await client.close().catch(() => {});
  }
}
