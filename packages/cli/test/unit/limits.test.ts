import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { AtlasForbiddenError, AtlasNotFoundError } from '@org/atlas-ai-keys';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { ORG, PROJECT, runCli, sampleLimit } from '../helpers/fake-io.js';

const TERMINAL = { stdin: true, stdout: true, stderr: true };
// Colour is covered elsewhere; here the messages are compared as plain text.
const env = { MONGODB_ATLAS_PROJECT_ID: PROJECT, NO_COLOR: '1' };
const LIMITS = [
  sampleLimit(),
  sampleLimit({
    modelGroupName: 'rerank',
    modelNames: ['rerank-2.5'],
    tokensPerMinuteLimit: 2_000_000,
  }),
];
const script = { limitPages: [{ results: LIMITS, totalCount: 2 }], limit: LIMITS[0] };
const methods = (run: { calls: readonly { method: string }[] }) =>
  run.calls.map((call) => call.method);
const request = { method: 'GET', path: `/api/atlas/v2/orgs/${ORG}/aiModelApiRateLimits` };

describe('limits list', () => {
  test("prints the project's model groups as a table: group, models, requests and tokens a minute", async () => {
    const run = await runCli(['limits', 'list'], { env, script });
    expect(run.exitCode).toBe(0);
    expect(run.stdout).toBe(
      [
        'MODEL GROUP  MODELS                         REQUESTS/MIN  TOKENS/MIN',
        'embed_large  voyage-3-large, voyage-code-3         2,000   3,000,000',
        'rerank       rerank-2.5                            2,000   2,000,000',
        '',
      ].join('\n'),
    );
    expect(run.calls).toEqual([{ method: 'rateLimits.list', params: { groupId: PROJECT } }]);
    expect(run.stderr).toBe('');
  });

  test('--json prints one JSON array of the limits, as the API sent them', async () => {
    const run = await runCli(['limits', 'list', '--json'], { env, script });
    expect(JSON.parse(run.stdout)).toEqual(LIMITS);
  });

  test("--org lists an organisation's limits", async () => {
    const run = await runCli(['limits', 'list', '--org', ORG], { env, script });
    expect(run.calls).toEqual([{ method: 'rateLimits.listForOrg', params: { orgId: ORG } }]);
  });

  test('says so on stderr when there are none', async () => {
    const run = await runCli(['limits', 'list'], { env, script: { limitPages: [] } });
    expect(run.stdout).toBe('');
    expect(run.stderr).toBe(`No AI model rate limits in project ${PROJECT}.\n`);
  });
});

describe('limits get', () => {
  test('shows every field of one model group', async () => {
    const run = await runCli(['limits', 'get', 'embed_large'], { env, script });
    expect(run.stdout).toBe(
      [
        'model group   embed_large',
        'models        voyage-3-large, voyage-code-3',
        'requests/min  2,000',
        'tokens/min    3,000,000',
        'cloud         ANY',
        'geography     ANY',
        'endpoint      ai.mongodb.com',
        '',
      ].join('\n'),
    );
    expect(run.calls).toEqual([
      { method: 'rateLimits.get', params: { groupId: PROJECT, modelGroupName: 'embed_large' } },
    ]);
  });

  test("--org reads the organisation's limits for the group, --json as the API sent them", async () => {
    const run = await runCli(['limits', 'get', 'rerank', '--org', ORG, '--json'], {
      env,
      script: { orgLimit: LIMITS[1] },
    });
    expect(JSON.parse(run.stdout)).toEqual(LIMITS[1]);
    expect(run.calls).toEqual([
      { method: 'rateLimits.getForOrg', params: { orgId: ORG, modelGroupName: 'rerank' } },
    ]);
  });
});

describe('limits set', () => {
  test('sends both limits for the model group and prints the result', async () => {
    const run = await runCli(['limits', 'set', 'embed_large', '--rpm', '500', '--tpm', '1000000'], {
      env,
      script,
    });
    expect(run.exitCode).toBe(0);
    expect(run.calls).toEqual([
      {
        method: 'rateLimits.update',
        params: {
          groupId: PROJECT,
          modelGroupName: 'embed_large',
          requestsPerMinuteLimit: 500,
          tokensPerMinuteLimit: 1_000_000,
        },
      },
    ]);
    expect(run.stderr).toBe(
      `✓ Set embed_large in project ${PROJECT} to 500 requests/min and 1,000,000 tokens/min.\n`,
    );
    expect(run.stdout).toContain(
      'embed_large  voyage-3-large, voyage-code-3           500   1,000,000',
    );
  });

  test.each([
    [
      '--rpm 0',
      ['--rpm', '0', '--tpm', '1'],
      '--rpm must be a whole number from 1 to 2147483647, received "0"',
    ],
    ['--rpm negative', ['--rpm', '-5', '--tpm', '1'], 'received "-5"'],
    ['--rpm a fraction', ['--rpm', '1.5', '--tpm', '1'], 'received "1.5"'],
    ['--rpm with an exponent', ['--rpm', '1e3', '--tpm', '1'], 'received "1e3"'],
    ['--rpm with a sign', ['--rpm', '+5', '--tpm', '1'], 'received "+5"'],
    ['--rpm in words', ['--rpm', 'ten', '--tpm', '1'], 'received "ten"'],
    [
      '--tpm past int32',
      ['--rpm', '1', '--tpm', '2147483648'],
      '--tpm must be a whole number from 1 to 2147483647, received "2147483648"',
    ],
    ['--tpm with spaces', ['--rpm', '1', '--tpm', ' 7 '], 'received " 7 "'],
    ['--tpm missing', ['--rpm', '1'], "required option '--tpm <n>' not specified"],
    ['--rpm missing', ['--tpm', '1'], "required option '--rpm <n>' not specified"],
  ])('refuses %s before any request, exit 2', async (_, limits, says) => {
    const run = await runCli(['limits', 'set', 'embed_large', ...limits], { env, script });
    expect(run.exitCode).toBe(2);
    expect(run.stderr).toContain(says);
    expect(run.calls).toEqual([]);
  });

  test("compares with the organisation's limits first when --org names it", async () => {
    const run = await runCli(
      ['limits', 'set', 'embed_large', '--rpm', '2000', '--tpm', '3000000', '--org', ORG],
      { env, script: { ...script, orgLimit: LIMITS[0] } },
    );
    expect(run.exitCode).toBe(0);
    expect(methods(run)).toEqual(['rateLimits.getForOrg', 'rateLimits.update']);
    expect(run.calls[0]?.params).toEqual({ orgId: ORG, modelGroupName: 'embed_large' });
  });

  test("refuses a limit above the organisation's in one line naming both numbers, before the change", async () => {
    const run = await runCli(['limits', 'set', 'embed_large', '--rpm', '2500', '--tpm', '100'], {
      env: { ...env, MONGODB_ATLAS_ORG_ID: ORG },
      script: { ...script, orgLimit: LIMITS[0] },
    });
    expect(run.exitCode).toBe(2);
    expect(run.stderr).toBe(
      `error: --rpm 2500 is above the 2000 requests/min that organisation ${ORG} allows for embed_large; nothing was changed\n`,
    );
    expect(methods(run)).toEqual(['rateLimits.getForOrg']);
    expect(run.stdout).toBe('');
  });

  test('names both limits when both are above', async () => {
    const run = await runCli(
      ['limits', 'set', 'embed_large', '--rpm', '2001', '--tpm', '3000001', '--org', ORG],
      { env, script: { ...script, orgLimit: LIMITS[0] } },
    );
    expect(run.stderr).toBe(
      `error: --rpm 2001 is above the 2000 requests/min and --tpm 3000001 is above the 3000000 tokens/min that organisation ${ORG} allows for embed_large; nothing was changed\n`,
    );
  });

  describe("with the Atlas CLI profile's org_id", () => {
    let home: string;
    beforeAll(async () => {
      home = await mkdtemp(join(tmpdir(), 'atlas-ai-keys-limits-'));
      await mkdir(join(home, 'atlascli'));
      await writeFile(
        join(home, 'atlascli', 'config.toml'),
        `[default]\n  auth_type = "api_keys"\n  org_id = "${ORG}"\n`,
      );
    });
    afterAll(() => rm(home, { recursive: true, force: true }));

    test("compares with the profile's organisation when no option or variable names one", async () => {
      const run = await runCli(['limits', 'set', 'embed_large', '--rpm', '2001', '--tpm', '1'], {
        env: { ...env, XDG_CONFIG_HOME: home },
        script: { ...script, orgLimit: LIMITS[0] },
      });
      expect(run.exitCode).toBe(2);
      expect(run.stderr).toBe(
        `error: --rpm 2001 is above the 2000 requests/min that organisation ${ORG} allows for embed_large; nothing was changed\n`,
      );
      expect(run.calls).toEqual([
        { method: 'rateLimits.getForOrg', params: { orgId: ORG, modelGroupName: 'embed_large' } },
      ]);
    });

    test('the variable wins over the profile', async () => {
      const other = 'bbbbbbbbbbbbbbbbbbbbbbbb';
      const run = await runCli(['limits', 'set', 'embed_large', '--rpm', '1', '--tpm', '1'], {
        env: { ...env, XDG_CONFIG_HOME: home, MONGODB_ATLAS_ORG_ID: other },
        script: { ...script, orgLimit: LIMITS[0] },
      });
      expect(run.exitCode).toBe(0);
      expect(run.calls[0]?.params).toEqual({ orgId: other, modelGroupName: 'embed_large' });
    });
  });

  test('sends no comparison when no organisation is known', async () => {
    const home = await mkdtemp(join(tmpdir(), 'atlas-ai-keys-limits-'));
    try {
      const run = await runCli(['limits', 'set', 'embed_large', '--rpm', '1', '--tpm', '1'], {
        env: { ...env, XDG_CONFIG_HOME: home, HOME: home },
        script,
      });
      expect(run.exitCode).toBe(0);
      expect(methods(run)).toEqual(['rateLimits.update']);
    } finally {
      await rm(home, { recursive: true, force: true });
    }
  });

  test('takes the project from the variable when --org names only the organisation', async () => {
    const run = await runCli(
      ['limits', 'set', 'embed_large', '--rpm', '1', '--tpm', '1', '--org', ORG],
      {
        env,
        script: { ...script, orgLimit: LIMITS[0] },
      },
    );
    expect(run.calls[1]?.params).toMatchObject({ groupId: PROJECT });
  });

  test("sets the limits with a warning when the credentials may not read the organisation's", async () => {
    const forbidden = new AtlasForbiddenError({
      status: 403,
      headers: new Headers(),
      request,
      body: { error: 403, errorCode: 'USER_UNAUTHORIZED', detail: 'no access' },
    } as never);
    const run = await runCli(
      ['limits', 'set', 'embed_large', '--rpm', '1', '--tpm', '1', '--org', ORG],
      {
        env,
        script: { ...script, fail: { 'rateLimits.getForOrg': forbidden } },
      },
    );
    expect(run.exitCode).toBe(0);
    expect(run.stderr).toContain(
      `! Not compared with the limits of organisation ${ORG}: these credentials may not read them (403).`,
    );
    expect(methods(run)).toEqual(['rateLimits.getForOrg', 'rateLimits.update']);
  });

  test('stops at an unknown model group of the organisation, changing nothing', async () => {
    const notFound = new AtlasNotFoundError({
      status: 404,
      headers: new Headers(),
      request,
      body: { error: 404, errorCode: 'RESOURCE_NOT_FOUND', detail: 'no such group' },
    } as never);
    const run = await runCli(
      ['limits', 'set', 'embed_xl', '--rpm', '1', '--tpm', '1', '--org', ORG],
      {
        env,
        script: { ...script, fail: { 'rateLimits.getForOrg': notFound } },
      },
    );
    expect(run.exitCode).toBe(1);
    expect(methods(run)).toEqual(['rateLimits.getForOrg']);
  });
});

describe('limits reset', () => {
  test('on a terminal shows the limits that would be lost and resets once confirmed', async () => {
    const custom = sampleLimit({ requestsPerMinuteLimit: 500, tokensPerMinuteLimit: 1_000_000 });
    const run = await runCli(['limits', 'reset', 'embed_large'], {
      tty: TERMINAL,
      env,
      script: { ...script, limit: custom },
      answers: ['y'],
    });
    expect(run.exitCode).toBe(0);
    expect(run.questions).toEqual([
      `Reset embed_large in project ${PROJECT} to its default limits? Its 500 requests/min and 1,000,000 tokens/min are lost. [y/N] `,
    ]);
    expect(methods(run)).toEqual(['rateLimits.get', 'rateLimits.reset']);
  });

  test.each(['n', '', 'nope'])(
    'resets nothing and exits 2 when the answer is %j',
    async (answer) => {
      const run = await runCli(['limits', 'reset', 'embed_large'], {
        tty: TERMINAL,
        env,
        script,
        answers: [answer],
      });
      expect(run.exitCode).toBe(2);
      expect(methods(run)).toEqual(['rateLimits.get']);
      expect(run.stderr).toBe('Nothing reset.\n');
    },
  );

  test('without a model group, asks about every group of the project and resets them all', async () => {
    const run = await runCli(['limits', 'reset'], { tty: TERMINAL, env, script, answers: ['yes'] });
    expect(run.questions).toEqual([
      `Reset the limits of every model group in project ${PROJECT} to their defaults? Custom limits are lost. [y/N] `,
    ]);
    expect(run.calls).toEqual([{ method: 'rateLimits.resetAll', params: { groupId: PROJECT } }]);
    expect(run.stderr).toContain(
      `✓ Reset the limits of 2 model groups in project ${PROJECT} to their defaults.`,
    );
    expect(run.stdout.split('\n')[0]).toMatch(/^MODEL GROUP +MODELS +REQUESTS\/MIN +TOKENS\/MIN$/);
  });

  test.each([
    ['one model group', ['embed_large'], 'embed_large'],
    ['every model group', [], 'every model group'],
  ])(
    'without a terminal needs --yes for %s, and sends nothing without it',
    async (_, args, what) => {
      const run = await runCli(['limits', 'reset', ...args], { env, script });
      expect(run.exitCode).toBe(2);
      expect(run.stderr).toBe(
        `error: limits reset puts ${what} back to its default limits: not run in a terminal, so pass --yes to confirm\n`,
      );
      expect(run.calls).toEqual([]);
    },
  );

  test('--yes resets without asking; --json prints the limits as the API sent them', async () => {
    const one = await runCli(['limits', 'reset', 'embed_large', '--yes', '--json'], {
      env,
      script,
    });
    expect(one.questions).toEqual([]);
    expect(methods(one)).toEqual(['rateLimits.reset']);
    expect(JSON.parse(one.stdout)).toEqual(LIMITS[0]);
    const all = await runCli(['limits', 'reset', '--yes', '--json'], { env, script });
    expect(JSON.parse(all.stdout)).toEqual(LIMITS);
  });
});

describe('model group names', () => {
  const BAD_NAMES = [
    ['a "/"', 'embed/large'],
    ['".."', '..'],
    ['"."', '.'],
    ['a space', 'embed large'],
    ['a tab', 'embed\tlarge'],
    ['a line break', 'embed_large\n'],
    ['an ESC', 'embed\u001b[2J'],
    ['a C1 control', 'embed\u009blarge'],
    ['nothing', ''],
  ];
  const COMMANDS: [string, (name: string) => string[]][] = [
    ['get', (name) => ['get', name]],
    ['get --org', (name) => ['get', name, '--org', ORG]],
    ['set', (name) => ['set', name, '--rpm', '1', '--tpm', '1', '--org', ORG]],
    ['reset', (name) => ['reset', name]],
  ];
  const ROWS = COMMANDS.flatMap(([command, args]) =>
    BAD_NAMES.map(([what, name]) => [command, what, args(name as string)] as const),
  );

  test.each(ROWS)(
    'limits %s refuses a name with %s before asking or sending anything, exit 2',
    async (_, __, args) => {
      const run = await runCli(['limits', ...args], {
        tty: TERMINAL,
        env,
        script: { ...script, orgLimit: LIMITS[0] },
      });
      expect(run.exitCode).toBe(2);
      expect(run.stderr).toMatch(
        /^error: <modelGroupName> must be a model group name such as embed_large, one word without "\/", received /,
      );
      expect(run.stderr).not.toContain('\u001b');
      expect(run.stderr.trimEnd()).not.toContain('\n');
      expect(run.questions).toEqual([]);
      expect(run.calls).toEqual([]);
    },
  );
});
