import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { PROJECT, runCli, sampleKey } from '../helpers/fake-io.js';

// The Atlas CLI's profile as a source of credentials and defaults, read from a config.toml in a
// home of the test's own; the keyring is covered against a real Secret Service elsewhere.

const PRIVATE = 'SENTINEL-private-key-from-the-profile';
const OTHER = 'aaaaaaaaaaaaaaaaaaaaaaaa';
let home: string;
let file: string;

beforeAll(async () => {
  home = await mkdtemp(join(tmpdir(), 'atlas-ai-keys-profile-'));
  await mkdir(join(home, 'config', 'atlascli'), { recursive: true });
  file = join(home, 'config', 'atlascli', 'config.toml');
  await writeFile(
    file,
    `version = 2

[default]
  auth_type = "api_keys"
  public_api_key = "fmuzuvzj"
  private_api_key = "${PRIVATE}"
  project_id = "${PROJECT}"

[broken]
  auth_type = "service_account"
  client_id = "mdb_sa_id"
  project_id = "not-an-id"
`,
  );
});
afterAll(async () => {
  await rm(home, { recursive: true, force: true });
});

/** An environment whose Atlas CLI configuration is the test's file. */
const env = (extra: Record<string, string> = {}) => ({
  HOME: home,
  XDG_CONFIG_HOME: join(home, 'config'),
  ...extra,
});

describe('defaults from the Atlas CLI profile', () => {
  test("the profile's project_id is the project when no option or variable gives one", async () => {
    const run = await runCli(['list', '--json'], {
      env: env(),
      script: { pages: [{ results: [] }] },
    });
    expect(run.exitCode).toBe(0);
    expect(run.calls).toEqual([{ method: 'keys.list', params: { groupId: PROJECT } }]);
  });

  test('the variable wins over the profile, and the option over both', async () => {
    const fromVariable = await runCli(['list', '--json'], {
      env: env({ MONGODB_ATLAS_PROJECT_ID: OTHER }),
      script: { pages: [] },
    });
    expect(fromVariable.calls[0]?.params).toEqual({ groupId: OTHER });
    const fromOption = await runCli(['list', '--json', '--project', OTHER], {
      env: env(),
      script: { pages: [] },
    });
    expect(fromOption.calls[0]?.params).toEqual({ groupId: OTHER });
  });

  test('a bad project_id in the profile is named with the profile and its file', async () => {
    const run = await runCli(['list', '--profile', 'broken'], { env: env() });
    expect(run.exitCode).toBe(2);
    expect(run.stderr).toBe(
      `error: project_id in Atlas CLI profile "broken" (${file}) must be a project id of 24 lower-case hexadecimal digits, received "not-an-id"\n`,
    );
  });

  test('a profile the file lacks is a usage error listing those it has', async () => {
    const run = await runCli(['get', sampleKey().apiKeyId as string], {
      env: env({ MONGODB_ATLAS_PROFILE: 'prod' }),
    });
    expect(run.exitCode).toBe(2);
    expect(run.stderr).toBe(
      `error: profile "prod" is not in ${file} (profiles: default, broken); create it with atlas auth login --profile prod\n`,
    );
  });

  test('a malformed file is one line naming the file and the line', async () => {
    const other = join(home, 'bad');
    await mkdir(join(other, 'atlascli'), { recursive: true });
    await writeFile(
      join(other, 'atlascli', 'config.toml'),
      `[default]\nprivate_api_key = "${PRIVATE}\n`,
    );
    const run = await runCli(['list'], { env: { HOME: home, XDG_CONFIG_HOME: other } });
    expect(run.exitCode).toBe(2);
    expect(run.stderr).toMatch(
      new RegExp(`^error: ${join(other, 'atlascli', 'config.toml')} line 2: .+\\n$`),
    );
    expect(run.stderr).not.toContain(PRIVATE);
  });
});

describe('auth status', () => {
  test('shows the kind, the public part and where each part came from, never the secret', async () => {
    const run = await runCli(['auth', 'status'], { env: env() });
    expect(run.exitCode).toBe(0);
    expect(run.stdout).toBe(
      [
        'credentials      an API key, public key fmuzuvzj',
        `  public key     from public_api_key in Atlas CLI profile "default" (${file})`,
        `  private key    from private_api_key in Atlas CLI profile "default" (${file})`,
        `project          ${PROJECT}, from project_id in Atlas CLI profile "default" (${file})`,
        'organisation     none',
        'base URL         https://cloud.mongodb.com, from the default',
        `profile          default (default), in ${file}`,
        '',
      ].join('\n'),
    );
    expect(run.stdout + run.stderr).not.toContain(PRIVATE);
  });

  test('--json says the same for scripts, variables over the profile', async () => {
    const run = await runCli(['auth', 'status', '--json'], {
      env: env({
        MONGODB_ATLAS_CLIENT_ID: 'mdb_sa_id_env',
        MONGODB_ATLAS_CLIENT_SECRET: PRIVATE,
        MONGODB_ATLAS_BASE_URL: 'http://127.0.0.1:4010',
      }),
    });
    expect(run.exitCode).toBe(0);
    expect(JSON.parse(run.stdout)).toEqual({
      credentials: {
        type: 'serviceAccount',
        publicPart: 'mdb_sa_id_env',
        expiresAt: null,
        parts: [
          { part: 'client id', from: '$MONGODB_ATLAS_CLIENT_ID' },
          { part: 'client secret', from: '$MONGODB_ATLAS_CLIENT_SECRET' },
        ],
      },
      problem: null,
      projectId: { value: PROJECT, from: `project_id in Atlas CLI profile "default" (${file})` },
      orgId: null,
      baseUrl: { value: 'http://127.0.0.1:4010', from: '$MONGODB_ATLAS_BASE_URL' },
      profile: { name: 'default', chosenBy: 'default', file, found: true },
    });
    expect(run.stdout).not.toContain(PRIVATE);
  });

  test('exits 1 saying why when there are no credentials', async () => {
    const run = await runCli(['auth', 'status', '--profile', 'broken'], { env: env() });
    expect(run.exitCode).toBe(1);
    expect(run.stdout).toMatch(/^credentials {6}none\n/);
    // note: whether this machine has a Secret Service to ask decides the middle of the line.
    expect(run.stderr).toMatch(
      /^error: Atlas CLI profile "broken" \(auth_type service_account\) has no client_secret: not in \S+config\.toml, and (the OS keyring could not be read: .+|not in the OS keyring \(service atlascli_broken\)); run atlas auth login --profile broken\n$/,
    );
  });
});
