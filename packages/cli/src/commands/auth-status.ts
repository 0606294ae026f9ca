import type { AtlasCliCredentials, AtlasCliSetting } from '@org/atlas-ai-keys/atlas-cli';
import { DEFAULT_BASE_URL } from '@org/atlas-ai-keys/defaults';
import { atlasCliProfile, describeSource } from '../atlas-cli-profile.js';
import { checkBaseUrl } from '../base-url.js';
import { CliError, ExitCode } from '../exit-codes.js';
import type { CliIo } from '../io.js';
import { toJson } from '../key-output.js';
import { Data } from '../messages.js';
import type { ConnectionOptions } from '../with-client.js';

/** Options of `auth status`. */
export interface AuthStatusOptions extends ConnectionOptions {
  readonly json?: boolean;
}

/** What each part of a kind of credentials is called. */
const PARTS = {
  digest: ['public key', 'private key'],
  serviceAccount: ['client id', 'client secret'],
  accessToken: ['access token'],
} as const;

/** What credentials are, with their public part: "the API key fmuzuvzj". */
function kindOf({ type, publicPart }: AtlasCliCredentials): string {
  if (type === 'digest') return `an API key, public key ${publicPart}`;
  return type === 'serviceAccount'
    ? `a service account, client id ${publicPart}`
    : 'an access token';
}

/** A setting and where it came from, as JSON shows it. */
const sourced = (setting: AtlasCliSetting | undefined) =>
  setting ? { value: setting.value, from: describeSource(setting.source) } : null;

/**
 * `auth status`: which credentials a command would use, their public part, and where each part
 * came from (a variable, the profile's file, the OS keyring), with the project, organisation,
 * base URL and profile in effect. Never a secret. Exits 1 when there are no usable credentials.
 */
export async function authStatus(io: CliIo, options: AuthStatusOptions): Promise<void> {
  const profile = await atlasCliProfile(io, options.profile);
  const { credentials } = profile;
  const baseUrl =
    options.baseUrl !== undefined
      ? { value: checkBaseUrl(options.baseUrl, '--base-url'), from: '--base-url' }
      : (sourced(profile.baseUrl) ?? { value: DEFAULT_BASE_URL, from: 'the default' });
  const status = {
    credentials: credentials
      ? {
          type: credentials.type,
          publicPart: credentials.publicPart ?? null,
          expiresAt: credentials.expiresAt?.toISOString() ?? null,
          parts: credentials.sources.map((source, i) => ({
            part: PARTS[credentials.type][i],
            from: describeSource(source),
          })),
        }
      : null,
    problem: profile.problem ?? null,
    projectId: sourced(profile.projectId),
    orgId: sourced(profile.orgId),
    baseUrl,
    profile: {
      name: profile.name,
      chosenBy: profile.chosenBy,
      file: profile.file,
      found: profile.found,
    },
  };
  const data = new Data(io);
  if (options.json) await data.write(toJson(status));
  else {
    const bold = data.styles.bold;
    const line = (label: string, text: string) => `${bold(label.padEnd(15))}  ${text}\n`;
    const setting = (value: { value: string; from: string } | null) =>
      value ? `${value.value}, from ${value.from}` : 'none';
    let text = line('credentials', credentials ? kindOf(credentials) : 'none');
    if (status.credentials) {
      if (status.credentials.expiresAt) text += line('  expires', status.credentials.expiresAt);
      for (const { part, from } of status.credentials.parts)
        text += line(`  ${part}`, `from ${from}`);
    }
    text += line('project', setting(status.projectId));
    text += line('organisation', setting(status.orgId));
    text += line('base URL', setting(baseUrl));
    text += line(
      'profile',
      `${profile.name} (${profile.chosenBy === 'option' ? '--profile' : profile.chosenBy}), ${
        profile.found ? 'in' : 'not in'
      } ${profile.file}`,
    );
    await data.write(text);
  }
  if (!credentials) throw new CliError(profile.problem ?? 'no Atlas credentials', ExitCode.failure);
}
