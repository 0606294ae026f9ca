import { afterEach, describe, expect, test } from 'vitest';
import { childEnv, runBuilt } from '../helpers/built-cli.js';
import {
  type Answer,
  type CraftedServer,
  ISSUED_TOKEN,
  type Seen,
  startCraftedServer,
} from '../helpers/crafted-server.js';
import { PROJECT, type RunResult, runCli, sampleKey } from '../helpers/fake-io.js';

// The whole command, the real client included, against a local server that misbehaves as an
// untrusted upstream (a proxy, a gateway, a compromised host) may: nothing it sends may steer the
// terminal, and nothing it quotes back may put a credential on screen.

const KEY_ID = 'a86r5kwrfsk5r5ku5tgvhmpj';

/** Sentinel credentials under the variables of each kind. */
const CREDENTIALS = {
  accessToken: { MONGODB_ATLAS_ACCESS_TOKEN: 'CLI-ACCESS-TOKEN-SENTINEL-71d0' },
  serviceAccount: {
    MONGODB_ATLAS_CLIENT_ID: 'cli-sa-id',
    MONGODB_ATLAS_CLIENT_SECRET: 'CLI-CLIENT-SECRET-SENTINEL-0c3f',
  },
  digest: {
    MONGODB_ATLAS_PUBLIC_API_KEY: 'clipubkey',
    MONGODB_ATLAS_PRIVATE_API_KEY: 'CLI-PRIVATE-KEY-SENTINEL-9a5e',
  },
} as const;
type Kind = keyof typeof CREDENTIALS;
const KINDS = Object.keys(CREDENTIALS) as Kind[];

/**
 * Characters that steer a terminal or hide text; line feeds and nothing else of the C0 range may
 * reach a pipe (colour is off there, and so is the progress line).
 */
// biome-ignore lint/suspicious/noControlCharactersInRegex: finding them is the point.
const UNSAFE = /[\u0000-\u0009\u000b-\u001f\u007f-\u009f\p{Cf}\u2028\u2029]/u;

let server: CraftedServer | undefined;
afterEach(async () => {
  await server?.close();
  server = undefined;
});

/** Runs the command with the real client against a crafted server answering with `answer`. */
async function against(
  answer: (request: Seen) => Answer,
  args: readonly string[],
  kind: Kind = 'accessToken',
  env: Record<string, string> = {},
): Promise<RunResult> {
  server = await startCraftedServer(answer);
  return runCli([...args, '--base-url', server.url], {
    env: { MONGODB_ATLAS_PROJECT_ID: PROJECT, ...CREDENTIALS[kind], ...env },
    realFactory: true,
  });
}

const json = (status: number, body: unknown): Answer => ({ status, body: JSON.stringify(body) });

/** Every secret of the run's credentials, and each part of each Authorization the server saw. */
function secretsOf(kind: Kind, seen: readonly Seen[]): string[] {
  const { MONGODB_ATLAS_CLIENT_ID: id = '', ...secrets } = CREDENTIALS[kind] as Record<
    string,
    string
  >;
  const sent = seen.flatMap(({ headers: { authorization: header } }) =>
    header
      ? [
          header,
          header.slice(header.indexOf(' ') + 1),
          ...(/response="(\w+)"/.exec(header)?.slice(1) ?? []),
        ]
      : [],
  );
  return [
    ...Object.entries(secrets)
      .filter(([name]) => name !== 'MONGODB_ATLAS_PUBLIC_API_KEY')
      .map(([, value]) => value),
    ...(kind === 'serviceAccount'
      ? [ISSUED_TOKEN, btoa(`${id}:${secrets.MONGODB_ATLAS_CLIENT_SECRET}`)]
      : []),
    ...sent,
  ];
}

describe('a server that quotes the request back puts no credential on screen', () => {
  const echoes: [string, (authorization: string) => Answer][] = [
    [
      'a 502 gateway page',
      (authorization) => ({
        status: 502,
        body: `<html><h1>502 Bad Gateway</h1><pre>Authorization: ${authorization}</pre></html>`,
        headers: { 'content-type': 'text/html' },
      }),
    ],
    [
      'an Atlas error whose detail quotes the header',
      (authorization) =>
        json(404, { error: 404, errorCode: 'NOT_FOUND', detail: `no key for ${authorization}` }),
    ],
  ];

  test.each(KINDS.flatMap((kind) => echoes.map(([name, echo]) => [kind, name, echo] as const)))(
    'with %s credentials: %s',
    async (kind, _, echo) => {
      const run = await against(
        (request) => echo(request.headers.authorization as string),
        ['get', KEY_ID],
        kind,
      );
      expect(run.exitCode).toBe(1);
      expect(run.stdout).toBe('');
      expect(run.stderr).toMatch(/^error: (502|404 NOT_FOUND): .*\n$/);
      // note: a gateway page is summarised by its title, so nothing it quotes shows at all.
      if (kind !== 'digest' && !run.stderr.includes('an HTML page')) {
        expect(run.stderr).toContain('[redacted]');
      }
      const secrets = secretsOf(kind, server?.seen ?? []);
      expect(secrets.length).toBeGreaterThan(1);
      for (const secret of secrets) expect(run.stderr + run.stdout).not.toContain(secret);
    },
  );
});

describe("a server's text cannot steer the terminal", () => {
  const hostile = [
    ['ESC and CSI', 'a\u001b[2J\u001b]8;;http://x\u0007link\u001b]8;;\u0007'],
    ['the C1 CSI', 'b\u009b31m'],
    ['a bidi override', 'c\u202egnp.exe'],
    ['zero-width characters', 'd\u200b\u200d\ufeff'],
    ['a line separator', 'e\u2028f'],
    ['DEL and NEL', 'g\u007f\u0085'],
  ] as const;
  const keys = hostile.map(([, name], i) => sampleKey({ name, apiKeyId: `k${i}` }));
  const page = json(200, { results: keys, totalCount: keys.length });

  test('in the table of list', async () => {
    const run = await against(() => page, ['list']);
    expect(run.exitCode).toBe(0);
    expect(run.stdout).not.toMatch(UNSAFE);
    expect(run.stdout).toContain('a\\u001b[2J\\u001b]8;;http://x\\u0007link');
    expect(run.stdout).toContain('b\\u009b31m');
    expect(run.stdout).toContain('c\\u202egnp.exe');
    expect(run.stdout).toContain('d\\u200b\\u200d\\ufeff');
  });

  test('in the JSON of list --json, which stays valid JSON of the same names', async () => {
    const run = await against(() => page, ['list', '--json']);
    expect(run.exitCode).toBe(0);
    expect(run.stdout).not.toMatch(UNSAFE);
    expect(JSON.parse(run.stdout).map((key: { name: string }) => key.name)).toEqual(
      hostile.map(([, name]) => name),
    );
  });

  test('in the messages of rename and create', async () => {
    const renamed = await against(
      () => json(200, sampleKey({ name: 'x\u001b[31m\u202e' })),
      ['rename', KEY_ID, '--name', 'x'],
    );
    expect(renamed.exitCode).toBe(0);
    expect(renamed.stderr).toContain(
      'Renamed key a86r5kwrfsk5r5ku5tgvhmpj to "x\\u001b[31m\\u202e"',
    );
    await server?.close();
    const created = await against(
      () => json(201, { ...sampleKey({ name: 'ci', apiKeyId: 'new\u202eid' }), secret: 'al-ok' }),
      ['create', '--name', 'ci'],
    );
    expect(created.exitCode).toBe(0);
    expect(created.stdout).toBe('al-ok\n');
    expect(created.stderr).toContain('"ci" (new\\u202eid)');
    for (const run of [renamed, created]) {
      expect(run.stderr + run.stdout).not.toMatch(UNSAFE);
    }
  });

  test('in the error line of an API error', async () => {
    const run = await against(
      () =>
        json(404, {
          error: 404,
          errorCode: 'NOT\u009b2J',
          detail: 'gone\u001b]0;title\u0007 \u202eevil\u200b',
        }),
      ['get', KEY_ID],
    );
    expect(run.exitCode).toBe(1);
    expect(run.stderr).toBe(
      'error: 404 NOT\\u009b2J: gone\\u001b]0;title\\u0007 \\u202eevil\\u200b\n',
    );
  });

  test.each([
    ['an escape sequence', 'al-\u001b]8;;http://evil\u0007x'],
    ['the C1 CSI', 'al-\u009b2Jx'],
    ['a zero-width space', 'al-\u200bx'],
    ['a bidi override', 'al-\u202ex'],
  ])('a secret holding %s is refused, not printed, exit 1', async (_, secret) => {
    for (const extra of [[], ['--json']]) {
      const run = await against(
        () => json(201, { ...sampleKey({ apiKeyId: 'newkey' }), secret }),
        ['create', '--name', 'ci', ...extra],
      );
      await server?.close();
      expect(run.exitCode).toBe(1);
      expect(run.stdout).toBe('');
      expect(run.stderr).toBe(
        'error: key newkey was created, but the response carried a secret that is not printable text: delete it and create another\n',
      );
    }
  });
});

describe('an untrusted base URL', () => {
  test('in MONGODB_ATLAS_BASE_URL, unparseable, has its password kept off screen', async () => {
    // note: the built command, since the client reads the variable from the process itself.
    const password = 'PW-SENTINEL-9f';
    const run = await runBuilt(['list'], {
      env: childEnv({ MONGODB_ATLAS_BASE_URL: `https://user:pa/${password}@cloud.mongodb.com` }),
    });
    expect(run.code).toBe(2);
    expect(run.stderr).toBe(
      'error: $MONGODB_ATLAS_BASE_URL "…@cloud.mongodb.com" is not a valid URL: give one such as https://cloud.mongodb.com\n',
    );
    expect(run.stderr + run.stdout).not.toContain(password);
  });
});

describe('a listing server that serves full pages for ever', () => {
  test('ends a page past a totalCount no page ends at, with a warning, and prints what was listed', async () => {
    let served = 0;
    const run = await against(() => {
      const from = served++ * 500;
      const results = Array.from({ length: 500 }, (_, i) =>
        sampleKey({ apiKeyId: `k${from + i}` }),
      );
      return json(200, { results, totalCount: 900 });
    }, ['list', '--json']);
    expect(run.exitCode).toBe(0);
    expect(JSON.parse(run.stdout)).toHaveLength(1500);
    expect(served).toBe(3);
    expect(run.stderr).toBe(
      'warning: listGroupAiModelApiKeys: more items listed than totalCount (900); iteration stops there\n',
    );
  });
});

describe('a body nested without end', () => {
  test('is one error line, exit 1', async () => {
    const levels = 50_000;
    const run = await against(
      () => ({ status: 200, body: `{"name":${'['.repeat(levels)}${']'.repeat(levels)}}` }),
      ['get', KEY_ID, '--json'],
    );
    expect(run.exitCode).toBe(1);
    expect(run.stdout).toBe('');
    expect(run.stderr).toMatch(/^error: 200: unexpected body: body nested over 64 levels deep\n$/);
  });
});
