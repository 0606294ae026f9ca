// Packing a published package that was not built must fail, not produce a tarball of
// package.json, README and LICENSE alone. Each case copies the package's manifest (its real
// prepack script included) and the repository's check into a scratch tree, so the packages'
// own dist/ folders, which other tests read, are never touched.
import { execFile } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { cp, mkdir, mkdtemp, readdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { afterEach, describe, expect, test } from 'vitest';

const exec = promisify(execFile);
const root = fileURLToPath(new URL('../../../../', import.meta.url));
const PACKAGES = ['atlas-types', 'atlas-ai-keys'] as const;
/** The built files a package's manifest points at: each entry's ES module, CommonJS and types. */
function built(name: (typeof PACKAGES)[number]): string[] {
  const manifest = JSON.parse(
    readFileSync(join(root, 'packages', name, 'package.json'), 'utf8'),
  ) as { exports: Record<string, unknown> };
  const files = new Set<string>();
  const walk = (target: unknown): void => {
    if (typeof target === 'string') files.add(target.replace(/^\.\//, ''));
    else if (target && typeof target === 'object') Object.values(target).forEach(walk);
  };
  walk(manifest.exports);
  return [...files].filter((file) => file.startsWith('dist/')).sort();
}

const scratch: string[] = [];
afterEach(async () => {
  for (const dir of scratch.splice(0)) await rm(dir, { recursive: true, force: true });
});

/**
 * A scratch tree laid out like the repository: a workspace holding the published packages
 * without dist/, and the check; returns the directory of packages/<name> in it.
 */
async function unbuiltCopy(name: string): Promise<string> {
  const tree = await mkdtemp(join(tmpdir(), 'atlas-prepack-'));
  scratch.push(tree);
  // note: a workspace, so that pnpm can resolve the client's `workspace:^` range when it packs.
  await writeFile(join(tree, 'pnpm-workspace.yaml'), "packages: ['packages/*']\n");
  for (const each of PACKAGES) {
    const dir = join(tree, 'packages', each);
    await mkdir(dir, { recursive: true });
    for (const file of ['package.json', 'README.md', 'LICENSE']) {
      await cp(join(root, 'packages', each, file), join(dir, file));
    }
  }
  await cp(join(root, 'scripts', 'check-built.mjs'), join(tree, 'scripts', 'check-built.mjs'));
  return join(tree, 'packages', name);
}

/** Runs a packer in `dir`; resolves with its exit code and output, whatever the code. */
async function pack(packer: 'pnpm' | 'npm', dir: string) {
  try {
    const { stdout, stderr } = await exec(packer, ['pack', '--pack-destination', dir], {
      cwd: dir,
    });
    return { code: 0, output: stdout + stderr };
  } catch (error) {
    const failed = error as { code?: number | string; stdout?: string; stderr?: string };
    if (failed.code === 'ENOENT') throw new Error(`${packer} is not on PATH; run via pnpm test`);
    return { code: failed.code, output: `${failed.stdout ?? ''}${failed.stderr ?? ''}` };
  }
}

const tarballs = async (dir: string) =>
  (await readdir(dir)).filter((file) => file.endsWith('.tgz'));

// note: each case starts a package manager, seconds apiece on a loaded machine; the limit is
// generous, nothing here is timed.
describe('packing a package that was not built', { timeout: 60_000 }, () => {
  test.each(PACKAGES.flatMap((name) => (['pnpm', 'npm'] as const).map((p) => [name, p] as const)))(
    '@org/%s: %s pack fails, naming the missing build, and writes no tarball',
    async (name, packer) => {
      const dir = await unbuiltCopy(name);
      const { code, output } = await pack(packer, dir);
      expect(code).not.toBe(0);
      expect(output).toContain(`@org/${name} is not built: ${built(name).join(', ')} missing.`);
      expect(output).toContain('Run `pnpm build` at the repository root');
      expect(await tarballs(dir)).toEqual([]);
    },
  );

  test.each(PACKAGES)('@org/%s packs once its build is there', async (name) => {
    const dir = await unbuiltCopy(name);
    await mkdir(join(dir, 'dist'));
    for (const file of built(name)) await writeFile(join(dir, file), '');
    // note: npm, as pnpm would want the scratch workspace installed first; the consumer test
    // packs the real builds with pnpm.
    const { code, output } = await pack('npm', dir);
    expect(output).not.toContain('is not built');
    expect(code).toBe(0);
    expect(await tarballs(dir)).toHaveLength(1);
  });
});
