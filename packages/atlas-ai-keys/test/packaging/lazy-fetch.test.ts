import { execFileSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const ENTRY = fileURLToPath(new URL('../../dist/index.js', import.meta.url));

/** Runs `body` in a fresh Node.js process with the built client as `client`; prints its result. */
function inFreshProcess(body: string): unknown {
  const script = `const client = await import(${JSON.stringify(ENTRY)});\n${body}`;
  const output = execFileSync(process.execPath, ['--input-type=module', '-e', script], {
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
