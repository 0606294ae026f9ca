import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { inspect } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  AtlasConfigError,
  atlasCliConfigFile,
  authFromAtlasCli,
  decodeGoKeyring,
  loadAtlasCliProfile,
} from '../../src/atlas-cli/index.js';

/** A JWT whose `exp` is `seconds` from now; only its payload matters here. */
export function jwt(seconds: number): string {
  const part = (value: object) => Buffer.from(JSON.stringify(value)).toString('base64url');
  return `${part({ alg: 'RS256' })}.${part({ sub: 'someone@example.com', exp: Math.floor(Date.now() / 1000) + seconds })}.c2ln`;
}

const PROJECT = '32b6e34b3d91647abb20e7b8';
const ORG = '5f1d6c2b9e0a4b7c8d9e0f12';
const PRIVATE = 'SENTINEL-private-key-of-the-profile';
const CLIENT_SECRET = 'SENTINEL-client-secret-of-the-profile';
const TOKEN = jwt(3600);

let dir: string;
let count = 0;
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'atlas-cli-profile-'));
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

/** Writes a config.toml and returns its path. */
async function config(text: string): Promise<string> {
  const file = join(dir, `config-${++count}.toml`);
  await writeFile(file, text);
  return file;
}

/** The file of a user who ran `atlas config init` / `atlas auth login` for each kind of credentials. */
const EVERY_KIND = `
version = 2
telemetry_enabled = false

[default]
  auth_type = "api_keys"
  org_id = "${ORG}"
  project_id = "${PROJECT}"
  public_api_key = "fmuzuvzj"
  private_api_key = "${PRIVATE}"
  output = "json"

[ci]
  auth_type = "service_account"
  client_id = "mdb_sa_id_1234"
  client_secret = "${CLIENT_SECRET}"
  ops_manager_url = "https://cloud-qa.mongodb.com/"

[me]
  auth_type = "user_account"
  access_token = "${TOKEN}"
  refresh_token = "SENTINEL-refresh"

[stale]
  auth_type = "user_account"
  access_token = "${jwt(-60)}"
  refresh_token = "SENTINEL-refresh"

[offline]
  auth_type = "no_auth"
  project_id = "${PROJECT}"

[gov]
  service = "cloudgov"
  public_api_key = "govkey"
  private_api_key = "${PRIVATE}"
`;

describe('profiles of every auth_type', () => {
  it.each([
    [
      'default',
      { type: 'digest', publicPart: 'fmuzuvzj', keys: ['public_api_key', 'private_api_key'] },
    ],
    [
      'ci',
      {
        type: 'serviceAccount',
        publicPart: 'mdb_sa_id_1234',
        keys: ['client_id', 'client_secret'],
      },
    ],
    ['me', { type: 'accessToken', publicPart: undefined, keys: ['access_token'] }],
    ['gov', { type: 'digest', publicPart: 'govkey', keys: ['public_api_key', 'private_api_key'] }],
  ] as const)('profile %s gives its credentials, each part from the file', async (name, want) => {
    const file = await config(EVERY_KIND);
    const profile = await loadAtlasCliProfile({
      profile: name,
      env: {},
      configFile: file,
      keyring: false,
    });
    expect(profile.problem).toBeUndefined();
    expect(profile.credentials).toMatchObject({ type: want.type, publicPart: want.publicPart });
    expect(profile.credentials?.auth.type).toBe(want.type);
    expect(profile.credentials?.sources).toEqual(
      want.keys.map((key) => ({ kind: 'file', file, profile: name, key })),
    );
  });

  it('reads the profile settings: project, organisation and base URL', async () => {
    const file = await config(EVERY_KIND);
    const main = await loadAtlasCliProfile({ env: {}, configFile: file, keyring: false });
    expect(main).toMatchObject({
      name: 'default',
      chosenBy: 'default',
      found: true,
      authType: 'api_keys',
      projectId: {
        value: PROJECT,
        source: { kind: 'file', key: 'project_id', profile: 'default' },
      },
      orgId: { value: ORG },
      baseUrl: undefined,
    });
    const ci = await loadAtlasCliProfile({
      profile: 'ci',
      env: {},
      configFile: file,
      keyring: false,
    });
    expect(ci.baseUrl?.value).toBe('https://cloud-qa.mongodb.com/');
    const gov = await loadAtlasCliProfile({
      profile: 'gov',
      env: {},
      configFile: file,
      keyring: false,
    });
    expect(gov.baseUrl?.value).toBe('https://cloud.mongodbgov.com');
  });

  it('takes a user_account token while it is valid, with its expiry', async () => {
    const file = await config(EVERY_KIND);
    const me = await loadAtlasCliProfile({
      profile: 'me',
      env: {},
      configFile: file,
      keyring: false,
    });
    expect(me.credentials?.expiresAt?.getTime()).toBeGreaterThan(Date.now());
  });

  it('says to run atlas auth login when the user_account token has expired', async () => {
    const file = await config(EVERY_KIND);
    const stale = await loadAtlasCliProfile({
      profile: 'stale',
      env: {},
      configFile: file,
      keyring: false,
    });
    expect(stale.credentials).toBeUndefined();
    expect(stale.problem).toMatch(
      /^the access token of Atlas CLI profile "stale" expired at \d{4}-\d\d-\d\dT[\d:.]+Z; run atlas auth login --profile stale, then try again$/,
    );
    await expect(
      authFromAtlasCli({ profile: 'stale', env: {}, configFile: file, keyring: false }),
    ).rejects.toThrow(AtlasConfigError);
  });

  it('says a no_auth profile holds no credentials, and still gives its settings', async () => {
    const file = await config(EVERY_KIND);
    const offline = await loadAtlasCliProfile({
      profile: 'offline',
      env: {},
      configFile: file,
      keyring: false,
    });
    expect(offline.projectId?.value).toBe(PROJECT);
    expect(offline.problem).toBe(
      'Atlas CLI profile "offline" holds no credentials (auth_type no_auth); run atlas auth login --profile offline',
    );
  });

  it('infers the kind of a profile written before auth_type existed', async () => {
    const file = await config('[old]\npublic_api_key = "abc"\nprivate_api_key = "def"\n');
    const old = await loadAtlasCliProfile({ env: {}, configFile: file, keyring: false });
    expect(old).toMatchObject({
      name: 'old',
      chosenBy: 'only profile',
      credentials: { type: 'digest' },
    });
  });

  it('names the missing credential, the file and that the keyring was not read', async () => {
    const file = await config('[default]\nauth_type = "api_keys"\npublic_api_key = "abc"\n');
    const profile = await loadAtlasCliProfile({ env: {}, configFile: file, keyring: false });
    expect(profile.problem).toBe(
      `Atlas CLI profile "default" (auth_type api_keys) has no private_api_key: not in ${file}, and keyring reading is off; run atlas auth login --profile default`,
    );
  });
});

describe('which profile', () => {
  it.each([
    ['the option', { profile: 'CI' }, {}, 'ci', 'option'],
    ['MONGODB_ATLAS_PROFILE', {}, { MONGODB_ATLAS_PROFILE: 'me' }, 'me', 'MONGODB_ATLAS_PROFILE'],
    [
      'the option over the variable',
      { profile: 'ci' },
      { MONGODB_ATLAS_PROFILE: 'me' },
      'ci',
      'option',
    ],
    ['default when several exist', {}, {}, 'default', 'default'],
  ] as const)('%s', async (_name, options, env, name, chosenBy) => {
    const file = await config(EVERY_KIND);
    const profile = await loadAtlasCliProfile({
      ...options,
      env,
      configFile: file,
      keyring: false,
    });
    expect(profile).toMatchObject({ name, chosenBy, found: true });
  });

  it('refuses a named profile the file lacks, listing those it has', async () => {
    const file = await config(EVERY_KIND);
    await expect(
      loadAtlasCliProfile({ profile: 'prod', env: {}, configFile: file, keyring: false }),
    ).rejects.toThrow(
      `profile "prod" is not in ${file} (profiles: default, ci, me, stale, offline, gov); create it with atlas auth login --profile prod`,
    );
  });

  it('refuses a profile name with a dot, as the Atlas CLI does', async () => {
    await expect(
      loadAtlasCliProfile({
        env: { MONGODB_ATLAS_PROFILE: 'a.b' },
        configFile: await config(''),
        keyring: false,
      }),
    ).rejects.toThrow('MONGODB_ATLAS_PROFILE must be a profile name without ".", received "a.b"');
  });

  it('treats a missing file as no profiles, and says so when credentials are wanted', async () => {
    const file = join(dir, 'missing', 'config.toml');
    const profile = await loadAtlasCliProfile({ env: {}, configFile: file, keyring: false });
    expect(profile).toMatchObject({ found: false, credentials: undefined });
    expect(profile.problem).toBe(
      `no Atlas credentials: set MONGODB_ATLAS_ACCESS_TOKEN, or MONGODB_ATLAS_CLIENT_ID and MONGODB_ATLAS_CLIENT_SECRET (a service account), or MONGODB_ATLAS_PUBLIC_API_KEY and MONGODB_ATLAS_PRIVATE_API_KEY (an API key), or run atlas auth login (there is no ${file})`,
    );
  });
});

describe('precedence: variables, then top-level settings, then the profile', () => {
  it('lets each MONGODB_ATLAS_* variable override its property', async () => {
    const file = await config(EVERY_KIND);
    const profile = await loadAtlasCliProfile({
      env: {
        MONGODB_ATLAS_PROJECT_ID: 'aaaaaaaaaaaaaaaaaaaaaaaa',
        MCLI_ORG_ID: 'bbbbbbbbbbbbbbbbbbbbbbbb',
        MONGODB_ATLAS_BASE_URL: 'http://127.0.0.1:4010',
      },
      configFile: file,
      keyring: false,
    });
    expect(profile.projectId).toEqual({
      value: 'aaaaaaaaaaaaaaaaaaaaaaaa',
      source: { kind: 'variable', name: 'MONGODB_ATLAS_PROJECT_ID' },
    });
    expect(profile.orgId?.source).toEqual({ kind: 'variable', name: 'MCLI_ORG_ID' });
    expect(profile.baseUrl?.source).toEqual({ kind: 'variable', name: 'MONGODB_ATLAS_BASE_URL' });
  });

  it('takes the credentials from the variables, all of them, when any is set', async () => {
    const file = await config(EVERY_KIND);
    const profile = await loadAtlasCliProfile({
      env: { MONGODB_ATLAS_CLIENT_ID: 'envid', MONGODB_ATLAS_CLIENT_SECRET: 'envsecret' },
      configFile: file,
      keyring: false,
    });
    expect(profile.credentials).toMatchObject({
      type: 'serviceAccount',
      publicPart: 'envid',
      sources: [
        { kind: 'variable', name: 'MONGODB_ATLAS_CLIENT_ID' },
        { kind: 'variable', name: 'MONGODB_ATLAS_CLIENT_SECRET' },
      ],
    });
  });

  it('reports a half-set pair of variables instead of mixing it with the profile', async () => {
    const file = await config(EVERY_KIND);
    const profile = await loadAtlasCliProfile({
      env: { MONGODB_ATLAS_PUBLIC_API_KEY: 'envkey' },
      configFile: file,
      keyring: false,
    });
    expect(profile.credentials).toBeUndefined();
    expect(profile.problem).toMatch(/^MONGODB_ATLAS_PRIVATE_API_KEY must be set/);
  });

  it('lets a top-level setting stand for every profile, as the Atlas CLI reads it', async () => {
    const file = await config(
      `project_id = "${PROJECT}"\n[default]\nproject_id = "cccccccccccccccccccccccc"\n`,
    );
    const profile = await loadAtlasCliProfile({ env: {}, configFile: file, keyring: false });
    expect(profile.projectId).toEqual({
      value: PROJECT,
      source: { kind: 'file', file, profile: undefined, key: 'project_id' },
    });
  });

  it('reads table and key names in any case, as the Atlas CLI does', async () => {
    const file = await config(
      '[Work]\nAuth_Type = "api_keys"\nPUBLIC_API_KEY = "k"\nprivate_api_key = "p"\n',
    );
    const profile = await loadAtlasCliProfile({
      profile: 'WORK',
      env: {},
      configFile: file,
      keyring: false,
    });
    expect(profile).toMatchObject({
      name: 'work',
      authType: 'api_keys',
      credentials: { publicPart: 'k' },
    });
  });
});

describe('a malformed file', () => {
  it.each([
    ['an unterminated string', '[default]\norg_id = "abc\n', 2],
    ['a table defined twice', '[default]\nx = 1\n[default]\n', 3],
    ['a key without a value', `version = 2\n\n[default]\nprivate_api_key =\n`, 4],
  ])('%s is one line naming the file and the line, quoting nothing', async (_name, text, line) => {
    const file = await config(text.replace('abc', PRIVATE));
    const error = await loadAtlasCliProfile({ env: {}, configFile: file, keyring: false }).catch(
      (caught: unknown) => caught,
    );
    expect(error).toBeInstanceOf(AtlasConfigError);
    expect(error).toMatchObject({ file, line });
    const { message } = error as Error;
    expect(message).toMatch(
      new RegExp(`^${file.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')} line ${line}: \\S.*$`),
    );
    expect(message).not.toContain(PRIVATE);
  });
});

describe('secrets', () => {
  it('never show in inspection or JSON of what a profile gives', async () => {
    const file = await config(EVERY_KIND);
    for (const name of ['default', 'ci', 'me']) {
      const profile = await loadAtlasCliProfile({
        profile: name,
        env: {},
        configFile: file,
        keyring: false,
      });
      const shown = `${inspect(profile, { depth: 8, showHidden: true })}${JSON.stringify(profile)}`;
      for (const secret of [PRIVATE, CLIENT_SECRET, TOKEN, 'SENTINEL-refresh']) {
        expect(shown).not.toContain(secret);
      }
    }
  });
});

describe('where the file is', () => {
  it.each([
    ['linux', { XDG_CONFIG_HOME: '/x/config' }, '/x/config/atlascli/config.toml'],
    ['linux', { XDG_CONFIG_HOME: 'relative' }, '/home/u/.config/atlascli/config.toml'],
    ['linux', {}, '/home/u/.config/atlascli/config.toml'],
    ['darwin', {}, '/home/u/Library/Application Support/atlascli/config.toml'],
  ] as const)('on %s with %o: %s', (platform, env, want) => {
    expect(atlasCliConfigFile(env, platform, '/home/u')).toBe(want);
  });

  it('on Windows: %AppData%\\atlascli', () => {
    expect(
      atlasCliConfigFile({ APPDATA: 'C:\\Users\\u\\AppData\\Roaming' }, 'win32', 'C:\\Users\\u'),
    ).toMatch(/^C:\\Users\\u\\AppData\\Roaming[\\/]atlascli[\\/]config\.toml$/);
  });
});

describe("go-keyring's encodings", () => {
  it.each([
    ['plain, as on Linux and Windows', 'abc', 'abc'],
    ['base64, as on macOS', `go-keyring-base64:${Buffer.from('pä$$').toString('base64')}`, 'pä$$'],
    [
      'hex, as older versions wrote',
      `go-keyring-encoded:${Buffer.from('old').toString('hex')}`,
      'old',
    ],
  ])('%s', (_name, stored, want) => {
    expect(decodeGoKeyring(stored)).toBe(want);
  });
});
