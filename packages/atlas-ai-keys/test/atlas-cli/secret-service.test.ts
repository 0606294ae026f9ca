import { execFile } from 'node:child_process';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { inSecretService } from '../../../../scripts/secret-service.mjs';
import { serveHttpAuth, type TestServer } from '../auth/digest/support/servers.js';

// The keyring path against a real Secret Service: GNOME Keyring on a private D-Bus session, the
// profile's secrets stored there as the Atlas CLI's go-keyring stores them (secret-tool writes
// the same attributes), read back by the built `@org/atlas-ai-keys/atlas-cli` entry through the
// lazily loaded @napi-rs/keyring binding, and used against a real Digest server.

const run = promisify(execFile);
const ENTRY = fileURLToPath(new URL('../../dist/atlas-cli.js', import.meta.url));
const PUBLIC = 'fmuzuvzj';
const PRIVATE = 'SENTINEL-private-key-in-the-keyring';

let dir: string;
let configFile: string;
let server: TestServer;
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'atlas-cli-keyring-'));
  configFile = join(dir, 'config.toml');
  // note: what the Atlas CLI leaves once it moved the credentials into the keyring.
  await writeFile(
    configFile,
    'version = 2\n\n[work]\n  auth_type = "api_keys"\n  project_id = "32b6e34b3d91647abb20e7b8"\n\n[ci]\n  auth_type = "service_account"\n',
  );
  server = await serveHttpAuth({
    realm: 'MMS Public API',
    username: PUBLIC,
    password: PRIVATE,
    qop: 'auth',
  });
});
afterAll(async () => {
  await server?.close();
  await rm(dir, { recursive: true, force: true });
});

/** A script that reads profile `name` through the built entry, calls the server, and prints what it saw. */
function readProfile(name: string): string[] {
  const script = `
    const { loadAtlasCliProfile } = await import(${JSON.stringify(ENTRY)});
    const profile = await loadAtlasCliProfile({ profile: ${JSON.stringify(name)}, env: {}, configFile: ${JSON.stringify(configFile)} });
    let status;
    if (profile.credentials) {
      const { createAtlasAiKeysClient } = await import(${JSON.stringify(ENTRY.replace('atlas-cli.js', 'index.js'))});
      const client = createAtlasAiKeysClient({ baseUrl: ${JSON.stringify(server.url.href)}, auth: profile.credentials.auth, maxRetries: 0 });
      status = await client.api.GET('/api/atlas/v2/groups/{groupId}/aiModelApiKeys/{apiKeyId}', {
        params: { path: { groupId: '32b6e34b3d91647abb20e7b8', apiKeyId: 'k' } }, parseAs: 'text',
      }).then(({ response }) => response.status);
    }
    console.log(JSON.stringify({ credentials: profile.credentials, problem: profile.problem, status }));
  `;
  return [process.execPath, '--input-type=module', '-e', script];
}

// note: each case starts a D-Bus session, GNOME Keyring and a Node.js process, which takes
// seconds on a busy machine; the bound is the one inSecretService gives its processes.
describe('credentials in the OS keyring, as the Atlas CLI stores them', { timeout: 60_000 }, () => {
  it('reads an api_keys profile from the Secret Service and signs Digest requests with it', async () => {
    const result = await inSecretService(
      [
        { service: 'atlascli_work', account: 'public_api_key', secret: PUBLIC },
        { service: 'atlascli_work', account: 'private_api_key', secret: PRIVATE },
      ],
      readProfile('work'),
    );
    expect(result.stderr).not.toContain(PRIVATE);
    const seen = JSON.parse(result.stdout);
    expect(seen).toMatchObject({
      credentials: {
        type: 'digest',
        publicPart: PUBLIC,
        sources: [
          { kind: 'keyring', service: 'atlascli_work', account: 'public_api_key' },
          { kind: 'keyring', service: 'atlascli_work', account: 'private_api_key' },
        ],
      },
      status: 200,
    });
    expect(result.stdout).not.toContain(PRIVATE);
    expect(server.exchanges().map((exchange) => exchange.status)).toEqual([401, 200]);
  });

  it('undoes the base64 encoding go-keyring uses on macOS', async () => {
    const result = await inSecretService(
      [
        { service: 'atlascli_work', account: 'public_api_key', secret: PUBLIC },
        {
          service: 'atlascli_work',
          account: 'private_api_key',
          secret: `go-keyring-base64:${Buffer.from(PRIVATE).toString('base64')}`,
        },
      ],
      readProfile('work'),
    );
    expect(JSON.parse(result.stdout)).toMatchObject({ status: 200 });
  });

  it('says which credential the keyring lacks, naming its service', async () => {
    const result = await inSecretService(
      [{ service: 'atlascli_ci', account: 'client_id', secret: 'mdb_sa_id' }],
      readProfile('ci'),
    );
    expect(JSON.parse(result.stdout).problem).toBe(
      `Atlas CLI profile "ci" (auth_type service_account) has no client_secret: not in ${configFile}, and not in the OS keyring (service atlascli_ci); run atlas auth login --profile ci`,
    );
  });

  it('without a Secret Service to talk to, says the keyring could not be read, and does not fail otherwise', async () => {
    const [command, ...args] = readProfile('work') as [string, ...string[]];
    const result = await run(command, args, {
      env: { PATH: process.env.PATH, DBUS_SESSION_BUS_ADDRESS: `unix:path=${join(dir, 'no-bus')}` },
    });
    expect(JSON.parse(result.stdout).problem).toMatch(
      /^Atlas CLI profile "work" \(auth_type api_keys\) has no public_api_key: not in .*config\.toml, and the OS keyring could not be read: .+; run atlas auth login --profile work$/,
    );
  });
});
