import { mockUrl } from '@org/atlas-mock/vitest';
import { afterEach, beforeEach, describe, expect, test } from 'vitest';
import { childEnv, runBuilt, SEEDED, TOKEN } from '../helpers/built-cli.js';
import { type PreferProxy, startPreferProxy } from '../helpers/prefer-proxy.js';

// Every command, built and spawned as a user would run it, against the Prism mock of the spec
// through a recording proxy. No terminal here: stdin, stdout and stderr are pipes.

const KEY = SEEDED.apiKeyId;
const ORG = '5f1d6c2b9e0a4b7c8d9e0f12';
const groupPath = `/api/atlas/v2/groups/${SEEDED.groupId}/aiModelApiKeys`;

let proxy: PreferProxy;
beforeEach(async () => {
  proxy = await startPreferProxy(mockUrl());
});
afterEach(async () => {
  await proxy.close();
});

/** Runs the command against the mock; `--base-url` points at the proxy. */
const cli = (...args: string[]) => runBuilt([...args, '--base-url', proxy.url]);
const requests = () => proxy.seen.map(({ method, path }) => `${method} ${path.split('?')[0]}`);

describe('list', () => {
  test('prints the project keys as a table on stdout and nothing on stderr', async () => {
    const run = await cli('list');
    expect(run.code).toBe(0);
    const [header, row] = run.stdout.split('\n');
    expect(header?.split(/\s{2,}/)).toEqual([
      'NAME',
      'ID',
      'STATUS',
      'SECRET',
      'CREATED (UTC)',
      'LAST USED (UTC)',
    ]);
    expect(row).toContain(KEY);
    expect(run.stderr).toBe('');
    expect(requests()).toEqual([`GET ${groupPath}`]);
  });

  test('--json prints one parseable array of the keys, the API JSON unchanged', async () => {
    const run = await cli('list', '--json');
    expect(run.code).toBe(0);
    const keys = JSON.parse(run.stdout) as { apiKeyId: string; maskedSecret: string }[];
    expect(Array.isArray(keys)).toBe(true);
    expect(keys.map((key) => key.apiKeyId)).toContain(KEY);
    expect(keys.every((key) => !('secret' in key))).toBe(true);
    expect(run.stderr).toBe('');
  });

  test('--org lists the keys of the organisation', async () => {
    const run = await cli('list', '--org', ORG, '--json');
    expect(run.code).toBe(0);
    expect(JSON.parse(run.stdout)).toHaveLength(1);
    expect(requests()).toEqual([`GET /api/atlas/v2/orgs/${ORG}/aiModelApiKeys`]);
  });
});

describe('get', () => {
  test('prints every field of one key, or the API JSON with --json', async () => {
    const table = await cli('get', KEY);
    expect(table.code).toBe(0);
    for (const line of [
      /^secret +al-\*+\w+$/m,
      /^cloud +ANY$/m,
      /^geography +ANY$/m,
      /^endpoint +\S+$/m,
      /^created by +\S+/m,
    ]) {
      expect(table.stdout).toMatch(line);
    }
    const json = await cli('get', KEY, '--json');
    expect(JSON.parse(json.stdout)).toMatchObject({ apiKeyId: KEY, maskedSecret: 'al-****odu2' });
    expect(json.stderr).toBe('');
  });

  test('--org reads the key at organisation level', async () => {
    const run = await cli('get', KEY, '--org', ORG, '--json');
    expect(run.code).toBe(0);
    expect(JSON.parse(run.stdout)).toMatchObject({ apiKeyId: KEY });
    expect(requests()).toEqual([`GET /api/atlas/v2/orgs/${ORG}/aiModelApiKeys/${KEY}`]);
  });
});

describe('create', () => {
  test('prints the secret once, alone on stdout; stderr warns it cannot be shown again', async () => {
    const json = await cli('create', '--name', 'ci', '--json');
    expect(json.code).toBe(0);
    const { secret } = JSON.parse(json.stdout) as { secret: string };
    expect(secret).toMatch(/^al-/);
    expect(json.stderr).toContain('cannot be shown again');
    expect(json.stderr).not.toContain(secret);

    const text = await cli('create', '--name', 'ci');
    expect(text.code).toBe(0);
    expect(text.stdout).toBe(`${secret}\n`);
    expect(text.stderr).toMatch(
      /^✓ Created key ".+" \(.+\) in project 32b6e34b3d91647abb20e7b8\.$/m,
    );
    expect(text.stderr).toContain('cannot be shown again');
    expect(text.stderr).not.toContain(secret);
    expect(requests()).toEqual([`POST ${groupPath}`, `POST ${groupPath}`]);
  });
});

describe('rename', () => {
  test('sends the new name and prints the key; --json prints the API JSON', async () => {
    const run = await cli('rename', KEY, '--name', 'production', '--json');
    expect(run.code).toBe(0);
    expect(JSON.parse(run.stdout)).toMatchObject({ apiKeyId: KEY });
    expect(run.stderr).toMatch(/^✓ Renamed key a86r5kwrfsk5r5ku5tgvhmpj to ".+"\.$/m);
    expect(requests()).toEqual([`PATCH ${groupPath}/${KEY}`]);
  });
});

describe('delete', () => {
  test('with --yes deletes the key and says so on stderr, printing nothing on stdout', async () => {
    const run = await cli('delete', KEY, '--yes');
    expect(run.code).toBe(0);
    expect(run.stdout).toBe('');
    expect(run.stderr).toBe(`✓ Deleted key ${KEY} from project ${SEEDED.groupId}.\n`);
    expect(requests()).toEqual([`DELETE ${groupPath}/${KEY}`]);
  });
});

describe('rotate', () => {
  test('gets the old key, creates its successor, prints the secret, then deletes the old key', async () => {
    const run = await cli('rotate', KEY, '--yes', '--json');
    expect(run.code).toBe(0);
    const created = JSON.parse(run.stdout) as { secret: string; name: string };
    expect(created.secret).toMatch(/^al-/);
    expect(run.stderr).not.toContain(created.secret);
    expect(run.stderr).toContain(`✓ Deleted the old key ${KEY}.`);
    expect(requests()).toEqual([
      `GET ${groupPath}/${KEY}`,
      `POST ${groupPath}`,
      `DELETE ${groupPath}/${KEY}`,
    ]);
  });

  test('--keep-old creates the successor and leaves the old key', async () => {
    const run = await cli('rotate', KEY, '--keep-old');
    expect(run.code).toBe(0);
    expect(run.stdout).toMatch(/^al-\S+\n$/);
    expect(run.stderr).toContain(`Kept the old key ${KEY}`);
    expect(requests()).toEqual([`GET ${groupPath}/${KEY}`, `POST ${groupPath}`]);
  });
});

describe('limits', () => {
  const limitsPath = `/api/atlas/v2/groups/${SEEDED.groupId}/aiModelApiRateLimits`;
  const groupPath = (scope: string) =>
    `/api/atlas/v2/${scope}/aiModelApiClouds/ANY/geographies/ANY/modelGroupNames/embed_large/rateLimits`;

  test('list prints a table of model groups on stdout and nothing on stderr', async () => {
    const run = await cli('limits', 'list');
    expect(run.code).toBe(0);
    const [header, row] = run.stdout.split('\n');
    expect(header?.split(/\s{2,}/)).toEqual([
      'MODEL GROUP',
      'MODELS',
      'REQUESTS/MIN',
      'TOKENS/MIN',
    ]);
    // note: the spec gives modelNames no example, so the static mock answers its type's name.
    expect(row).toMatch(/^embed_large +string +2,000 +3,000,000$/);
    expect(run.stderr).toBe('');
    expect(requests()).toEqual([`GET ${limitsPath}`]);
  });

  test("list --org --json prints the organisation's limits as one array", async () => {
    const run = await cli('limits', 'list', '--org', ORG, '--json');
    expect(JSON.parse(run.stdout)).toEqual([
      expect.objectContaining({ modelGroupName: 'embed_large' }),
    ]);
    expect(requests()).toEqual([`GET /api/atlas/v2/orgs/${ORG}/aiModelApiRateLimits`]);
  });

  test('get sends the declared default cloud and geography in the path', async () => {
    const run = await cli('limits', 'get', 'embed_large', '--json');
    expect(JSON.parse(run.stdout)).toMatchObject({ modelGroupName: 'embed_large', cloud: 'ANY' });
    expect(requests()).toEqual([`GET ${groupPath(`groups/${SEEDED.groupId}`)}`]);
  });

  test('set sends both limits in one PATCH', async () => {
    const run = await cli('limits', 'set', 'embed_large', '--rpm', '100', '--tpm', '200000');
    expect(run.code).toBe(0);
    expect(requests()).toEqual([`PATCH ${groupPath(`groups/${SEEDED.groupId}`)}`]);
    expect(proxy.seen[0]?.body).toEqual({
      requestsPerMinuteLimit: 100,
      tokensPerMinuteLimit: 200000,
    });
    expect(run.stderr).toContain('✓ Set embed_large in project');
  });

  test("set with --org reads the organisation's limits first and refuses more, sending no PATCH", async () => {
    const run = await cli(
      'limits',
      'set',
      'embed_large',
      '--rpm',
      '2001',
      '--tpm',
      '1',
      '--org',
      ORG,
    );
    expect(run.code).toBe(2);
    expect(run.stderr).toBe(
      `error: --rpm 2001 is above the 2000 requests/min that organisation ${ORG} allows for embed_large; nothing was changed\n`,
    );
    expect(requests()).toEqual([`GET ${groupPath(`orgs/${ORG}`)}`]);
  });

  test('reset of one group and of all need --yes here, and POST the custom methods', async () => {
    const refused = await cli('limits', 'reset', 'embed_large');
    expect(refused.code).toBe(2);
    expect(proxy.seen).toEqual([]);
    expect((await cli('limits', 'reset', 'embed_large', '--yes')).code).toBe(0);
    expect((await cli('limits', 'reset', '--yes')).code).toBe(0);
    expect(requests()).toEqual([
      `POST ${groupPath(`groups/${SEEDED.groupId}`)}:reset`,
      `POST ${limitsPath}:reset`,
    ]);
  });
});

describe('API versions', () => {
  test('--api-version selects the version; one the API does not serve is exit 1 with a hint', async () => {
    const served = await cli('list', '--json', '--api-version', '2025-03-12');
    expect(served.code).toBe(0);
    const refused = await cli('list', '--api-version', '2024-01-01');
    expect(refused.code).toBe(1);
    expect(refused.stdout).toBe('');
    expect(refused.stderr).toMatch(
      /^error: 406: .*; this release knows API version 2025-03-12 \(the default\): pick one with --api-version <version>\n$/,
    );
  });
});

describe('what reaches the API', () => {
  test('the token is sent to the API and printed nowhere', async () => {
    const runs = [
      await cli('list'),
      await cli('create', '--name', 'ci'),
      await cli('get', 'nope', '--project', 'bad'),
    ];
    for (const run of runs) expect(run.stdout + run.stderr).not.toContain(TOKEN);
  });

  test('credentials are read from the environment through authFromEnv', async () => {
    const run = await runBuilt(['list', '--base-url', proxy.url], {
      env: childEnv({ MONGODB_ATLAS_ACCESS_TOKEN: undefined }),
    });
    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(/MONGODB_ATLAS_ACCESS_TOKEN/);
    expect(run.stderr.trimEnd().split('\n')).toHaveLength(1);
    expect(proxy.seen).toEqual([]);
  });
});
