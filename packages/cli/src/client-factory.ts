import { authFromEnv, createAtlasAiKeysClient, type Logger } from '@org/atlas-ai-keys';
import { UsageError } from './exit-codes.js';
import { fetchWithHeaders } from './header-option.js';
import type { Output } from './io.js';
import type { ClientSettings, KeysClient } from './keys-client.js';
import { oneLine } from './one-line.js';
import { cliVersion } from './version.js';

/** The variables `authFromEnv` reads, in its order of precedence, for the message that names them. */
export const CREDENTIAL_HELP =
  'no credentials: set MONGODB_ATLAS_ACCESS_TOKEN, or MONGODB_ATLAS_CLIENT_ID and ' +
  'MONGODB_ATLAS_CLIENT_SECRET (a service account), or MONGODB_ATLAS_PUBLIC_API_KEY and ' +
  'MONGODB_ATLAS_PRIVATE_API_KEY (an API key)';

/** The client's warnings, one line each on stderr; its fields are left out of the terminal. */
function stderrLogger(stderr: Output): Logger {
  const line = (level: string) => (message: string) => {
    stderr.write(`${level}: ${oneLine(message)}\n`);
  };
  return { debug: line('debug'), info: line('info'), warn: line('warning'), error: line('error') };
}

/**
 * The one place a client is made: credentials from the `MONGODB_ATLAS_*` variables through
 * `authFromEnv` (with its precedence), `--base-url`, `--api-version` and `--header` when given.
 */
export async function createClient(settings: ClientSettings): Promise<KeysClient> {
  // note: authFromEnv throws naming the variables when none is set; older versions return undefined.
  const auth = authFromEnv(settings.env);
  if (auth === undefined) throw new UsageError(CREDENTIAL_HELP);
  // note: typed as KeysClient so that the compiler checks the client still offers what the commands use.
  const client: KeysClient = createAtlasAiKeysClient({
    auth,
    ...(settings.baseUrl === undefined ? {} : { baseUrl: settings.baseUrl }),
    ...(settings.apiVersion === undefined
      ? {}
      : { apiVersion: settings.apiVersion as `${number}-${number}-${number}` }),
    ...(settings.headers?.length ? { fetch: fetchWithHeaders(settings.headers) } : {}),
    logger: stderrLogger(settings.stderr),
    userAgent: `atlas-ai-keys-cli/${cliVersion()}`,
  });
  return client;
}
