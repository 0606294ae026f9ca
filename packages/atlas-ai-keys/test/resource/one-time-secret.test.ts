import { inspect } from 'node:util';
import { describe, expect, test } from 'vitest';
import { AtlasBadRequestError } from '../../src/index.js';
import { captureLogger } from '../helpers/capture-logger.js';
import { createObservedClient, json, KEY, rejectionOf } from '../helpers/observed-fetch.js';

const SECRET = 'al-SENTINEL-one-time-secret-5f2a9c';
const CREATED = { ...KEY, secret: SECRET };

/** A client at debug level whose log lines are kept, answering with `body`. */
function loggedClient(body: unknown, status = 201) {
  const { logger, lines } = captureLogger();
  const observed = createObservedClient(() => json(body, status), { logger, logLevel: 'debug' });
  return { ...observed, lines };
}

describe("a created key's one-time secret", () => {
  test('is readable as key.secret', async () => {
    const { client } = loggedClient(CREATED);
    const key = await client.keys.create({ groupId: KEY.groupId, name: 'app' });
    expect(key.secret).toBe(SECRET);
    expect(key.maskedSecret).toBe(KEY.maskedSecret);
  });

  test('is absent from JSON, default inspection, spreads and Object.keys', async () => {
    const { client } = loggedClient(CREATED);
    const key = await client.keys.create({ groupId: KEY.groupId, name: 'app' });
    expect(JSON.stringify(key)).not.toContain(SECRET);
    expect(inspect(key)).not.toContain(SECRET);
    expect(inspect(key, { depth: Number.POSITIVE_INFINITY, colors: true })).not.toContain(SECRET);
    expect({ ...key }).toEqual(KEY);
    expect(Object.keys(key)).not.toContain('secret');
  });

  test('never reaches the logs, at debug level', async () => {
    const { client, lines } = loggedClient(CREATED);
    await client.keys.create({ groupId: KEY.groupId, name: 'app' });
    expect(lines.length).toBeGreaterThan(0);
    for (const line of lines) expect(line).not.toContain(SECRET.slice(0, 12));
  });

  test('is hidden under envelope=true too', async () => {
    const { client } = loggedClient({ status: 201, content: CREATED }, 200);
    const key = await client.keys.create({
      groupId: KEY.groupId,
      name: 'app',
      envelope: true,
    });
    expect(key.secret).toBe(SECRET);
    expect(JSON.stringify(key)).not.toContain(SECRET);
  });

  test.each([
    ['as it is', CREATED],
    ['under envelope=true', { status: 201, content: CREATED }],
  ])('is hidden from what client.api resolves with, %s', async (_, body) => {
    const { client } = loggedClient(body);
    const { data } = await client.api.POST('/api/atlas/v2/groups/{groupId}/aiModelApiKeys', {
      params: { path: { groupId: KEY.groupId } },
      body: { name: 'app', cloud: 'ANY', geography: 'ANY' },
    });
    const key = (data && 'content' in data ? data.content : data) as typeof CREATED;
    expect(key.secret).toBe(SECRET);
    expect(JSON.stringify(data)).not.toContain(SECRET);
    expect(inspect(data, { depth: Number.POSITIVE_INFINITY })).not.toContain(SECRET);
    expect(Object.keys(key)).not.toContain('secret');
  });

  test('is hidden in every item of a list and in a get', async () => {
    const { client } = loggedClient({ results: [CREATED, CREATED] }, 200);
    const page = await client.keys.list({ groupId: KEY.groupId });
    expect(page.results[1]?.secret).toBe(SECRET);
    expect(JSON.stringify(page)).not.toContain(SECRET);
    expect(inspect(page, { depth: Number.POSITIVE_INFINITY })).not.toContain(SECRET);
  });

  test('quoted back in an error body is not in the error', async () => {
    const { client, lines } = loggedClient(
      { error: 400, errorCode: 'VALIDATION_ERROR', detail: 'bad', echo: { secret: SECRET } },
      400,
    );
    const error = await rejectionOf(client.keys.create({ groupId: KEY.groupId, name: 'app' }));
    expect(error).toBeInstanceOf(AtlasBadRequestError);
    for (const text of [error.message, error.stack ?? '', inspect(error), JSON.stringify(error)]) {
      expect(text).not.toContain(SECRET);
    }
    for (const line of lines) expect(line).not.toContain(SECRET);
  });
});
