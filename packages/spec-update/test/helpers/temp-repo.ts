import { spawn } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync } from 'node:fs';
import { cp, mkdir, mkdtemp, readdir, readFile, rm, symlink, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';

/** This repository, whose lint configuration, selection and types generator the tests reuse. */
export const repoRoot = fileURLToPath(new URL('../../../..', import.meta.url));

/** The built command, as `pnpm spec:update` runs it; turbo's test task builds it first. */
export const cliPath = fileURLToPath(new URL('../../dist/cli.js', import.meta.url));

/** A committed fixture's path. */
export function fixture(name: string): string {
  return fileURLToPath(new URL(`../fixtures/${name}`, import.meta.url));
}

/** A scratch repository laid out like this one, for the command to update. */
export interface TempRepo {
  readonly root: string;
  /** SHA-256 of every file under spec/, the types' generated directory and .changeset/. */
  snapshot(): Promise<Record<string, string>>;
  read(path: string): Promise<string>;
  write(path: string, text: string): Promise<void>;
  remove(): Promise<void>;
}

async function hashes(root: string, dir: string, into: Record<string, string>): Promise<void> {
  let entries: import('node:fs').Dirent[];
  try {
    entries = await readdir(join(root, dir), { withFileTypes: true });
  } catch {
    return;
  }
  for (const entry of entries) {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) await hashes(root, path, into);
    else
      into[path] = createHash('sha256')
        .update(await readFile(join(root, path)))
        .digest('hex');
  }
}

/** The packages that consume the types, whose sources (and canary) the command type-checks. */
export const CONSUMERS = [
  'packages/atlas-ai-keys',
  'packages/cli',
  'packages/examples',
  'packages/bench',
  'packages/atlas-mock',
] as const;

/**
 * Copies what the command reads (the lint configuration, the selection and its overlay, the
 * types package, the client's manifest) into a scratch directory, links the installed modules,
 * and puts `fragment` (a fixture name) in place of the fragment. With `consumers`, the packages
 * that consume the types come too (manifest, sources, canary; their modules linked), so the
 * command type-checks them as it does here.
 */
export async function createTempRepo(
  fragment?: string,
  { consumers = false }: { consumers?: boolean } = {},
): Promise<TempRepo> {
  const root = await mkdtemp(join(tmpdir(), 'spec-update-test-'));
  const copy = (path: string) => cp(join(repoRoot, path), join(root, path), { recursive: true });
  await copy('redocly.yaml');
  await copy('tsconfig.base.json');
  await copy('spec/spec-update.yaml');
  await copy('spec/atlas-ai-model-api-keys.overlay.yaml');
  // The whole types package but its installed modules, builds and output, as the command stages it.
  await cp(join(repoRoot, 'packages/atlas-types'), join(root, 'packages/atlas-types'), {
    recursive: true,
    filter: (source) =>
      !/[\\/](node_modules|dist|\.turbo)$/.test(source) &&
      !source.endsWith(join('src', 'generated')),
  });
  await copy('packages/atlas-ai-keys/package.json');
  await mkdir(join(root, 'packages/atlas-types/src/generated'), { recursive: true });
  await mkdir(join(root, '.changeset'), { recursive: true });
  await symlink(join(repoRoot, 'node_modules'), join(root, 'node_modules'), 'junction');
  await symlink(
    join(repoRoot, 'packages/atlas-types/node_modules'),
    join(root, 'packages/atlas-types/node_modules'),
    'junction',
  );
  for (const dir of consumers ? CONSUMERS : []) {
    await copy(`${dir}/package.json`);
    for (const part of ['src', 'canary']) {
      if (existsSync(join(repoRoot, dir, part))) await copy(`${dir}/${part}`);
    }
    await symlink(join(repoRoot, dir, 'node_modules'), join(root, dir, 'node_modules'), 'junction');
  }
  if (fragment) await cp(fixture(fragment), join(root, 'spec/atlas-ai-model-api-keys.yaml'));
  return {
    root,
    async snapshot() {
      const into: Record<string, string> = {};
      for (const dir of ['spec', 'packages/atlas-types/src/generated', '.changeset']) {
        await hashes(root, dir, into);
      }
      return into;
    },
    read: (path) => readFile(join(root, path), 'utf8'),
    write: (path, text) => writeFile(join(root, path), text),
    remove: () => rm(root, { recursive: true, force: true }),
  };
}

/** How the command ended. */
export interface CliRun {
  readonly code: number | null;
  readonly stdout: string;
  readonly stderr: string;
}

/** Runs the built command with `args`, from `cwd`, with `env` added to the environment. */
export function runCli(
  args: readonly string[],
  cwd: string,
  env: Readonly<Record<string, string>> = {},
): Promise<CliRun> {
  return runNodeScript(cliPath, args, { cwd, env: { ...process.env, INIT_CWD: cwd, ...env } });
}

/** Runs the Node.js script at `script` with `args`, collecting its exit code and output. */
export function runNodeScript(
  script: string,
  args: readonly string[],
  options: { readonly cwd?: string; readonly env: NodeJS.ProcessEnv },
): Promise<CliRun> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [script, ...args], {
      ...options,
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk: Buffer) => {
      stdout += chunk.toString();
    });
    child.stderr.on('data', (chunk: Buffer) => {
      stderr += chunk.toString();
    });
    child.once('error', reject);
    child.once('close', (code) => resolve({ code, stdout, stderr }));
  });
}

/** Paths relative to a root, for messages. */
export function relativeTo(root: string, path: string): string {
  return relative(root, path);
}
