import { type ChildProcess, spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { delimiter, dirname, join } from 'node:path';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { cliOnPath, consoleSession, inShell, readmeSection } from '../helpers/readme.js';

// The README's session, run as written: its variables, each command through a shell with
// `atlas-ai-keys` standing for the built command, against a mock just started as `pnpm mock`
// starts it. What each command prints (stdout and stderr, in order) must be what the README
// shows, times aside: they are when the session runs.

const section = readmeSection('A session against the local mock');
const variables = /```sh\nexport ([\s\S]*?)\n```/.exec(section)?.[1] ?? '';

/** The README's variables, by name. */
const exported = Object.fromEntries(
  [...variables.matchAll(/(MONGODB_ATLAS_\w+)=(\S+)/g)].map(([, name, value]) => [name, value]),
);

const session = consoleSession(section);

const anyTime = (text: string) =>
  text.replace(/\d{4}-\d{2}-\d{2}[ T]\d{2}:\d{2}(:\d{2}\.\d{6}\+00:00)?/g, '<time>');

/** The built `atlas-mock`, as `pnpm mock` runs it. */
const mockBin = (() => {
  const manifest = createRequire(import.meta.url).resolve('@org/atlas-mock/package.json');
  const { bin } = JSON.parse(readFileSync(manifest, 'utf8')) as { bin: Record<string, string> };
  return join(dirname(manifest), bin['atlas-mock'] as string);
})();

describe("the README's session against the local mock", () => {
  let mock: ChildProcess;
  let baseUrl: string;
  /** A directory holding `atlas-ai-keys`, which runs the built command, to put on PATH. */
  let bin: string;
  beforeAll(async () => {
    bin = await cliOnPath(await mkdtemp(join(tmpdir(), 'atlas-ai-keys-session-')));
    mock = spawn(process.execPath, [mockBin, '--port', '0'], { stdio: ['ignore', 'pipe', 'pipe'] });
    baseUrl = await new Promise<string>((resolve, reject) => {
      let output = '';
      mock.stdout?.setEncoding('utf8').on('data', (chunk: string) => {
        output += chunk;
        const url = /listening on (http:\S+)/.exec(output)?.[1];
        if (url) resolve(url);
      });
      mock.once('exit', () => reject(new Error(`the mock exited:\n${output}`)));
    });
    // note: a guard against a mock that never starts, not a speed check; Prism takes seconds to
    // start when the machine is busy, longer than the default hook timeout of 10 s.
  }, 60_000);
  afterAll(async () => {
    mock.kill('SIGTERM');
    await rm(bin, { recursive: true, force: true });
  });

  test('sets the mock on its usual port, a token and a project', () => {
    expect(exported).toEqual({
      MONGODB_ATLAS_BASE_URL: 'http://127.0.0.1:4010',
      MONGODB_ATLAS_ACCESS_TOKEN: expect.any(String),
      MONGODB_ATLAS_PROJECT_ID: expect.stringMatching(/^[a-f0-9]{24}$/),
    });
    expect(session.length).toBeGreaterThanOrEqual(8);
  });

  /** Runs `entries` with the README's variables and compares what each prints with the README. */
  async function runSession(entries: typeof session) {
    const env = {
      PATH: `${bin}${delimiter}${process.env.PATH}`,
      ...exported,
      MONGODB_ATLAS_BASE_URL: baseUrl,
    };
    for (const { command, output } of entries) {
      const printed = await inShell(command, env);
      expect(anyTime(printed.replace(/\n$/, '')), `$ ${command}`).toBe(anyTime(output));
    }
  }

  test('prints, command after command, what the README shows', async () => {
    await runSession(session);
  }, 120_000);

  test('then prints what the rate-limits session shows, on the same mock', async () => {
    const limits = consoleSession(readmeSection('Rate limits: `limits`'));
    expect(limits.length).toBeGreaterThanOrEqual(6);
    await runSession(limits);
  }, 120_000);
});
