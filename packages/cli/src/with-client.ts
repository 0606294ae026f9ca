import { AtlasAuthError, AtlasForbiddenError, AtlasUnauthorizedError } from '@org/atlas-ai-keys';
import { checkBaseUrl } from './base-url.js';
import type { CommonOptions } from './common-options.js';
import { RefusedCredentialsError } from './exit-codes.js';
import { parseHeaders } from './header-option.js';
import type { CliIo } from './io.js';
import type { KeysClient } from './keys-client.js';

/** The options of a command that calls Atlas. */
export type ConnectionOptions = CommonOptions;

/** Whether `--debug` or `MONGODB_ATLAS_DEBUG` asks for the trace. */
export function debugRequested(io: CliIo, options: ConnectionOptions): boolean {
  return options.debug === true || /^(1|true|yes)$/i.test(io.env.MONGODB_ATLAS_DEBUG ?? '');
}

/**
 * Makes the client, runs `work` with it and closes it, whatever the outcome. A 401 or 403 from
 * Atlas, or a refused service-account token, comes back naming the credentials sent and where
 * they came from.
 */
export async function withClient<T>(
  io: CliIo,
  options: ConnectionOptions,
  work: (client: KeysClient) => Promise<T>,
): Promise<T> {
  // note: a bad --base-url is reported before the profile or the keyring is read.
  if (options.baseUrl !== undefined) checkBaseUrl(options.baseUrl, '--base-url');
  const client = await io.createClient({
    baseUrl: options.baseUrl,
    apiVersion: options.apiVersion,
    headers: parseHeaders(options.header),
    profile: options.profile,
    timeoutMs: options.timeout,
    maxRetries: options.maxRetries,
    announceRetries: options.verbose === true || io.tty.stderr,
    debug: debugRequested(io, options),
    env: io.env,
    stderr: io.stderr,
    signal: io.signal,
  });
  try {
    return await work(client);
  } catch (error) {
    const refused =
      error instanceof AtlasUnauthorizedError ||
      error instanceof AtlasForbiddenError ||
      (error instanceof AtlasAuthError && [400, 401, 403].includes(error.status ?? 0));
    if (refused && client.credentialsInUse) {
      throw new RefusedCredentialsError(error, client.credentialsInUse);
    }
    throw error;
  } finally {
    // note: closing revokes a service account's token; failing to do so must not hide the result.
    await client.close().catch(() => {});
  }
}
