import { mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { mockUrl } from '@org/atlas-mock/vitest';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { childEnv, runBuilt, SEEDED } from '../helpers/built-cli.js';
import { type PreferProxy, startPreferProxy } from '../helpers/prefer-proxy.js';

// Every command, with every kind of credentials holding a sentinel secret, the debug trace and
// the retry announcements on: no sentinel may appear on stdout or stderr, whether the command
// succeeds or Atlas (the mock) refuses. A new key's secret, sent to --secret-file, appears
// nowhere either.

const SENTINELS = {
  token: 'SENTINEL-token-1e4d',
  clientSecret: 'SENTINEL-client-secret-77a0',
  privateKey: 'SENTINEL-private-key-5c2b',
  profileKey: 'SENTINEL-profile-private-key-9f31',
};

let dir: string;
let proxy: PreferProxy;
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'atlas-ai-keys-sentinels-'));
  await mkdir(join(dir, 'config', 'atlascli'), { recursive: true });
  await writeFile(
    join(dir, 'config', 'atlascli', 'config.toml'),
    `[default]\nauth_type = "api_keys"\npublic_api_key = "profilepublic"\nprivate_api_key = "${SENTINELS.profileKey}"\n`,
  );
  proxy = await startPreferProxy(mockUrl());
});
afterAll(async () => {
  await proxy?.close();
  await rm(dir, { recursive: true, force: true });
});

const KINDS: readonly [name: string, env: Record<string, string | undefined>][] = [
  ['an access token', { MONGODB_ATLAS_ACCESS_TOKEN: SENTINELS.token }],
  [
    'a service account',
    {
      MONGODB_ATLAS_ACCESS_TOKEN: undefined,
      MONGODB_ATLAS_CLIENT_ID: 'mdb_sa_id_sentinel',
      MONGODB_ATLAS_CLIENT_SECRET: SENTINELS.clientSecret,
    },
  ],
  [
    'an API key',
    {
      MONGODB_ATLAS_ACCESS_TOKEN: undefined,
      MONGODB_ATLAS_PUBLIC_API_KEY: 'publickey',
      MONGODB_ATLAS_PRIVATE_API_KEY: SENTINELS.privateKey,
    },
  ],
  ['an Atlas CLI profile', { MONGODB_ATLAS_ACCESS_TOKEN: undefined }],
];

const KEY = SEEDED.apiKeyId;
/** Every command, with the options that make it run to its end without a terminal. */
const COMMANDS: readonly (readonly string[])[] = [
  ['list'],
  ['list', '--json'],
  ['get', KEY],
  ['get', KEY, '--json'],
  ['create', '--name', 'ci', '--secret-file', 'new.key', '--force'],
  ['create', '--name', 'ci', '--json', '--secret-file', 'new.key', '--force'],
  ['rename', KEY, '--name', 'renamed', '--json'],
  ['delete', KEY, '--yes', '--json'],
  ['rotate', KEY, '--yes', '--secret-file', 'new.key', '--force'],
  ['auth', 'status'],
  ['auth', 'status', '--json'],
];

describe('no credential or secret in any output', () => {
  test.each(KINDS)(
    'with %s, every command, --debug and --verbose',
    async (_kind, env) => {
      for (const command of COMMANDS) {
        const run = await runBuilt([...command, '--debug', '--verbose', '--base-url', proxy.url], {
          env: childEnv({ HOME: dir, XDG_CONFIG_HOME: join(dir, 'config'), ...env }),
          cwd: dir,
        });
        const printed = run.stdout + run.stderr;
        if (command[0] !== 'auth') expect(printed, command.join(' ')).toContain('debug: ');
        for (const sentinel of Object.values(SENTINELS)) {
          expect(printed, command.join(' ')).not.toContain(sentinel);
        }
        const written = await readFile(join(dir, 'new.key'), 'utf8').catch(() => '');
        if (written) expect(printed, command.join(' ')).not.toContain(written.trim());
      }
    },
    180_000,
  );
});
