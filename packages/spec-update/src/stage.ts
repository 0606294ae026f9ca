import { cp, mkdir, mkdtemp, readFile, rm, symlink, writeFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { delimiter, dirname, join, relative } from 'node:path';
import { SpecUpdateError } from './errors.js';
import { runCommand } from './run-command.js';
import { GENERATED_DIR, LINT_CONFIG, TYPES_PACKAGE } from './workspace.js';
import { readTree } from './write-files.js';

/** A scratch copy of the parts of the repository the fragment feeds, outside the repository. */
export interface Stage {
  /** The scratch root. */
  readonly dir: string;
  /** Removes the scratch copy. */
  remove(): Promise<void>;
}

const require = createRequire(import.meta.url);

/** Skips what the generator never reads: installed modules, builds, caches and old output. */
function copied(root: string, source: string): boolean {
  const path = relative(root, source);
  const name = path.split(/[\\/]/).pop() ?? '';
  return !['node_modules', 'dist', '.turbo'].includes(name) && path !== GENERATED_DIR;
}

/**
 * Lays out a scratch repository: the fragment at its place, the lint configuration, and a copy
 * of the types package (its installed modules linked), so the package's own `generate` script
 * runs there unchanged and writes into the scratch copy only.
 */
export async function createStage(
  root: string,
  fragmentName: string,
  text: string,
): Promise<Stage> {
  const dir = await mkdtemp(join(tmpdir(), 'spec-update-'));
  const stage = { dir, remove: () => rm(dir, { recursive: true, force: true }) };
  try {
    await mkdir(dirname(join(dir, fragmentName)), { recursive: true });
    await writeFile(join(dir, fragmentName), text);
    await cp(join(root, LINT_CONFIG), join(dir, LINT_CONFIG));
    await cp(join(root, TYPES_PACKAGE.dir), join(dir, TYPES_PACKAGE.dir), {
      recursive: true,
      filter: (source) => copied(root, source),
    });
    await mkdir(join(dir, GENERATED_DIR), { recursive: true });
    await symlink(join(root, 'node_modules'), join(dir, 'node_modules'), 'junction');
    await symlink(
      join(root, TYPES_PACKAGE.dir, 'node_modules'),
      join(dir, TYPES_PACKAGE.dir, 'node_modules'),
      'junction',
    );
    return stage;
  } catch (error) {
    await stage.remove();
    throw error;
  }
}

/** Keeps the lint report, without the CLI's banners. */
function lintReport(output: string): string {
  return output
    .split('\n')
    .filter((line) => !/[║╔╚]/.test(line) && line.trim() !== '')
    .join('\n');
}

/** Lints the staged fragment exactly as `pnpm lint:spec` lints the committed one. */
export async function lintStaged(stage: Stage, fragmentName: string): Promise<void> {
  const cli = require.resolve('@redocly/cli/bin/cli.js');
  const { code, output } = await runCommand(
    process.execPath,
    [cli, 'lint', fragmentName, '--format=stylish'],
    { cwd: stage.dir, env: { ...process.env, REDOCLY_TELEMETRY: 'off', NO_COLOR: '1' } },
  );
  if (code !== 0) {
    throw new SpecUpdateError(
      `the cut fragment is not a valid document: the spec lint (${LINT_CONFIG}) fails`,
      lintReport(output),
    );
  }
}

/**
 * Runs the types package's `generate` script in the stage and returns what it wrote into the
 * generated directory, by path relative to the repository root.
 */
export async function generateStaged(stage: Stage): Promise<Map<string, string>> {
  const packageDir = join(stage.dir, TYPES_PACKAGE.dir);
  const manifest = JSON.parse(await readFile(join(packageDir, 'package.json'), 'utf8')) as {
    scripts?: Record<string, string>;
  };
  const script = manifest.scripts?.generate;
  if (!script) throw new Error(`${TYPES_PACKAGE.name} has no "generate" script`);
  const bin = [join(packageDir, 'node_modules', '.bin'), join(stage.dir, 'node_modules', '.bin')];
  const env = { ...process.env, PATH: [...bin, process.env.PATH].join(delimiter) };
  const { code, output } = await runCommand(script, [], { cwd: packageDir, env, shell: true });
  if (code !== 0) {
    const report = output.trim();
    // note: a refusal of the generator is one line naming what it refused; it is the message.
    const refusal = /^[^\n]*$/.test(report) ? `: ${report.replace(/^[^:]*: /, '')}` : '';
    throw new SpecUpdateError(
      `the cut fragment is not a valid document: ${TYPES_PACKAGE.name} cannot be generated from it${refusal}`,
      refusal ? undefined : report,
    );
  }
  return readTree(stage.dir, GENERATED_DIR);
}
