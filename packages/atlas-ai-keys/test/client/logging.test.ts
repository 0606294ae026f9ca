import { describe, expect, test } from 'vitest';
import { accessTokenAuth, digestAuth, type Logger } from '../../src/index.js';
import { apiError, createObservedClient, json, KEY, PARAMS } from '../helpers/observed-fetch.js';

function capturingLogger() {
  const lines: { level: string; message: string; fields: Record<string, unknown> | undefined }[] =
    [];
  const at = (level: string) => (message: string, fields?: Record<string, unknown>) =>
    lines.push({ level, message, fields });
  const logger: Logger = {
    debug: at('debug'),
    info: at('info'),
    warn: at('warn'),
    error: at('error'),
  };
  return { logger, lines };
}

describe('logging', () => {
  test('debug shows one line per exchange: method, URL, status, duration, attempt and step', async () => {
    const { logger, lines } = capturingLogger();
    const { client } = createObservedClient(
      (_, n) => (n === 0 ? json(apiError(503, 'X'), 503) : json(KEY)),
      {
        logger,
        logLevel: 'debug',
      },
    );
    await client.keys.get(PARAMS);
    const attempts = lines.filter((l) => l.level === 'debug');
    expect(attempts).toHaveLength(2);
    const url = `https://cloud.example.test/api/atlas/v2/groups/${PARAMS.groupId}/aiModelApiKeys/${PARAMS.apiKeyId}`;
    expect(attempts[0]?.fields).toMatchObject({
      method: 'GET',
      url,
      status: 503,
      attempt: 1,
      attempts: 3,
      durationMs: expect.any(Number),
      step: 'no credentials',
    });
    expect(attempts[0]?.message).toMatch(
      new RegExp(`^GET ${url} → 503 in \\d+ ms \\(attempt 1 of 3; no credentials\\)$`),
    );
    expect(attempts[1]?.fields).toMatchObject({ status: 200, attempt: 2 });
    expect(lines.filter((l) => l.level === 'info').map((l) => l.message)).toEqual([
      expect.stringMatching(
        /^retrying GET \/api\/atlas\/v2\/\S+: attempt 2 of 3 in 0(\.\d)? s after: HTTP 503$/,
      ),
    ]);
  });

  test.each([
    ['warn', 0],
    ['off', 0],
    ['info', 1],
  ] as const)('level %s hides what is less severe', async (logLevel, infoLines) => {
    const { logger, lines } = capturingLogger();
    const { client } = createObservedClient(
      (_, n) => (n === 0 ? json(apiError(503, 'X'), 503) : json(KEY)),
      {
        logger,
        logLevel,
      },
    );
    await client.keys.get(PARAMS);
    expect(lines.filter((l) => l.level === 'debug')).toHaveLength(0);
    expect(lines.filter((l) => l.level === 'info')).toHaveLength(infoLines);
  });

  test('debug names the Digest steps: the challenge, then the answer with its nonce count', async () => {
    const { logger, lines } = capturingLogger();
    const { client } = createObservedClient(
      (request) =>
        request.headers.get('authorization')
          ? json(KEY, 200, { 'RateLimit-Limit': '100', 'RateLimit-Remaining': '99' })
          : new Response(null, {
              status: 401,
              headers: {
                'www-authenticate':
                  'Digest realm="MMS Public API", domain="", nonce="abc", algorithm=MD5, qop="auth", stale=false',
              },
            }),
      {
        logger,
        logLevel: 'debug',
        auth: digestAuth({ publicKey: 'pub', privateKey: 'SENTINEL-pk' }),
      },
    );
    await client.keys.get(PARAMS);
    const exchanges = lines.filter((l) => l.level === 'debug').map((l) => l.fields?.step);
    expect(exchanges).toEqual(['digest challenge', 'digest response nc=00000001']);
    expect(lines.at(-1)?.message).toMatch(
      /\(attempt 1 of 3; digest response nc=00000001; RateLimit-Limit 100; RateLimit-Remaining 99\)$/,
    );
    expect(JSON.stringify(lines)).not.toContain('SENTINEL-pk');
  });

  test('the Authorization header and the token never reach the logs', async () => {
    const { logger, lines } = capturingLogger();
    const { client } = createObservedClient(() => json(KEY), {
      logger,
      logLevel: 'debug',
      auth: accessTokenAuth({ accessToken: 'SENTINEL-TOKEN-42' }),
    });
    await client.keys.get(PARAMS);
    expect(lines.length).toBeGreaterThan(0);
    expect(JSON.stringify(lines)).not.toMatch(/SENTINEL-TOKEN-42|authorization/i);
  });
});
