import { copyFile, mkdir, readdir, readFile, rename, rm, writeFile } from 'node:fs/promises';
import { dirname, join, relative } from 'node:path';
import { SpecUpdateError } from './errors.js';

/** The files of a directory tree by path relative to `root`, with their text; empty if absent. */
export async function readTree(root: string, dir: string): Promise<Map<string, string>> {
  const files = new Map<string, string>();
  const walk = async (path: string): Promise<void> => {
    let entries: import('node:fs').Dirent[];
    try {
      entries = await readdir(path, { withFileTypes: true });
    } catch {
      return;
    }
    for (const entry of entries.sort((a, b) => a.name.localeCompare(b.name))) {
      const child = join(path, entry.name);
      if (entry.isDirectory()) await walk(child);
      else if (entry.isFile()) files.set(relative(root, child), await readFile(child, 'utf8'));
    }
  };
  await walk(join(root, dir));
  return files;
}

/** A file's text, or undefined when it does not exist. */
export async function readOptional(path: string): Promise<string | undefined> {
  try {
    return await readFile(path, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw error;
  }
}

/** One change made to a target, as undone on failure. */
interface Step {
  readonly path: string;
  /** Whether the target existed and a copy of it was kept beside it. */
  readonly kept: boolean;
}

/** Why a file operation failed, in a word: its error code when it has one. */
function reason(error: unknown): string {
  return (error as NodeJS.ErrnoException).code ?? (error as Error).message;
}

/**
 * Puts files in place under `root`, all or none: each is first written beside its target, then
 * each target is copied aside and replaced by a rename; `remove` lists files to delete. On any
 * failure every target changed so far gets its copy back (or goes, when it was new), every
 * temporary file and directory made goes, and one line says what failed.
 */
export async function replaceFiles(
  root: string,
  files: ReadonlyMap<string, string>,
  remove: readonly string[] = [],
): Promise<void> {
  const suffix = `.spec-update-${process.pid}`;
  const target = (path: string) => join(root, path);
  const temporary = (path: string) => join(root, `${path}${suffix}.tmp`);
  const copy = (path: string) => join(root, `${path}${suffix}.bak`);
  const temporaries: string[] = [];
  const madeDirs: string[] = [];
  const steps: Step[] = [];
  let current = '';

  /** Copies a target aside; false when there is none. */
  const keep = async (path: string): Promise<boolean> => {
    try {
      await copyFile(target(path), copy(path));
      return true;
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') return false;
      throw error;
    }
  };

  try {
    for (const [path, text] of files) {
      current = path;
      const made = await mkdir(dirname(temporary(path)), { recursive: true });
      if (made) madeDirs.push(made);
      temporaries.push(temporary(path));
      await writeFile(temporary(path), text);
    }
    for (const path of files.keys()) {
      current = path;
      steps.push({ path, kept: await keep(path) });
      await rename(temporary(path), target(path));
    }
    for (const path of remove) {
      current = path;
      if (!(await keep(path))) continue;
      steps.push({ path, kept: true });
      await rm(target(path));
    }
  } catch (error) {
    const unrestored = await rollBack(steps, target, copy);
    await Promise.all(temporaries.map((path) => rm(path, { force: true })));
    // note: a directory made here held only temporary files, now gone.
    await Promise.all(madeDirs.map((dir) => rm(dir, { recursive: true, force: true })));
    const restored =
      unrestored.length === 0
        ? 'every file is as it was'
        : `not restored: ${unrestored.join(', ')} (the previous text is beside each, ending ${suffix}.bak)`;
    throw new SpecUpdateError(`could not put ${current} in place (${reason(error)}); ${restored}`);
  }
  await Promise.all(
    steps.filter((step) => step.kept).map((step) => rm(copy(step.path), { force: true })),
  );
}

/** Undoes `steps`, last first; returns the targets it could not restore. */
async function rollBack(
  steps: readonly Step[],
  target: (path: string) => string,
  copy: (path: string) => string,
): Promise<string[]> {
  const unrestored: string[] = [];
  for (const step of [...steps].reverse()) {
    try {
      if (step.kept) await rename(copy(step.path), target(step.path));
      else await rm(target(step.path), { force: true });
    } catch {
      unrestored.push(step.path);
    }
  }
  return unrestored;
}
