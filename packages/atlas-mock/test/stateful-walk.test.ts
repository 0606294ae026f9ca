// Walks every operation of the spec through a stateful mock: its success, each error it declares
// (asked for with `Prefer: code=…`), and a 404 for each id in its path that does not exist. Prism
// checks every request and every response against the spec; any violation it reports, in the
// `sl-violations` header or in its log, fails the walk, so the emulator cannot drift from the spec.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { seededGroupId } from '../src/seed.js';
import { type AtlasMock, startAtlasMock } from '../src/start-atlas-mock.js';
import { atlasRequest } from './atlas-request.js';
import { type SpecOperation, specOperations } from './spec-examples.js';

const ORG_ID = '4888442a3354817a7320eb61';

/** A valid body for each operation that takes one. */
const BODIES: Record<string, unknown> = {
  createGroupAiModelApiKey: { name: 'walked', cloud: 'ANY', geography: 'ANY' },
  updateGroupAiModelApiKey: { name: 'walked again' },
  updateGroupAiModelApiCloudGeographyModelGroupNameRateLimits: {
    requestsPerMinuteLimit: 100,
    tokensPerMinuteLimit: 100_000,
  },
};

/** For each path parameter, a value that names something the mock holds. */
const EXISTING: Record<string, (mock: AtlasMock) => Promise<string>> = {
  groupId: async () => seededGroupId,
  orgId: async () => ORG_ID,
  cloud: async () => 'ANY',
  geography: async () => 'ANY',
  modelGroupName: async () => 'embed_large',
  // A key of its own for each call, so that deleting one leaves the others to act on.
  apiKeyId: async (mock) => {
    const response = await call(
      mock,
      'POST',
      `/api/atlas/v2/groups/${seededGroupId}/aiModelApiKeys`,
      {
        body: BODIES.createGroupAiModelApiKey,
      },
    );
    return ((await response.json()) as { apiKeyId: string }).apiKeyId;
  },
};

/** For each path parameter naming something the mock may not hold, a value it does not hold. */
const MISSING: Record<string, string> = {
  apiKeyId: 'no-such-key-0000000000000',
  modelGroupName: 'no_such_model_group',
};

/** A request of the walk; Prism must report no violation of it, or of its answer. */
async function call(
  mock: AtlasMock,
  method: string,
  path: string,
  options: { body?: unknown; headers?: Record<string, string> } = {},
): Promise<Response> {
  const response = await atlasRequest(mock.baseUrl, method, path, options);
  expect(response.headers.get('sl-violations'), `${method} ${path}`).toBeNull();
  return response;
}

/** The operation's path with each parameter filled in by `value`. */
async function filled(
  operation: SpecOperation,
  value: (name: string) => Promise<string>,
): Promise<string> {
  let path = operation.path;
  for (const [, name] of operation.path.matchAll(/\{([^}]+)\}/g)) {
    path = path.replace(`{${name}}`, encodeURIComponent(await value(name as string)));
  }
  return path;
}

const parameterNames = (operation: SpecOperation) =>
  [...operation.path.matchAll(/\{([^}]+)\}/g)].map(([, name]) => name as string);
const successOf = (operation: SpecOperation) =>
  Number(Object.keys(operation.responses).find((status) => status.startsWith('2')));
const errorsOf = (operation: SpecOperation) =>
  Object.keys(operation.responses)
    .map(Number)
    .filter((status) => status >= 400);

describe('a stateful mock walked through every operation of the spec', () => {
  const log: string[] = [];
  let mock: AtlasMock;
  beforeAll(async () => {
    mock = await startAtlasMock({ log: (line) => log.push(line) });
  });
  afterAll(() => mock.close());

  it('has a value for every path parameter and a body for every operation that takes one', () => {
    for (const operation of specOperations) {
      for (const name of parameterNames(operation)) expect(EXISTING).toHaveProperty(name);
      if (operation.requestBody) expect(BODIES).toHaveProperty(operation.operationId);
    }
  });

  it.each(specOperations.map((operation) => [operation.operationId, operation] as const))(
    '%s: its success, each declared error, and a 404 for what does not exist',
    async (_, operation) => {
      const { method } = operation;
      const body = BODIES[operation.operationId];
      const existing = (name: string) =>
        (EXISTING[name] as (on: AtlasMock) => Promise<string>)(mock);
      const success = await call(mock, method, await filled(operation, existing), { body });
      expect(success.status).toBe(successOf(operation));
      await success.body?.cancel();

      for (const status of errorsOf(operation)) {
        const asked = await call(mock, method, await filled(operation, existing), {
          body,
          headers: { prefer: `code=${status}` },
        });
        expect(asked.status).toBe(status);
        expect(await asked.json()).toMatchObject({ error: status, errorCode: expect.any(String) });
      }

      for (const name of parameterNames(operation).filter((name) => name in MISSING)) {
        const missingPath = await filled(operation, async (each) =>
          each === name ? (MISSING[name] as string) : existing(each),
        );
        const missing = await call(mock, method, missingPath, { body });
        expect(missing.status).toBe(404);
        expect(await missing.json()).toMatchObject({ error: 404, errorCode: 'RESOURCE_NOT_FOUND' });
      }
    },
  );

  it.each([
    ['keys', `/api/atlas/v2/groups/${seededGroupId}/aiModelApiKeys`],
    ['rate limits', `/api/atlas/v2/groups/${seededGroupId}/aiModelApiRateLimits`],
    ["an organization's rate limits", `/api/atlas/v2/orgs/${ORG_ID}/aiModelApiRateLimits`],
  ])('pages through a list of %s without a violation', async (_, list) => {
    for (const query of [
      '?itemsPerPage=1',
      '?itemsPerPage=2&pageNum=2',
      '?pageNum=500',
      '?envelope=true&pretty=true',
    ]) {
      const response = await call(mock, 'GET', `${list}${query}`);
      expect(response.status).toBe(200);
      await response.body?.cancel();
    }
  });

  it("refuses a project's rate limit above its organization's without a violation", async () => {
    const path = `/api/atlas/v2/groups/${seededGroupId}/aiModelApiClouds/ANY/geographies/ANY/modelGroupNames/embed_large/rateLimits`;
    const body = { requestsPerMinuteLimit: 1_000_000, tokensPerMinuteLimit: 1 };
    const response = await call(mock, 'PATCH', path, { body });
    expect(response.status).toBe(400);
    await response.body?.cancel();
  });

  it("leaves no violation, refusal or fallback to the examples in Prism's log", () => {
    expect(log.length).toBeGreaterThan(0);
    expect(
      log.filter((line) =>
        /VALIDATOR\]|Violation|terminated with error|Remocking|EMULATOR/.test(line),
      ),
    ).toEqual([]);
  });

  it('logs no credential and no secret of the keys it created', () => {
    expect(log.join('\n')).not.toMatch(/Bearer|al-[A-Za-z0-9]{43}/);
  });
});
