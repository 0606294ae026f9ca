import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { mockUrl } from '@org/atlas-mock/vitest';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { inSecretService } from '../../../../scripts/secret-service.mjs';
import { BIN, SEEDED } from '../helpers/built-cli.js';

// The Atlas CLI profile whose token the Atlas CLI moved into the OS keyring, read by the built
// command from a real Secret Service (GNOME Keyring on a private D-Bus session), as a user who
// ran `atlas auth login` has it.

/** A JWT valid for an hour; only its payload matters here. */
const token = (() => {
  const part = (value: object) => Buffer.from(JSON.stringify(value)).toString('base64url');
  return `${part({ alg: 'RS256' })}.${part({ sub: 'me@example.com', exp: Math.floor(Date.now() / 1000) + 3600 })}.c2ln`;
})();

let home: string;
beforeAll(async () => {
  home = await mkdtemp(join(tmpdir(), 'atlas-ai-keys-keyring-'));
  await mkdir(join(home, 'atlascli'), { recursive: true });
  await writeFile(
    join(home, 'atlascli', 'config.toml'),
    `version = 2\n\n[default]\n  auth_type = "user_account"\n  project_id = "${SEEDED.groupId}"\n`,
  );
});
afterAll(async () => {
  await rm(home, { recursive: true, force: true });
});

const items = [
  { service: 'atlascli_default', account: 'access_token', secret: token },
  { service: 'atlascli_default', account: 'refresh_token', secret: 'SENTINEL-refresh-token' },
];
/** The session's variables: the test's configuration directory, and the mock as Atlas. */
const env = () => ({ XDG_CONFIG_HOME: home, MONGODB_ATLAS_BASE_URL: mockUrl() });

describe('credentials from the OS keyring', () => {
  test('auth status says the token came from the keyring, and shows no token', async () => {
    const result = await inSecretService(
      items,
      [process.execPath, BIN, 'auth', 'status', '--json'],
      { env: env() },
    );
    expect(result.code).toBe(0);
    expect(JSON.parse(result.stdout)).toMatchObject({
      credentials: {
        type: 'accessToken',
        parts: [
          {
            part: 'access token',
            from: 'the OS keyring (service atlascli_default, account access_token)',
          },
        ],
      },
      projectId: { value: SEEDED.groupId },
    });
    expect(result.stdout + result.stderr).not.toContain(token);
  });

  test('a command uses it against Atlas', async () => {
    const result = await inSecretService(items, [process.execPath, BIN, 'list', '--json'], {
      env: env(),
    });
    expect(result.code).toBe(0);
    expect(JSON.parse(result.stdout)).toMatchObject([{ apiKeyId: SEEDED.apiKeyId }]);
    expect(result.stdout + result.stderr).not.toContain(token);
  });
});
