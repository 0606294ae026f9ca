import { readFile } from 'node:fs/promises';
import { mockUrl } from '@org/atlas-mock/vitest';
import { describe, expect, test } from 'vitest';
import { childEnv, runBuilt, SEEDED } from '../helpers/built-cli.js';
import { startPreferProxy } from '../helpers/prefer-proxy.js';

// Usage errors of the built command: exit 2 and one message on stderr, with not a single
// request reaching the recording proxy in front of the mock.

const KEY = SEEDED.apiKeyId;

describe.concurrent('usage errors exit 2 before any request', () => {
  test.each([
    ['an unknown command', ['lst'], {}, /^error: unknown command 'lst'/],
    ['a missing key id', ['get'], {}, /^error: missing required argument 'apiKeyId'/],
    [
      'create without --name',
      ['create'],
      {},
      /^error: required option '--name <name>' not specified/,
    ],
    [
      'a malformed project id',
      ['list', '--project', '123'],
      {},
      /^error: --project must be a project id of 24 lower-case hexadecimal digits/,
    ],
    [
      'a malformed project variable',
      ['list'],
      { MONGODB_ATLAS_PROJECT_ID: 'x' },
      /^error: MONGODB_ATLAS_PROJECT_ID must be a project id/,
    ],
    [
      'no project at all',
      ['create', '--name', 'ci'],
      { MONGODB_ATLAS_PROJECT_ID: undefined },
      /^error: --project <groupId> is required/,
    ],
    [
      'no credentials',
      ['list'],
      { MONGODB_ATLAS_ACCESS_TOKEN: undefined },
      /^error: .*MONGODB_ATLAS_ACCESS_TOKEN.*MONGODB_ATLAS_CLIENT_ID.*MONGODB_ATLAS_PUBLIC_API_KEY/,
    ],
    [
      'a half-set service account, with no access token to take precedence',
      ['list'],
      { MONGODB_ATLAS_ACCESS_TOKEN: undefined, MONGODB_ATLAS_CLIENT_ID: 'id' },
      /^error: MONGODB_ATLAS_CLIENT_SECRET must be set/,
    ],
    [
      'a bad --api-version',
      ['list', '--api-version', 'latest'],
      {},
      /^error: --api-version must be /,
    ],
    [
      'a --header that is not "Name: value"',
      ['list', '--header', 'Prefer code=404'],
      {},
      /^error: --header must be "Name: value", such as "Prefer: code=404"; one has no colon$/m,
    ],
    [
      'a --header that would carry credentials',
      ['list', '--header', 'Authorization: Bearer x'],
      {},
      /^error: --header cannot set Authorization: credentials come from the MONGODB_ATLAS_\* variables or an Atlas CLI profile$/m,
    ],
    [
      'delete without --yes and without a terminal',
      ['delete', KEY],
      {},
      /^error: delete removes key a86r5kwrfsk5r5ku5tgvhmpj for good: not run in a terminal, so pass --yes to confirm$/m,
    ],
    [
      'rotate without --yes and without a terminal',
      ['rotate', KEY],
      {},
      /^error: rotate deletes the old key .* so pass --yes to confirm$/m,
    ],
  ])('%s', async (_, args, env, message) => {
    const proxy = await startPreferProxy(mockUrl());
    try {
      const run = await runBuilt([...args, '--base-url', proxy.url], { env: childEnv(env) });
      expect(run.code).toBe(2);
      expect(run.stdout).toBe('');
      expect(run.stderr).toMatch(message);
      expect(proxy.seen).toEqual([]);
    } finally {
      await proxy.close();
    }
  });
});

describe.concurrent('help and version', () => {
  test('--help prints the commands and examples on stdout and exits 0', async () => {
    const run = await runBuilt(['--help']);
    expect(run.code).toBe(0);
    expect(run.stdout).toMatch(/^Usage: atlas-ai-keys /);
    expect(run.stdout).toContain('Examples:');
    expect(run.stderr).toBe('');
  });

  test.each(['list', 'get', 'create', 'rename', 'delete', 'rotate'])(
    '%s --help prints its usage and examples',
    async (command) => {
      const run = await runBuilt([command, '--help']);
      expect(run.code).toBe(0);
      expect(run.stdout).toMatch(new RegExp(`^Usage: atlas-ai-keys ${command} `));
      expect(run.stdout).toContain('Examples:');
    },
  );

  test('--version prints the version of the package', async () => {
    const manifest = await readFile(new URL('../../package.json', import.meta.url), 'utf8');
    const { version } = JSON.parse(manifest) as { version: string };
    const run = await runBuilt(['--version']);
    expect(run).toMatchObject({ code: 0, stdout: `${version}\n`, stderr: '' });
  });
});
