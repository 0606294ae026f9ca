import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { ScriptTable } from './pnpm-commands.js';
import { repoRoot } from './workflow-files.js';

interface Manifest {
  readonly name?: string;
  readonly scripts?: Record<string, string>;
}

async function readManifest(path: string): Promise<Manifest> {
  return JSON.parse(await readFile(path, 'utf8')) as Manifest;
}

/** The scripts of the root package.json and of each package under packages/, by name. */
export async function readScriptTable(root = repoRoot): Promise<ScriptTable> {
  const rootManifest = await readManifest(join(root, 'package.json'));
  const dirs = await readdir(join(root, 'packages'), { withFileTypes: true });
  const manifests = await Promise.all(
    dirs
      .filter((dir) => dir.isDirectory())
      .map((dir) => readManifest(join(root, 'packages', dir.name, 'package.json'))),
  );
  return {
    root: rootManifest.scripts ?? {},
    packages: Object.fromEntries(
      manifests.flatMap((manifest) =>
        manifest.name ? [[manifest.name, manifest.scripts ?? {}]] : [],
      ),
    ),
  };
}
