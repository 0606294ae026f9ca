import { readFile } from 'node:fs/promises';
import { AtlasValidationError } from '@org/atlas-ai-keys';
import { DEFAULT_MAX_RETRIES, DEFAULT_TIMEOUT_MS, worstCase } from '@org/atlas-ai-keys/defaults';
import { describe, expect, test } from 'vitest';
import { ORG, PROJECT, runCli, sampleKey } from '../helpers/fake-io.js';

const KEY = 'a86r5kwrfsk5r5ku5tgvhmpj';

describe('usage errors exit 2 before any client is made', () => {
  test.each([
    ['an unknown command', ['lst'], /unknown command 'lst'/],
    ['an unknown option', ['list', '--colour'], /unknown option '--colour'/],
    ['a missing key id', ['get'], /missing required argument 'apiKeyId'/],
    ['an extra argument', ['get', KEY, 'other'], /too many arguments/],
    ['create without --name', ['create'], /required option '--name <name>' not specified/],
    ['rename without --name', ['rename', KEY], /required option '--name <name>' not specified/],
    ['an option without its value', ['list', '--project'], /argument missing/],
    [
      '--org on a command that works on projects only',
      ['create', '--name', 'x', '--org', ORG],
      /unknown option '--org'/,
    ],
  ])('%s', async (_, argv, message) => {
    const run = await runCli(argv);
    expect(run.exitCode).toBe(2);
    expect(run.stderr).toMatch(message);
    expect(run.stdout).toBe('');
    expect(run.settings).toHaveLength(0);
  });

  test.each([
    [
      'a malformed --project',
      ['list', '--project', 'abc'],
      /^error: --project must be a project id of 24 lower-case hexadecimal digits, received "abc"$/m,
    ],
    [
      'an upper-case --project',
      ['get', KEY, '--project', PROJECT.toUpperCase()],
      /--project must be a project id/,
    ],
    [
      'a malformed --org',
      ['list', '--org', 'xyz'],
      /--org must be an organisation id of 24 lower-case hexadecimal digits, received "xyz"/,
    ],
    [
      'both --project and --org',
      ['list', '--project', PROJECT, '--org', ORG],
      /--project and --org cannot be used together/,
    ],
    ['a blank --name', ['create', '--name', '  '], /--name must be 1 to 250 characters, not blank/],
    [
      'a --name over 250 characters',
      ['create', '--name', 'x'.repeat(251)],
      /--name must be 1 to 250 characters, not blank, received 251 characters/,
    ],
    ['a key id with a space', ['delete', 'a b', '--yes'], /<apiKeyId> must be a key id/],
    ['an empty key id', ['rotate', '', '--yes'], /<apiKeyId> must be a key id/],
  ])('%s names the argument and what was expected', async (_, argv, message) => {
    const run = await runCli(argv);
    expect(run.exitCode).toBe(2);
    expect(run.stderr).toMatch(message);
    expect(run.stderr.trim().split('\n')).toHaveLength(1);
    expect(run.settings).toHaveLength(0);
  });

  test('a malformed MONGODB_ATLAS_PROJECT_ID is reported under the variable', async () => {
    const run = await runCli(['list'], { env: { MONGODB_ATLAS_PROJECT_ID: 'nope' } });
    expect(run.exitCode).toBe(2);
    expect(run.stderr).toMatch(/^error: MONGODB_ATLAS_PROJECT_ID must be a project id/);
  });

  test('a missing project names both the option and the variable', async () => {
    const run = await runCli(['create', '--name', 'ci'], { env: {} });
    expect(run.exitCode).toBe(2);
    expect(run.stderr).toContain(
      '--project <groupId> is required (or set MONGODB_ATLAS_PROJECT_ID, or project_id in an Atlas CLI profile)',
    );
  });

  test('list with neither a project nor an organisation names every way to give one', async () => {
    const run = await runCli(['list'], { env: { MONGODB_ATLAS_PROJECT_ID: '' } });
    expect(run.exitCode).toBe(2);
    expect(run.stderr).toContain(
      '--project <groupId> or --org <orgId> is required (or set MONGODB_ATLAS_PROJECT_ID or MONGODB_ATLAS_ORG_ID, or project_id or org_id in an Atlas CLI profile)',
    );
  });

  test("the client's own validation errors exit 2 under the command line's option names", async () => {
    const run = await runCli(['list', '--api-version', 'yesterday'], {
      factoryError: new AtlasValidationError(
        'apiVersion',
        '"preview" or a date as YYYY-MM-DD',
        'yesterday',
      ),
    });
    expect(run.exitCode).toBe(2);
    expect(run.stderr).toBe('error: --api-version must be "preview" or a date as YYYY-MM-DD\n');
  });
});

describe('where the commands look for keys', () => {
  test('--project wins over MONGODB_ATLAS_PROJECT_ID', async () => {
    const other = 'aaaaaaaaaaaaaaaaaaaaaaaa';
    const run = await runCli(['get', KEY, '--project', other], { script: { key: sampleKey() } });
    expect(run.calls).toEqual([{ method: 'keys.get', params: { groupId: other, apiKeyId: KEY } }]);
  });

  test('--org lists the keys of the organisation, even when a project variable is set', async () => {
    const run = await runCli(['list', '--org', ORG]);
    expect(run.exitCode).toBe(0);
    expect(run.calls).toEqual([{ method: 'keys.listForOrg', params: { orgId: ORG } }]);
  });

  test('without flags, list falls back to MONGODB_ATLAS_ORG_ID when no project variable is set', async () => {
    const run = await runCli(['list'], { env: { MONGODB_ATLAS_ORG_ID: ORG } });
    expect(run.calls).toEqual([{ method: 'keys.listForOrg', params: { orgId: ORG } }]);
  });

  test('the project variable comes before the organisation variable', async () => {
    const run = await runCli(['list'], {
      env: { MONGODB_ATLAS_PROJECT_ID: PROJECT, MONGODB_ATLAS_ORG_ID: ORG },
    });
    expect(run.calls).toEqual([{ method: 'keys.list', params: { groupId: PROJECT } }]);
  });

  test('get --org reads the key at organisation level', async () => {
    const run = await runCli(['get', KEY, '--org', ORG], { script: { key: sampleKey() } });
    expect(run.calls).toEqual([
      { method: 'keys.getForOrg', params: { orgId: ORG, apiKeyId: KEY } },
    ]);
  });

  test('--base-url and --api-version reach the client factory, with the environment', async () => {
    const env = { MONGODB_ATLAS_PROJECT_ID: PROJECT, MONGODB_ATLAS_ACCESS_TOKEN: 't' };
    const run = await runCli(
      ['list', '--base-url', 'http://127.0.0.1:9', '--api-version', '2025-03-12'],
      { env },
    );
    expect(run.settings).toHaveLength(1);
    expect(run.settings[0]).toMatchObject({
      baseUrl: 'http://127.0.0.1:9',
      apiVersion: '2025-03-12',
      env,
    });
    expect(run.clientClosed).toBe(true);
  });

  test('retries are announced on a terminal, or with --verbose, and the trace comes with --debug or MONGODB_ATLAS_DEBUG', async () => {
    const cases = [
      [[], { stderr: false }, {}, { announceRetries: false, debug: false }],
      [[], { stderr: true }, {}, { announceRetries: true, debug: false }],
      [['--verbose'], { stderr: false }, {}, { announceRetries: true, debug: false }],
      [['--debug'], { stderr: false }, {}, { announceRetries: false, debug: true }],
      [
        [],
        { stderr: false },
        { MONGODB_ATLAS_DEBUG: '1' },
        { announceRetries: false, debug: true },
      ],
    ] as const;
    for (const [args, tty, env, want] of cases) {
      const run = await runCli(['list', ...args], {
        tty,
        env: { MONGODB_ATLAS_PROJECT_ID: PROJECT, ...env },
        script: { pages: [] },
      });
      expect(run.settings[0], JSON.stringify([args, tty, env])).toMatchObject(want);
    }
  });

  test('--timeout and --max-retries reach the client factory, the timeout in milliseconds', async () => {
    const run = await runCli(['list', '--timeout', '2.5', '--max-retries', '0'], {
      script: { pages: [] },
    });
    expect(run.settings[0]).toMatchObject({ timeoutMs: 2500, maxRetries: 0 });
  });

  test('without --base-url and --api-version the client keeps its defaults', async () => {
    const run = await runCli(['list']);
    expect(run.settings[0]?.baseUrl).toBeUndefined();
    expect(run.settings[0]?.apiVersion).toBeUndefined();
  });
});

describe('help and version', () => {
  test('--help describes every command and shows examples, on stdout, exit 0', async () => {
    const run = await runCli(['--help']);
    expect(run.exitCode).toBe(0);
    for (const command of ['list', 'get', 'create', 'rename', 'delete', 'rotate']) {
      expect(run.stdout).toMatch(new RegExp(`^  ${command} `, 'm'));
    }
    expect(run.stdout).toContain('Examples:');
    expect(run.stdout).toContain('MONGODB_ATLAS_ACCESS_TOKEN');
    expect(run.stdout).toContain('Exit codes:');
    expect(run.stderr).toBe('');
  });

  test.each(['list', 'get', 'create', 'rename', 'delete', 'rotate'])(
    '%s --help shows its usage and examples',
    async (command) => {
      const run = await runCli([command, '--help']);
      expect(run.exitCode).toBe(0);
      expect(run.stdout).toMatch(new RegExp(`^Usage: atlas-ai-keys ${command} `));
      expect(run.stdout).toContain('Examples:');
      expect(run.stdout).toContain(`$ atlas-ai-keys ${command}`);
      expect(run.settings).toHaveLength(0);
    },
  );

  test('help <command> is the same as <command> --help', async () => {
    const viaHelp = await runCli(['help', 'rotate']);
    const viaFlag = await runCli(['rotate', '--help']);
    expect(viaHelp.exitCode).toBe(0);
    expect(viaHelp.stdout).toBe(viaFlag.stdout);
  });

  test("--version prints the package version, the libraries' own, kept in step by changesets", async () => {
    const read = async (path: string) =>
      JSON.parse(await readFile(new URL(path, import.meta.url), 'utf8')) as Record<string, unknown>;
    const { version } = await read('../../package.json');
    const run = await runCli(['--version']);
    expect(run.exitCode).toBe(0);
    expect(run.stdout).toBe(`${version}\n`);
    expect((await read('../../../atlas-ai-keys/package.json')).version).toBe(version);
    expect((await read('../../../../.changeset/config.json')).fixed).toContainEqual(
      expect.arrayContaining(['@org/atlas-ai-keys', '@org/atlas-ai-keys-cli']),
    );
  });

  test('--help states the retry defaults and the worst case, from the client', async () => {
    const worst = worstCase();
    const run = await runCli(['--help']);
    const text = run.stdout.replace(/\s+/g, ' ');
    expect(text).toContain(`(default ${DEFAULT_TIMEOUT_MS / 1000})`);
    expect(text).toContain(`(default ${DEFAULT_MAX_RETRIES})`);
    expect(text).toContain(
      `given up after ${worst.attempts} attempts, ${worst.silentMs / 1000} s at most`,
    );
    expect(text).toContain(`stretch that to ${worst.retryAfterMs / 1000} s`);
  });

  test('--base-url --help shows the default in effect, from the variables', async () => {
    const fromVariable = await runCli(['list', '--help'], {
      env: { MONGODB_ATLAS_BASE_URL: 'http://127.0.0.1:4010' },
    });
    expect(fromVariable.stdout.replace(/\s+/g, ' ')).toContain(
      '(default: "http://127.0.0.1:4010" from $MONGODB_ATLAS_BASE_URL)',
    );
    const plain = await runCli(['list', '--help'], { env: {} });
    expect(plain.stdout.replace(/\s+/g, ' ')).toContain(
      "(default: https://cloud.mongodb.com, or the profile's ops_manager_url)",
    );
  });

  test('create --help shows --secret-file and no redirect of the secret into a file', async () => {
    const run = await runCli(['create', '--help']);
    expect(run.stdout).toContain('--secret-file <path>');
    expect(run.stdout).not.toMatch(/> \S+\.txt/);
    expect(run.stdout.replace(/\s+/g, ' ')).toContain(
      '--json print the new key as JSON, its secret included (left out with --secret-file)',
    );
  });

  test('no command prints the help on stderr and exits 2', async () => {
    const run = await runCli([]);
    expect(run.exitCode).toBe(2);
    expect(run.stdout).toBe('');
    expect(run.stderr).toContain('Usage: atlas-ai-keys');
  });
});
