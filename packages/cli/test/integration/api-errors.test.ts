import { mockUrl } from '@org/atlas-mock/vitest';
import { describe, expect, test } from 'vitest';
import { runBuilt, SEEDED, TOKEN } from '../helpers/built-cli.js';
import { declaredErrors } from '../helpers/declared-errors.js';
import { startPreferProxy } from '../helpers/prefer-proxy.js';

// Each command against each error status the spec declares for its operation, asked of Prism
// with `Prefer: code=…` by a proxy in front of it: exit 1, one line on stderr with the status,
// the errorCode and the detail, nothing on stdout, no token.

const KEY = SEEDED.apiKeyId;
const ORG = '5f1d6c2b9e0a4b7c8d9e0f12';
const GROUP = 'embed_large';

/** A command, the operation whose errors it meets, and the method the proxy fails. */
const COMMANDS: readonly [args: string[], operationId: string, method: string][] = [
  [['list'], 'listGroupAiModelApiKeys', 'GET'],
  [['list', '--org', ORG], 'listOrgAiModelApiKeys', 'GET'],
  [['get', KEY], 'getGroupAiModelApiKey', 'GET'],
  [['get', KEY, '--org', ORG], 'getOrgAiModelApiKey', 'GET'],
  [['create', '--name', 'ci'], 'createGroupAiModelApiKey', 'POST'],
  [['rename', KEY, '--name', 'production'], 'updateGroupAiModelApiKey', 'PATCH'],
  [['delete', KEY, '--yes'], 'deleteGroupAiModelApiKey', 'DELETE'],
  [['limits', 'list'], 'getGroupAiModelApiRateLimits', 'GET'],
  [['limits', 'list', '--org', ORG], 'getOrgAiModelApiRateLimits', 'GET'],
  [['limits', 'get', GROUP], 'getGroupAiModelApiCloudGeographyModelGroupNameRateLimits', 'GET'],
  [
    ['limits', 'get', GROUP, '--org', ORG],
    'getOrgAiModelApiCloudGeographyModelGroupNameRateLimits',
    'GET',
  ],
  [
    ['limits', 'set', GROUP, '--rpm', '1', '--tpm', '1'],
    'updateGroupAiModelApiCloudGeographyModelGroupNameRateLimits',
    'PATCH',
  ],
  [
    ['limits', 'reset', GROUP, '--yes'],
    'resetGroupAiModelApiCloudGeographyModelGroupNameRateLimits',
    'POST',
  ],
  [['limits', 'reset', '--yes'], 'resetGroupAiModelApiRateLimits', 'POST'],
];

const cases = COMMANDS.flatMap(([args, operationId, method]) =>
  declaredErrors(operationId).map((status) => [args.join(' '), status, args, method] as const),
);

/** Runs the command with the proxy asking Prism for `status` on requests of `method`. */
async function failing(args: readonly string[], status: number, method: string) {
  const proxy = await startPreferProxy(mockUrl());
  proxy.code = status;
  proxy.onlyFor = [method];
  try {
    const run = await runBuilt([...args, '--base-url', proxy.url]);
    return { ...run, seen: proxy.seen };
  } finally {
    await proxy.close();
  }
}

/** The stderr lines that report an error. */
const errorLines = (stderr: string) =>
  stderr.split('\n').filter((line) => line.startsWith('error:'));

describe.concurrent('declared API errors exit 1 with one line on stderr', () => {
  test('the spec declares errors for every command', () => {
    expect(cases.length).toBeGreaterThanOrEqual(COMMANDS.length * 5);
  });

  test.each(cases)('%s, answered %i', async (_, status, args, method) => {
    const run = await failing(args, status, method);
    expect(run.code).toBe(1);
    expect(run.stdout).toBe('');
    expect(run.stderr).toMatch(new RegExp(`^error: ${status} [A-Z_]+: \\S.*\\n$`));
    expect(run.stderr).not.toMatch(/\n.*\n/);
    expect(run.stderr).not.toMatch(/ at .+:\d+:\d+/);
    expect(run.stderr).not.toContain(TOKEN);
    expect(run.seen.some((request) => request.method === method)).toBe(true);
  });
});

describe.concurrent('rotate reports which step failed and what had been done', () => {
  test.each(declaredErrors('getGroupAiModelApiKey'))(
    'reading the old key answered %i: nothing created, nothing deleted',
    async (status) => {
      const run = await failing(['rotate', KEY, '--yes'], status, 'GET');
      expect(run.code).toBe(1);
      expect(run.stdout).toBe('');
      expect(run.stderr).toMatch(new RegExp(`^error: ${status} [A-Z_]+: `));
      expect(new Set(run.seen.map((request) => request.method))).toEqual(new Set(['GET']));
    },
  );

  test.each(declaredErrors('createGroupAiModelApiKey'))(
    'creating the new key answered %i: the old key is kept and said to be',
    async (status) => {
      const run = await failing(['rotate', KEY, '--yes'], status, 'POST');
      expect(run.code).toBe(1);
      expect(run.stdout).toBe('');
      expect(errorLines(run.stderr)).toEqual([
        expect.stringMatching(
          new RegExp(
            `^error: creating the new key failed, the old key ${KEY} was kept: ${status} [A-Z_]+: `,
          ),
        ),
      ]);
      expect(run.seen.map((request) => request.method)).not.toContain('DELETE');
    },
  );

  test.each(declaredErrors('deleteGroupAiModelApiKey'))(
    'deleting the old key answered %i: the new secret is on stdout and the line says so',
    async (status) => {
      const run = await failing(['rotate', KEY, '--yes'], status, 'DELETE');
      expect(run.code).toBe(1);
      const secret = run.stdout.trim();
      expect(secret).toMatch(/^al-\S+$/);
      expect(errorLines(run.stderr)).toEqual([
        expect.stringMatching(
          new RegExp(
            `^error: the new key \\S+ was created and its secret printed, but deleting the old key ${KEY} failed: ${status} [A-Z_]+: `,
          ),
        ),
      ]);
      expect(run.stderr).not.toContain(secret);
      expect(run.stderr).not.toContain(TOKEN);
    },
  );
});
