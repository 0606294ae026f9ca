import { createAtlasAiKeysClient, type Logger } from '@org/atlas-ai-keys';
import type { AtlasCliCredentials } from '@org/atlas-ai-keys/atlas-cli';
import { atlasCliProfile, describeSource } from './atlas-cli-profile.js';
import { checkBaseUrl } from './base-url.js';
import { UsageError } from './exit-codes.js';
import { fetchWithHeaders } from './header-option.js';
import type { Output } from './io.js';
import type { ClientSettings, KeysClient } from './keys-client.js';
import { oneLine } from './one-line.js';
import { useProxyFromEnv } from './proxy.js';
import { cliVersion } from './version.js';

/** The client's messages on stderr, one line each: the trace, retries, warnings. */
function stderrLogger(stderr: Output): Logger {
  const line =
    (prefix: string) =>
    (message: string): void => {
      stderr.write(`${prefix}${oneLine(message)}\n`);
    };
  return {
    debug: line('debug: '),
    info: line(''),
    warn: line('warning: '),
    error: line('error: '),
  };
}

/** Credentials as a phrase for messages: what they are, their public part, where each part came from. */
export function describeCredentials(credentials: AtlasCliCredentials): string {
  const what =
    credentials.type === 'digest'
      ? `the API key ${credentials.publicPart}`
      : credentials.type === 'serviceAccount'
        ? `the service account ${credentials.publicPart}`
        : 'an access token';
  const origins = credentials.sources.map((source) =>
    source.kind === 'file'
      ? `Atlas CLI profile "${source.profile ?? 'settings'}" (${source.file})`
      : source.kind === 'keyring'
        ? 'the OS keyring'
        : describeSource(source),
  );
  return `${what} from ${[...new Set(origins)].join(' and ')}`;
}

/**
 * The one place a client is made: credentials from the `MONGODB_ATLAS_*` variables or else the
 * Atlas CLI profile (its file, then the OS keyring), the base URL from `--base-url`, the variables
 * or the profile, the limits, `--header`s and the trace from the options, and a proxy from
 * `HTTPS_PROXY`.
 */
export async function createClient(settings: ClientSettings): Promise<KeysClient> {
  const logger = stderrLogger(settings.stderr);
  const profile = await atlasCliProfile(settings, settings.profile);
  const { credentials } = profile;
  if (!credentials) throw new UsageError(profile.problem ?? 'no Atlas credentials');
  const baseUrl =
    settings.baseUrl !== undefined
      ? checkBaseUrl(settings.baseUrl, '--base-url')
      : profile.baseUrl &&
        checkBaseUrl(profile.baseUrl.value, describeSource(profile.baseUrl.source));
  const proxy = await useProxyFromEnv(settings.env);
  const inUse = describeCredentials(credentials);
  if (settings.debug) {
    logger.debug(`credentials: ${inUse}`);
    if (proxy) logger.debug(proxy);
  }
  // note: typed as KeysClient so that the compiler checks the client still offers what the commands use.
  const client: KeysClient = createAtlasAiKeysClient({
    auth: credentials.auth,
    ...(baseUrl === undefined ? {} : { baseUrl }),
    ...(settings.apiVersion === undefined
      ? {}
      : { apiVersion: settings.apiVersion as `${number}-${number}-${number}` }),
    ...(settings.timeoutMs === undefined ? {} : { timeoutMs: settings.timeoutMs }),
    ...(settings.maxRetries === undefined ? {} : { maxRetries: settings.maxRetries }),
    ...(settings.headers?.length ? { fetch: fetchWithHeaders(settings.headers) } : {}),
    logger,
    logLevel: settings.debug ? 'debug' : settings.announceRetries ? 'info' : 'warn',
    userAgent: `atlas-ai-keys-cli/${cliVersion()}`,
  });
  return Object.defineProperty(client, 'credentialsInUse', { value: inUse });
}
