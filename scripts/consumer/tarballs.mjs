// Packing the published packages as `pnpm publish` would, and checking what each tarball holds.
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { check, run } from './process.mjs';

const root = fileURLToPath(new URL('../..', import.meta.url));

/** The published packages by directory, each with the files its tarball must hold in `dist/`. */
export const PUBLISHED = {
  'atlas-types': ['index.js', 'index.cjs', 'index.d.ts', 'index.d.cts', 'openapi.yaml'],
  'atlas-ai-keys': ['index.js', 'index.cjs', 'index.d.ts', 'index.d.cts'],
  cli: ['bin.js'],
  'atlas-mock': [
    'index.js',
    'index.d.ts',
    'cli.js',
    'node-test.js',
    'vitest.js',
    'global-setup.js',
  ],
};

/** The workspace package each published one depends on by `workspace:^`, by name. */
const WORKSPACE_DEPENDENCY = {
  '@org/atlas-ai-keys': '@org/atlas-types',
  '@org/atlas-ai-keys-cli': '@org/atlas-ai-keys',
  '@org/atlas-mock': '@org/atlas-types',
};

/** Packs a workspace package with pnpm, which rewrites `workspace:` ranges as publishing does. */
export async function pack(directory, destination) {
  const dir = join(root, 'packages', directory);
  const manifest = JSON.parse(await readFile(join(dir, 'package.json'), 'utf8'));
  await run('pnpm', ['pack', '--pack-destination', destination], { cwd: dir });
  const file = `${manifest.name.replace('@', '').replace('/', '-')}-${manifest.version}.tgz`;
  return {
    directory,
    name: manifest.name,
    version: manifest.version,
    tarball: join(destination, file),
  };
}

/** The packed package.json and file list, read from the tarball itself. */
export async function inspectTarball(tarball) {
  const manifest = JSON.parse(await run('tar', ['-xzOf', tarball, 'package/package.json']));
  const files = (await run('tar', ['-tzf', tarball])).trim().split('\n');
  return { manifest, files };
}

/**
 * Checks what a tarball would publish: real semver ranges (carets, for users to deduplicate), its
 * builds, README and LICENSE, no sources. Returns the range of its workspace dependency, if any.
 */
export function checkTarball(packed, { manifest, files }, versions) {
  const ranges = { ...manifest.dependencies, ...manifest.peerDependencies };
  for (const [dep, range] of Object.entries(ranges)) {
    check(!range.startsWith('workspace:'), `${manifest.name} packs ${dep}@${range}`);
    check(/^\^\d/.test(range.split(' || ')[0]), `${manifest.name} pins ${dep}@${range}`);
  }
  const dependency = WORKSPACE_DEPENDENCY[manifest.name];
  if (dependency) {
    const range = manifest.dependencies[dependency];
    const wanted = `^${versions[dependency]}`;
    check(range === wanted, `${manifest.name}: ${dependency} range is ${range}, not ${wanted}`);
  }
  for (const file of PUBLISHED[packed.directory]) {
    check(files.includes(`package/dist/${file}`), `${manifest.name} tarball lacks dist/${file}`);
  }
  for (const bin of Object.values(manifest.bin ?? {})) {
    check(
      files.includes(`package/${bin.replace(/^\.\//, '')}`),
      `${manifest.name} lacks its bin ${bin}`,
    );
  }
  for (const file of ['package.json', 'README.md', 'LICENSE']) {
    check(files.includes(`package/${file}`), `${manifest.name} tarball lacks ${file}`);
  }
  const stray = files.filter((f) => /^package\/(src|test|scripts)\//.test(f));
  check(stray.length === 0, `${manifest.name} tarball ships ${stray.join(', ')}`);
  return dependency && `${dependency}: "${manifest.dependencies[dependency]}"`;
}
