import { execFileSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const ENTRY = {
  esm: fileURLToPath(new URL('../../dist/index.js', import.meta.url)),
  cjs: fileURLToPath(new URL('../../dist/index.cjs', import.meta.url)),
};

/**
 * Runs `body` in a fresh Node.js process with the built client (ES module or CommonJS) as
 * `client`, where it may `await`, after `prelude`; returns what it printed, parsed.
 */
function inFreshProcess(body: string, build: 'esm' | 'cjs' = 'esm', prelude = ''): unknown {
  const entry = JSON.stringify(ENTRY[build]);
  const script =
    build === 'esm'
      ? `${prelude}\nconst client = await import(${entry});\n${body}`
      : `(async () => {\n${prelude}\nconst client = require(${entry});\n${body}\n})();`;
  const type = build === 'esm' ? 'module' : 'commonjs';
  const output = execFileSync(process.execPath, [`--input-type=${type}`, '-e', script], {
    encoding: 'utf8',
  });
  return JSON.parse(output);
}

// note: Node.js loads its bundled fetch implementation (undici) the first time `fetch`,
// `Request`, `Response` or `Headers` is touched; a command line that imports the client pays
// for it only once a request is made.
const UNDICI = `process.moduleLoadList.some((name) => name.includes('undici'))`;

describe('importing the client', () => {
  it('loads no fetch implementation, even once a client is created', () => {
    const loaded = inFreshProcess(
      `client.createAtlasAiKeysClient({ baseUrl: 'http://127.0.0.1:9' });
       console.log(JSON.stringify(${UNDICI}));`,
    );
    expect(loaded).toBe(false);
  });

  it('loads it for the first request', () => {
    const loaded = inFreshProcess(
      `const atlas = client.createAtlasAiKeysClient({ baseUrl: 'http://127.0.0.1:9', maxRetries: 0 });
       await atlas.keys.get({ groupId: '32b6e34b3d91647abb20e7b8', apiKeyId: 'k' }).catch(() => {});
       console.log(JSON.stringify(${UNDICI}));`,
    );
    expect(loaded).toBe(true);
  });
});

/** A client over a fetch that answers every request with a key, and a call of one of its methods. */
const CALL_A_METHOD = `
  const fetch = async () => new Response(JSON.stringify({ apiKeyId: 'k', name: 'n' }), {
    headers: { 'content-type': 'application/vnd.atlas.2025-03-12+json' },
  });
  const atlas = client.createAtlasAiKeysClient({ baseUrl: 'http://127.0.0.1:9', fetch });
  const key = await atlas.keys.get({ groupId: '32b6e34b3d91647abb20e7b8', apiKeyId: 'k' });
  const path = '/api/atlas/v2/groups/{groupId}/aiModelApiKeys/{apiKeyId}';
  const params = { path: { groupId: '32b6e34b3d91647abb20e7b8', apiKeyId: 'k' } };`;

// note: a module resolution hook that refuses openapi-fetch, so that importing it anywhere,
// statically or not, fails where it is imported.
const REFUSE_OPENAPI_FETCH = `
  const { register } = await import('node:module');
  const hook = \`export function resolve(specifier, context, next) {
    if (specifier === 'openapi-fetch') throw new Error('openapi-fetch is refused');
    return next(specifier, context);
  }\`;
  register('data:text/javascript,' + encodeURIComponent(hook));`;

/** Whether the CommonJS build has required openapi-fetch's file. */
const OPENAPI_FETCH_REQUIRED = `require.cache[require('node:module').createRequire(${JSON.stringify(ENTRY.cjs)}).resolve('openapi-fetch')] !== undefined`;

describe('client.api', () => {
  it('loads openapi-fetch at its first request, not for the methods (ES module build)', () => {
    const result = inFreshProcess(
      `${CALL_A_METHOD}
       atlas.api.use({ onRequest: ({ request }) => request });
       const api = await atlas.api.GET(path, { params }).then(() => 'loaded', (error) => error.message);
       console.log(JSON.stringify([key.apiKeyId, api]));`,
      'esm',
      REFUSE_OPENAPI_FETCH,
    );
    expect(result).toEqual(['k', 'openapi-fetch is refused']);
  });

  it('loads openapi-fetch at its first request, not for the methods (CommonJS build)', () => {
    const result = inFreshProcess(
      `${CALL_A_METHOD}
       const before = ${OPENAPI_FETCH_REQUIRED};
       const { data } = await atlas.api.GET(path, { params });
       console.log(JSON.stringify([key.apiKeyId, before, data.apiKeyId, ${OPENAPI_FETCH_REQUIRED}]));`,
      'cjs',
    );
    expect(result).toEqual(['k', false, 'k', true]);
  });
});
