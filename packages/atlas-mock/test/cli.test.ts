import { type ChildProcess, spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { createServer, type Server } from 'node:net';
import type { Readable } from 'node:stream';
import { fileURLToPath } from 'node:url';
import { afterEach, describe, expect, it } from 'vitest';
import manifest from '../package.json' with { type: 'json' };
import { keyExample, keyMediaType } from './spec-examples.js';

// `pnpm mock` runs the built entry, so this tests the build; turbo's test task builds first.
const cli = fileURLToPath(new URL('../dist/cli.js', import.meta.url));
const launcher = fileURLToPath(new URL('./fixtures/launcher.mjs', import.meta.url));
const holdListen = new URL('./fixtures/hold-listen.mjs', import.meta.url).href;

/** A process a test started, its output so far, and ways to wait for what it does. */
interface Run {
  readonly child: ChildProcess;
  readonly stdout: () => string;
  readonly stderr: () => string;
  /** Resolves with the first match of `pattern` in stdout; rejects once stdout ends without one. */
  readonly until: (pattern: RegExp) => Promise<RegExpExecArray>;
  /** The exit code, or null after a signal. */
  readonly exited: Promise<number | null>;
  /** Resolves when every holder of fd 3 has closed it: with `launcher.mjs`, the last command exited. */
  readonly fd3Closed: Promise<void>;
  /** Resolves once `text` has arrived on fd 3. */
  readonly fd3Says: (text: string) => Promise<void>;
}

const runs: { run: Run; launched: number[]; fd3Open: () => boolean }[] = [];

afterEach(() => {
  // note: a pid is signalled only while its process is known to run, so a reused one is never hit:
  // the direct child until it exits, and what the launchers started while fd 3 is held open.
  for (const { run, launched, fd3Open } of runs.splice(0)) {
    for (const pid of fd3Open() ? launched : []) {
      try {
        process.kill(pid, 'SIGKILL');
      } catch {
        // it ended between the check and the kill
      }
    }
    if (run.child.exitCode === null && run.child.signalCode === null) run.child.kill('SIGKILL');
  }
});

/** Runs node with `args`, PORT=0 unless `env` says otherwise, and fd 3 as a pipe. */
function run(args: string[], env: Record<string, string> = {}): Run {
  if (!existsSync(cli)) throw new Error(`${cli} is missing: run the build first`);
  const child = spawn(process.execPath, args, {
    env: { ...process.env, PORT: '0', ...env },
    stdio: ['pipe', 'pipe', 'pipe', 'pipe'],
  });
  const out = { stdout: '', stderr: '', fd3: '' };
  const launched: number[] = [];
  const fd3 = child.stdio[3] as Readable;
  let fd3Open = true;
  const fd3Closed = new Promise<void>((resolve) =>
    fd3.once('close', () => {
      fd3Open = false;
      resolve();
    }),
  );
  const stdoutEnded = new Promise<void>((resolve) => child.stdout?.once('close', resolve));
  child.stdout?.on('data', (chunk: Buffer) => {
    out.stdout += chunk.toString();
    // note: launcher.mjs names each process it starts, so none can outlive the test.
    for (const [, pid] of out.stdout.matchAll(/ started (\d+)\n/g)) {
      if (!launched.includes(Number(pid))) launched.push(Number(pid));
    }
  });
  child.stderr?.on('data', (chunk: Buffer) => {
    out.stderr += chunk.toString();
  });
  fd3.on('data', (chunk: Buffer) => {
    out.fd3 += chunk.toString();
  });
  /** Resolves once `matches()` holds after data on `stream`; rejects when `ended` comes first. */
  const watch = (stream: Readable, ended: Promise<void>, matches: () => boolean, what: string) =>
    new Promise<void>((resolve, reject) => {
      const check = () => {
        if (!matches()) return;
        stream.off('data', check);
        resolve();
      };
      stream.on('data', check);
      check();
      ended.then(() => reject(new Error(`no ${what} before the end:\n${out.stdout}${out.stderr}`)));
    });
  const started: Run = {
    child,
    stdout: () => out.stdout,
    stderr: () => out.stderr,
    exited: new Promise((resolve) => child.once('exit', resolve)),
    until: async (pattern) => {
      let match: RegExpExecArray | null = null;
      await watch(
        child.stdout as Readable,
        stdoutEnded,
        () => {
          match = pattern.exec(out.stdout);
          return match !== null;
        },
        String(pattern),
      );
      return match as unknown as RegExpExecArray;
    },
    fd3Closed,
    fd3Says: (text) => watch(fd3, fd3Closed, () => out.fd3.includes(text), `"${text}" on fd 3`),
  };
  runs.push({ run: started, launched, fd3Open: () => fd3Open });
  return started;
}

function listening(server: Server): Promise<number> {
  return new Promise((resolve) =>
    server.listen(0, '127.0.0.1', () => resolve((server.address() as { port: number }).port)),
  );
}

/** The URL the CLI says it listens on. */
const urlOf = async (started: Run): Promise<string> =>
  (await started.until(/listening on (http:\/\/\S+)/))[1] as string;

// A fresh Node process loads Prism (about 1 s alone); parallel test files on 2 cores slow it down.
describe('the atlas-mock command, as pnpm mock runs it', { timeout: 20_000 }, () => {
  it('starts a stateful mock and prints its URL, a curl that works and one that resets it', async () => {
    const mock = run([cli]);
    const url = await urlOf(mock);
    expect(mock.stdout()).toContain(
      "stateful (Prism's validation proxy in front of an in-memory emulator)",
    );
    const { 1: curl } = await mock.until(/\n {2}(curl .*)\n/);
    expect(curl).toContain(`${url}/api/atlas/v2/groups/32b6e34b3d91647abb20e7b8/aiModelApiKeys/`);
    // Run the same requests the curl lines describe.
    const target = /(http:\/\/\S+)$/.exec(curl ?? '')?.[1] ?? '';
    const response = await fetch(target, {
      headers: { authorization: 'Bearer demo', accept: keyMediaType },
    });
    expect(await response.json()).toMatchObject({
      apiKeyId: keyExample.apiKeyId,
      name: keyExample.name,
    });
    const { 1: reset } = await mock.until(/Reset it:\n {2}curl -s -X POST (\S+)\n/);
    expect((await fetch(reset as string, { method: 'POST' })).status).toBe(204);
    mock.child.kill('SIGTERM');
    expect(await mock.exited).toBe(0);
  });

  it('starts a static mock with --mode static, whose curl gets the spec example', async () => {
    const mock = run([cli, '--mode', 'static']);
    const url = await urlOf(mock);
    expect(mock.stdout()).toContain("static (Prism, the spec's examples)");
    expect(mock.stdout()).not.toContain('Reset it:');
    const response = await fetch(
      `${url}/api/atlas/v2/groups/32b6e34b3d91647abb20e7b8/aiModelApiKeys/anything`,
      { headers: { authorization: 'Bearer demo', accept: keyMediaType } },
    );
    expect(await response.json()).toEqual(keyExample);
    mock.child.kill('SIGTERM');
    expect(await mock.exited).toBe(0);
  });

  it('prints its usage with --help and its version with --version, and exits 0', async () => {
    const help = run([cli, '--help']);
    expect(await help.exited).toBe(0);
    expect(help.stdout()).toMatch(/^Usage: atlas-mock \[options\]\n/);
    expect(help.stdout()).toContain('--mode <mode>');
    const version = run([cli, '--version']);
    expect(await version.exited).toBe(0);
    expect(version.stdout()).toBe(`${manifest.version}\n`);
  });

  describe('stopping', () => {
    it.each(['SIGINT', 'SIGTERM'] as const)(
      'stops cleanly on %s right after it says it is ready, with exit code 0',
      async (signal) => {
        const mock = run([cli]);
        const url = await urlOf(mock);
        mock.child.kill(signal);

        expect(await mock.exited).toBe(0);
        expect(mock.stdout()).toContain(`${signal} received, stopping the mock.`);
        await expect(fetch(url)).rejects.toThrow();
      },
    );

    it.each(['SIGINT', 'SIGTERM'] as const)(
      'stops cleanly on %s during start-up, once the server it was opening is closed, with exit code 0',
      async (signal) => {
        const mock = run(['--import', holdListen, cli]);
        await mock.fd3Says('listen');
        mock.child.kill(signal);
        await mock.until(new RegExp(`${signal} received, stopping the mock.`));
        mock.child.stdin?.write('go on listening\n');

        expect(await mock.exited).toBe(0);
        expect(mock.stdout()).not.toContain('listening on');
        expect(mock.stderr()).toBe('');
      },
    );

    it('stops with exit code 0 when the process that started it exits, even with another in between, as after `kill $!` of `npx pnpm mock &`', async () => {
      // The first launcher stands in for npx and the second for pnpm; the signal reaches npx only.
      const npx = run([launcher, process.execPath, launcher, process.execPath, cli]);
      const url = await urlOf(npx);
      npx.child.kill('SIGTERM');

      expect(await npx.exited).toBeNull();
      const { 1: code } = await npx.until(/: the command exited with (\S+)\n/);
      expect(code).toBe('0');
      expect(npx.stdout()).toContain(
        'The process that started the mock exited, stopping the mock.',
      );
      await npx.fd3Closed;
      await expect(fetch(url)).rejects.toThrow();
    });

    it('stops when its parent exits', async () => {
      const parent = run([launcher, process.execPath, cli]);
      const url = await urlOf(parent);
      parent.child.kill('SIGKILL');

      await parent.fd3Closed;
      expect(parent.stdout()).toContain(
        'The process that started the mock exited, stopping the mock.',
      );
      await expect(fetch(url)).rejects.toThrow();
    });
  });

  describe('refusing to start', () => {
    it('reports a busy port in one line on stderr and exits with code 1', async () => {
      const busy = createServer();
      const port = await listening(busy);
      try {
        const mock = run([cli], { PORT: String(port) });

        expect(await mock.exited).toBe(1);
        expect(mock.stderr()).toBe(
          `port ${port} is in use; pass --port or set PORT to another port (0 picks a free one)\n`,
        );
        expect(mock.stdout()).toBe('');
      } finally {
        busy.close();
      }
    });

    it.each([
      [[], { PORT: '4010x' }, 'PORT must be an integer from 0 to 65535, got "4010x"'],
      [['--mode', 'sometimes'], {}, '--mode must be stateful or static, got "sometimes"'],
    ])(
      'refuses %j %j before starting, naming the argument, with exit code 2',
      async (args, env, message) => {
        const mock = run([cli, ...args], env);

        expect(await mock.exited).toBe(2);
        expect(mock.stderr()).toBe(`atlas-mock: ${message}\n(atlas-mock --help for usage)\n`);
        expect(mock.stdout()).toBe('');
      },
    );
  });
});
