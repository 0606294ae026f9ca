import { describe, expect, test } from 'vitest';
import { AtlasApiError } from '../../src/index.js';
import { KEY, PARAMS } from '../helpers/observed-fetch.js';
import { faultClient, ROOMY_TIMEOUT_MS, settle } from './support/client.js';
import { jsonFault } from './support/fault-server.js';
import { AUTH_KINDS, authOptions, guardedApi } from './support/guarded-api.js';
import { failOnUnhandledRejections, useFaultServers } from './support/process-guard.js';

failOnUnhandledRejections();
const servers = useFaultServers();

const KEY_PATH = `/api/atlas/v2/groups/${PARAMS.groupId}/aiModelApiKeys/${PARAMS.apiKeyId}`;
const STATUSES = [301, 302, 303, 307, 308] as const;
const cases = AUTH_KINDS.flatMap((kind) => STATUSES.map((status) => [kind, status] as const));

/** Two servers: Atlas, guarded by `kind`'s credentials, and another origin that must stay dark. */
async function atlasAndElsewhere(kind: (typeof AUTH_KINDS)[number]) {
  const atlas = await servers.start();
  const elsewhere = await servers.start();
  elsewhere.script(jsonFault(KEY));
  // note: timing is not under test here; a roomy timeout keeps a loaded machine from failing it.
  const client = faultClient(atlas.url, {
    auth: authOptions(kind),
    maxRetries: 0,
    timeoutMs: ROOMY_TIMEOUT_MS,
  });
  const apiRequests = () => atlas.requests.filter((r) => r.target.startsWith('/api/atlas/'));
  return { atlas, elsewhere, client, apiRequests };
}

/** Digest's first request goes without credentials, to fetch the challenge. */
const challenge = (kind: (typeof AUTH_KINDS)[number]) => (kind === 'digest' ? 1 : 0);

describe('credentials never reach another origin', () => {
  test.each(cases)(
    'with %s auth, a %i to another origin is not followed and that origin receives nothing',
    async (kind, status) => {
      const { atlas, elsewhere, client, apiRequests } = await atlasAndElsewhere(kind);
      atlas.respond(
        guardedApi(kind, () => ({
          kind: 'redirect',
          status,
          location: `${elsewhere.url}/steal?from=atlas`,
        })),
      );

      const result = await settle(() => client.keys.get(PARAMS));

      expect(result.error).toBeInstanceOf(AtlasApiError);
      expect(result.error?.status).toBe(status);
      expect(result.error?.message).toContain(`redirect to ${elsewhere.url} not followed`);
      expect(elsewhere.requests).toHaveLength(0);
      // note: the redirect came after credentials were accepted, so they were really in play.
      expect(apiRequests().at(-1)?.headers.authorization).toBeDefined();
      expect(apiRequests()).toHaveLength(challenge(kind) + 1);
    },
  );

  test.each(AUTH_KINDS)(
    'with %s auth, a redirect to the same server under another origin (localhost) is not followed',
    async (kind) => {
      const { atlas, client, apiRequests } = await atlasAndElsewhere(kind);
      const port = new URL(atlas.url).port;
      atlas.respond(
        guardedApi(kind, () => ({
          kind: 'redirect',
          status: 307,
          location: `http://localhost:${port}/steal`,
        })),
      );

      const result = await settle(() => client.keys.get(PARAMS));

      expect(result.error?.status).toBe(307);
      expect(atlas.requests.some((r) => r.target === '/steal')).toBe(false);
      expect(apiRequests().every((r) => r.target === KEY_PATH)).toBe(true);
      expect(apiRequests()).toHaveLength(challenge(kind) + 1);
    },
  );

  test.each(AUTH_KINDS)(
    'with %s auth, a same-origin hop that then redirects elsewhere stops at the origin boundary',
    async (kind) => {
      const { atlas, elsewhere, client, apiRequests } = await atlasAndElsewhere(kind);
      atlas.respond(
        guardedApi(kind, (request) => ({
          kind: 'redirect',
          status: 302,
          location: request.target === KEY_PATH ? '/api/atlas/moved' : `${elsewhere.url}/steal`,
        })),
      );

      const result = await settle(() => client.keys.get(PARAMS));

      expect(result.error?.status).toBe(302);
      expect(atlas.requests.some((r) => r.target === '/api/atlas/moved')).toBe(true);
      expect(elsewhere.requests).toHaveLength(0);
      expect(apiRequests()).toHaveLength(challenge(kind) + 2);
    },
  );
});

describe('a redirect within the origin is followed with credentials', () => {
  test.each(cases.filter(([, status]) => status !== 303))(
    'with %s auth, a %i within the origin is followed and the moved key is returned',
    async (kind, status) => {
      const { atlas, client, apiRequests } = await atlasAndElsewhere(kind);
      // note: the guard only lets requests with valid credentials through, so reaching the
      // moved key proves the redirected request was authenticated.
      atlas.respond(
        guardedApi(kind, (request) =>
          request.target === '/api/atlas/moved/key'
            ? jsonFault(KEY)
            : { kind: 'redirect', status, location: '/api/atlas/moved/key' },
        ),
      );

      const result = await settle(() => client.keys.get(PARAMS));

      expect(result.error).toBeUndefined();
      expect(result.data).toEqual(KEY);
      const moved = atlas.requests.filter((r) => r.target === '/api/atlas/moved/key');
      expect(moved.at(-1)?.headers.authorization).toBeDefined();
      expect(apiRequests()).toHaveLength(challenge(kind) + 2);
    },
  );
});
