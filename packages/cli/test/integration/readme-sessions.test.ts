import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { delimiter, join } from 'node:path';
import { mockUrl } from '@org/atlas-mock/vitest';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { SEEDED } from '../helpers/built-cli.js';
import {
  cliOnPath,
  consoleSession,
  fencedBlock,
  inShell,
  readmeSection,
} from '../helpers/readme.js';
import { type Recording, startProxy, startTlsFront } from '../helpers/tls-front.js';

// The README's sessions, run as written: each `$ command` of a section's console block through a
// shell, with `atlas-ai-keys` standing for the built command, and what it prints (stdout and
// stderr, in order) compared with the lines that follow it. Atlas is the Prism mock (behind a
// TLS front and a real proxy for the proxy section, or a server that never answers for the
// retry section); each is shown in the README as https://cloud.mongodb.com. Durations, pauses,
// times and rate-limit counts differ from run to run and are compared as placeholders.

/** What differs from run to run, as placeholders. */
const steady = (text: string) =>
  text
    .replace(/\d{4}-\d{2}-\d{2}[ T]\d{2}:\d{2}(:\d{2}(\.\d+)?(Z|\+00:00)?)?/g, '<time>')
    .replace(/ in \d+ ms /g, ' in <n> ms ')
    .replace(/(RateLimit-\w+) \d+/g, '$1 <n>')
    .replace(/ in [\d.]+ s after:/g, ' in <n> s after:');

let dir: string;
let bin: string;
let front: Recording & { caFile: string };
let proxy: Recording;
let hanging: { url: string; close(): Promise<void> };

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'atlas-ai-keys-readme-'));
  bin = await cliOnPath(join(dir, 'bin'));
  front = await startTlsFront(mockUrl(), dir);
  proxy = await startProxy();
  const server = createServer(() => {});
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  hanging = {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
});
afterAll(async () => {
  await Promise.all([front?.close(), proxy?.close(), hanging?.close()]);
  await rm(dir, { recursive: true, force: true });
});

/** How a section runs: its variables, and the stand-ins the README shows for this run's addresses. */
interface Setup {
  readonly env: Record<string, string>;
  /** [as the README shows it, as this run has it]. */
  readonly standIns: readonly [shown: string, actual: string][];
  readonly cwd: string;
}

/** Runs a section's session with `setup` and compares each command's output with the README's. */
async function runSection(heading: string, setup: () => Promise<Setup>) {
  const entries = consoleSession(readmeSection(heading));
  expect(entries.length, heading).toBeGreaterThan(0);
  const { env, standIns, cwd } = await setup();
  const variables: Record<string, string> = {
    PATH: `${bin}${delimiter}${process.env.PATH}`,
    ...env,
  };
  const toActual = (text: string) =>
    standIns.reduce((result, [shown, actual]) => result.replaceAll(shown, actual), text);
  const toShown = (text: string) =>
    standIns.reduce((result, [shown, actual]) => result.replaceAll(actual, shown), text);
  for (const { command, output } of entries) {
    const exported = /^export (\w+)=(\S+)$/.exec(command);
    if (exported) {
      variables[exported[1] as string] = toActual(exported[2] as string);
      expect(output, command).toBe('');
      continue;
    }
    const printed = await inShell(toActual(command), variables, cwd);
    expect(steady(toShown(printed.replace(/\n$/, ''))), `$ ${command}`).toBe(steady(output));
  }
}

/** What every section that calls Atlas has: a token the mock accepts and the seeded project. */
const atlas = (baseUrl: string) => ({
  MONGODB_ATLAS_ACCESS_TOKEN: 'readme-session-token',
  MONGODB_ATLAS_PROJECT_ID: SEEDED.groupId,
  MONGODB_ATLAS_BASE_URL: baseUrl,
  HOME: join(dir, 'nobody'),
});

describe("the README's sessions", () => {
  test('credentials from an Atlas CLI profile', async () => {
    await runSection('Credentials: your variables, or your Atlas CLI profile', async () => {
      const home = join(dir, 'home');
      await mkdir(join(home, '.config', 'atlascli'), { recursive: true });
      const toml = fencedBlock(
        readmeSection('Credentials: your variables, or your Atlas CLI profile'),
        'toml',
      );
      await writeFile(join(home, '.config', 'atlascli', 'config.toml'), toml);
      return { env: { HOME: home }, standIns: [['~', home]], cwd: dir };
    });
  });

  test('proxies', async () => {
    await runSection('Proxies', async () => ({
      env: { ...atlas(front.url), NODE_EXTRA_CA_CERTS: front.caFile },
      standIns: [
        ['http://proxy.example.com:3128', proxy.url],
        ['https://cloud.mongodb.com', front.url],
      ],
      cwd: dir,
    }));
    expect(proxy.received.map(({ method }) => method)).toEqual(['CONNECT']);
  });

  test('timeouts and retries', async () => {
    await runSection('Timeouts and retries', async () => ({
      env: atlas(hanging.url),
      standIns: [['https://cloud.mongodb.com', hanging.url]],
      cwd: dir,
    }));
  });

  test('--debug', async () => {
    await runSection('Seeing every request: --debug', async () => ({
      env: atlas(mockUrl()),
      standIns: [['https://cloud.mongodb.com', mockUrl()]],
      cwd: dir,
    }));
  });

  test('--secret-file', async () => {
    const cwd = join(dir, 'secrets');
    await mkdir(cwd);
    await runSection('A new secret in a file: --secret-file', async () => ({
      env: atlas(mockUrl()),
      standIns: [],
      cwd,
    }));
  });
});
