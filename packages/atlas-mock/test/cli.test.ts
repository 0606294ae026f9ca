import { type ChildProcess, spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { afterEach, describe, expect, it } from 'vitest';
import { keyExample, keyMediaType } from './spec-examples.js';

// `pnpm mock` runs the built entry, so this tests the build; turbo's test task builds first.
const cli = fileURLToPath(new URL('../dist/cli.js', import.meta.url));

const children: ChildProcess[] = [];

afterEach(() => {
  for (const child of children.splice(0)) {
    if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
  }
});

/** Starts the CLI on a free port and resolves with its output once it printed the curl line. */
function startCli(): Promise<{ child: ChildProcess; url: string; output: () => string }> {
  if (!existsSync(cli)) throw new Error(`${cli} is missing: run the build first`);
  const child = spawn(process.execPath, [cli], {
    env: { ...process.env, PORT: '0' },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  children.push(child);
  let output = '';
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`CLI did not start:\n${output}`)), 15_000);
    child.stderr?.on('data', (chunk: Buffer) => {
      output += chunk.toString();
    });
    child.stdout?.on('data', (chunk: Buffer) => {
      output += chunk.toString();
      const url = /listening on (http:\/\/\S+)/.exec(output)?.[1];
      if (url && output.includes('curl ')) {
        clearTimeout(timer);
        resolve({ child, url, output: () => output });
      }
    });
    child.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`CLI exited with ${code}:\n${output}`));
    });
  });
}

function exitOf(child: ChildProcess): Promise<number | null> {
  return new Promise((resolve) => child.once('exit', (code) => resolve(code)));
}

// A fresh Node process loads Prism (about 1 s alone); parallel test files on 2 cores slow it down.
describe('the pnpm mock CLI', { timeout: 20_000 }, () => {
  it('prints its URL and a curl that works', async () => {
    const { child, url, output } = await startCli();
    const curl = output()
      .split('\n')
      .find((line) => line.includes('curl '));
    expect(curl).toContain(`${url}/api/atlas/v2/groups/32b6e34b3d91647abb20e7b8/aiModelApiKeys/`);
    // Run the same request the curl line describes.
    const target = /(http:\/\/\S+)$/.exec(curl?.trim() ?? '')?.[1] ?? '';
    const response = await fetch(target, {
      headers: { authorization: 'Bearer demo', accept: keyMediaType },
    });
    expect(await response.json()).toEqual(keyExample);
    child.kill('SIGTERM');
    await exitOf(child);
  });

  it.each(['SIGINT', 'SIGTERM'] as const)(
    'stops cleanly on %s with exit code 0',
    async (signal) => {
      const { child, url } = await startCli();
      const exited = exitOf(child);
      child.kill(signal);
      expect(await exited).toBe(0);
      await expect(fetch(url)).rejects.toThrow();
    },
  );
});
