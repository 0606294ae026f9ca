import { mkdir, readdir, readFile, rename, rm, writeFile } from 'node:fs/promises';
import { dirname, join, relative } from 'node:path';

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

/**
 * Puts files in place under `root`: each is first written beside its target, then all are renamed
 * over their targets, so a failure while writing leaves every target as it was. `remove` lists
 * files to delete afterwards.
 */
export async function replaceFiles(
  root: string,
  files: ReadonlyMap<string, string>,
  remove: readonly string[] = [],
): Promise<void> {
  const suffix = `.spec-update-${process.pid}.tmp`;
  const written: string[] = [];
  try {
    for (const [path, text] of files) {
      const temporary = join(root, `${path}${suffix}`);
      await mkdir(dirname(temporary), { recursive: true });
      await writeFile(temporary, text);
      written.push(temporary);
    }
  } catch (error) {
    await Promise.all(written.map((path) => rm(path, { force: true })));
    throw error;
  }
  for (const path of files.keys()) await rename(join(root, `${path}${suffix}`), join(root, path));
  for (const path of remove) await rm(join(root, path), { force: true });
}
