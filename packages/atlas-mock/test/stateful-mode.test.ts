import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { parse, stringify } from 'yaml';
import { resetAtlasMock } from '../src/reset-over-http.js';
import { seededApiKeyId, seededGroupId } from '../src/seed.js';
import { type AtlasMock, defaultSpecPath, startAtlasMock } from '../src/start-atlas-mock.js';
import { atlasRequest } from './atlas-request.js';
import { keyExample, keyMediaType } from './spec-examples.js';

type Json = Record<string, unknown>;

const keysOf = (groupId: string) => `/api/atlas/v2/groups/${groupId}/aiModelApiKeys`;
const ORG_KEYS = '/api/atlas/v2/orgs/4888442a3354817a7320eb61/aiModelApiKeys';
const OTHER_GROUP = 'aaaaaaaaaaaaaaaaaaaaaaaa';

/** A request as a client would send it, with its answer read. */
async function call(
  mock: AtlasMock,
  method: string,
  path: string,
  options: { body?: unknown; headers?: Record<string, string> } = {},
): Promise<{ status: number; headers: Headers; body: Json | undefined }> {
  const response = await atlasRequest(mock.baseUrl, method, path, options);
  const text = await response.text();
  return {
    status: response.status,
    headers: response.headers,
    body: text === '' ? undefined : (JSON.parse(text) as Json),
  };
}

const create = (mock: AtlasMock, name: string, groupId = seededGroupId) =>
  call(mock, 'POST', keysOf(groupId), { body: { name, cloud: 'ANY', geography: 'ANY' } });

/** The spec's example key as the stateful mock holds it: in the project of the example groupId. */
const { secret: _, ...shownExample } = keyExample;
const seededKey = { ...shownExample, groupId: seededGroupId };

describe('a stateful mock', () => {
  let mock: AtlasMock;
  beforeAll(async () => {
    mock = await startAtlasMock();
  });
  beforeEach(() => mock.reset());
  afterAll(() => mock.close());

  it("starts with the spec's example key, in the project of the spec's example groupId", async () => {
    const { status, body } = await call(mock, 'GET', keysOf(seededGroupId));
    expect(status).toBe(200);
    expect(body).toMatchObject({ results: [seededKey], totalCount: 1 });
    expect((await call(mock, 'GET', keysOf(OTHER_GROUP))).body).toMatchObject({
      results: [],
      totalCount: 0,
    });
  });

  it('keeps a created key: get, the list and the organization see it, and only the create response carries its secret', async () => {
    const created = await create(mock, 'search');
    expect(created.status).toBe(201);
    const key = created.body as Json & { apiKeyId: string; secret: string };
    expect(key).toMatchObject({
      name: 'search',
      groupId: seededGroupId,
      cloud: 'ANY',
      geography: 'ANY',
      endpoint: 'ai.mongodb.com',
      status: 'ACTIVE',
      lastUsedAt: null,
      maskedSecret: `al-****${key.secret.slice(-4)}`,
    });
    expect(key.secret).toMatch(/^al-[A-Za-z0-9]{43}$/);
    expect(key.apiKeyId).toMatch(/^[a-z0-9]{24}$/);
    expect(Date.parse(key.createdAt as string)).not.toBeNaN();

    const { secret, ...shown } = key;
    expect((await call(mock, 'GET', `${keysOf(seededGroupId)}/${key.apiKeyId}`)).body).toEqual(
      shown,
    );
    const list = await call(mock, 'GET', keysOf(seededGroupId));
    expect(list.body).toMatchObject({ results: [seededKey, shown], totalCount: 2 });
    const org = await call(mock, 'GET', `${ORG_KEYS}/${key.apiKeyId}`);
    expect(org.body).toEqual(shown);
    expect(JSON.stringify([list.body, org.body])).not.toContain(secret);
  });

  it('renames a key for every later read', async () => {
    const { apiKeyId } = (await create(mock, 'before')).body as { apiKeyId: string };
    const renamed = await call(mock, 'PATCH', `${keysOf(seededGroupId)}/${apiKeyId}`, {
      body: { name: 'after' },
    });
    expect(renamed.body).toMatchObject({ apiKeyId, name: 'after' });
    expect((await call(mock, 'GET', `${keysOf(seededGroupId)}/${apiKeyId}`)).body).toMatchObject({
      name: 'after',
    });
  });

  it("answers Atlas's 404 body for a deleted key, to get, rename, delete and the organization", async () => {
    const { apiKeyId } = (await create(mock, 'short-lived')).body as { apiKeyId: string };
    const path = `${keysOf(seededGroupId)}/${apiKeyId}`;
    const deleted = await call(mock, 'DELETE', path);
    expect(deleted.status).toBe(204);
    expect(deleted.body).toBeUndefined();

    const notFound = {
      detail: `Cannot find resource AiModelApiKey with id ${apiKeyId}.`,
      error: 404,
      errorCode: 'RESOURCE_NOT_FOUND',
      reason: 'Not Found',
    };
    for (const [method, target, body] of [
      ['GET', path],
      ['PATCH', path, { name: 'too late' }],
      ['DELETE', path],
      ['GET', `${ORG_KEYS}/${apiKeyId}`],
    ] as const) {
      const answer = await call(mock, method, target, { body });
      expect([answer.status, answer.headers.get('content-type')]).toEqual([
        404,
        'application/json',
      ]);
      expect(answer.body).toEqual(notFound);
    }
    expect((await call(mock, 'GET', keysOf(seededGroupId))).body).toMatchObject({ totalCount: 1 });
  });

  it("keeps each project's keys apart; the organization sees them all", async () => {
    await create(mock, 'elsewhere', OTHER_GROUP);
    expect((await call(mock, 'GET', keysOf(seededGroupId))).body).toMatchObject({ totalCount: 1 });
    expect((await call(mock, 'GET', keysOf(OTHER_GROUP))).body).toMatchObject({ totalCount: 1 });
    expect((await call(mock, 'GET', ORG_KEYS)).body).toMatchObject({ totalCount: 2 });
    const seededFromOther = await call(mock, 'GET', `${keysOf(OTHER_GROUP)}/${seededApiKeyId}`);
    expect(seededFromOther.status).toBe(404);
  });

  describe('lists', () => {
    const names = ['k1', 'k2', 'k3', 'k4', 'k5'];
    beforeEach(async () => {
      for (const name of names) await create(mock, name, OTHER_GROUP);
    });

    it.each([
      ['?itemsPerPage=2', ['k1', 'k2'], ['self', 'next']],
      ['?itemsPerPage=2&pageNum=2', ['k3', 'k4'], ['previous', 'self', 'next']],
      ['?itemsPerPage=2&pageNum=3', ['k5'], ['previous', 'self']],
      ['?itemsPerPage=2&pageNum=4', [], ['previous', 'self']],
      ['', names, ['self']],
    ])('page %s holds %j, totalCount 5 and the links %j', async (query, want, rels) => {
      const { body } = await call(mock, 'GET', `${keysOf(OTHER_GROUP)}${query}`);
      const page = body as { results: Json[]; totalCount: number; links: Json[] };
      expect(page.results.map((key) => key.name)).toEqual(want);
      expect(page.totalCount).toBe(5);
      expect(page.links.map((link) => link.rel)).toEqual(rels);
    });

    it("links to its pages at the mock's own address, with the spec's default page size", async () => {
      const { body } = await call(mock, 'GET', `${keysOf(OTHER_GROUP)}?pageNum=1`);
      expect((body as { links: Json[] }).links).toEqual([
        {
          href: `${mock.baseUrl}${keysOf(OTHER_GROUP)}?pageNum=1&itemsPerPage=100`,
          rel: 'self',
        },
      ]);
    });
  });

  describe('reset', () => {
    it('brings back the seeded key alone, and the same ids and secrets in the same order', async () => {
      const first = (await create(mock, 'one')).body;
      await call(mock, 'DELETE', `${keysOf(seededGroupId)}/${seededApiKeyId}`);
      await mock.reset();

      expect((await call(mock, 'GET', keysOf(seededGroupId))).body).toMatchObject({
        results: [seededKey],
      });
      const again = (await create(mock, 'one')).body;
      expect(again).toMatchObject({ apiKeyId: first?.apiKeyId, secret: first?.secret });
    });

    it('works over HTTP from any process, with no credentials', async () => {
      await create(mock, 'to be forgotten');
      await resetAtlasMock(mock.baseUrl);
      expect((await call(mock, 'GET', keysOf(seededGroupId))).body).toMatchObject({
        totalCount: 1,
      });
    });

    it('over HTTP, names the status when the mock is not stateful', async () => {
      const staticMock = await startAtlasMock({ mode: 'static' });
      try {
        await expect(resetAtlasMock(staticMock.baseUrl)).rejects.toThrow(
          `POST ${staticMock.baseUrl}/_atlas-mock/reset answered 404, not 204`,
        );
      } finally {
        await staticMock.close();
      }
    });
  });

  describe('versions and errors on demand', () => {
    it.each([keyMediaType, '*/*', `${keyMediaType}, application/json`, 'application/*'])(
      'serves the key for Accept: %s',
      async (accept) => {
        const answer = await call(mock, 'GET', `${keysOf(seededGroupId)}/${seededApiKeyId}`, {
          headers: { accept },
        });
        expect([answer.status, answer.headers.get('content-type')]).toEqual([200, keyMediaType]);
      },
    );

    it.each(['application/json', 'application/vnd.atlas.preview+json'])(
      "answers Atlas's 406 INVALID_VERSION_DATE to Accept: %s, which Prism notes the spec does not declare",
      async (accept) => {
        const answer = await call(mock, 'GET', keysOf(seededGroupId), { headers: { accept } });
        expect(answer.status).toBe(406);
        expect(answer.body).toMatchObject({ error: 406, errorCode: 'INVALID_VERSION_DATE' });
        expect(answer.headers.get('sl-violations')).toContain(
          'Unable to match the returned status',
        );
      },
    );

    it('answers Prefer: code=404 with a JSON error even when only the versioned type is accepted', async () => {
      const answer = await call(mock, 'GET', `${keysOf(seededGroupId)}/${seededApiKeyId}`, {
        headers: { prefer: 'code=404' },
      });
      expect([answer.status, answer.headers.get('content-type')]).toEqual([
        404,
        'application/json',
      ]);
      expect(answer.body).toEqual({
        detail: 'Answered 404 as the request asked (Prefer: code=404).',
        error: 404,
        errorCode: 'RESOURCE_NOT_FOUND',
        reason: 'Not Found',
      });
    });

    it('answers Prefer: code=429 with Retry-After, and changes nothing', async () => {
      const answer = await call(mock, 'POST', keysOf(seededGroupId), {
        body: { name: 'refused', cloud: 'ANY', geography: 'ANY' },
        headers: { prefer: 'code=429' },
      });
      expect(answer.status).toBe(429);
      expect(answer.headers.get('retry-after')).toBe('1');
      expect(answer.body).toMatchObject({ errorCode: 'RATE_LIMITED' });
      expect((await call(mock, 'GET', keysOf(seededGroupId))).body).toMatchObject({
        totalCount: 1,
      });
    });

    it('refuses, as the static mock does, a status the operation does not declare', async () => {
      const answer = await call(mock, 'GET', keysOf(seededGroupId), {
        headers: { prefer: 'code=418' },
      });
      expect([answer.status, answer.headers.get('content-type')]).toEqual([
        404,
        'application/problem+json',
      ]);
      expect(answer.body).toMatchObject({
        detail: 'Requested status code 418 is not defined in the document.',
      });
    });

    it('lets no request the spec refuses reach the emulator', async () => {
      const tooLong = await create(mock, 'x'.repeat(251));
      expect(tooLong.status).toBe(422);
      const unsigned = await fetch(`${mock.baseUrl}${keysOf(seededGroupId)}`, {
        headers: { accept: keyMediaType },
      });
      expect(unsigned.status).toBe(401);
      expect((await call(mock, 'GET', keysOf(seededGroupId))).body).toMatchObject({
        totalCount: 1,
      });
    });
  });
});

describe('a stateful mock of another version of the spec', () => {
  let dir: string;
  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'atlas-mock-'));
  });
  afterAll(() => rm(dir, { recursive: true, force: true }));

  /** The spec with `change` applied, written to a file of its own. */
  async function specWith(name: string, change: (spec: Json) => void): Promise<string> {
    const spec = parse(await readFile(defaultSpecPath, 'utf8')) as Json;
    change(spec);
    const file = join(dir, `${name}.yaml`);
    await writeFile(file, stringify(spec));
    return file;
  }

  it('turns an answer of the emulator that breaks the spec into a 500 naming the violation', async () => {
    const specPath = await specWith('short-names', (spec) => {
      const schemas = (spec.components as { schemas: Record<string, Json> }).schemas;
      const key = schemas.AiModelApiKeyResponse as { properties: Record<string, Json> };
      key.properties.name = { ...key.properties.name, maxLength: 5 };
    });
    const mock = await startAtlasMock({ specPath });
    try {
      const answer = await call(mock, 'GET', `${keysOf(seededGroupId)}/${seededApiKeyId}`);
      expect(answer.status).toBe(500);
      expect(answer.headers.get('sl-violations')).toContain('name');
    } finally {
      await mock.close();
    }
  });

  it("serves an operation no resource answers from the spec's examples, and says so", async () => {
    const specPath = await specWith('one-more-operation', (spec) => {
      const paths = spec.paths as Record<string, Json>;
      const getOne = (paths[`${keysOf('{groupId}')}/{apiKeyId}`] as { get: Json }).get;
      paths[`${keysOf('{groupId}')}/{apiKeyId}/usage`] = {
        get: { ...getOne, operationId: 'getGroupAiModelApiKeyUsage' },
      };
    });
    const log: string[] = [];
    const mock = await startAtlasMock({ specPath, log: (line) => log.push(line) });
    try {
      expect(log).toContain(
        "[EMULATOR] Answered from the spec's examples: getGroupAiModelApiKeyUsage",
      );
      const answer = await call(mock, 'GET', `${keysOf(OTHER_GROUP)}/anything/usage`);
      expect(answer.status).toBe(200);
      expect(answer.body).toEqual(keyExample);
    } finally {
      await mock.close();
    }
  });
});
