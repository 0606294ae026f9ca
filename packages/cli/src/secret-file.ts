import { randomBytes } from 'node:crypto';
import { link, open, rename, stat, unlink } from 'node:fs/promises';
import { basename, dirname, join, resolve } from 'node:path';
import { UsageError } from './exit-codes.js';

/** A `--secret-file` checked before any request: where it goes, and whether it may replace a file. */
export interface SecretFile {
  /** The path as given, for messages. */
  readonly path: string;
  readonly force: boolean;
}

/** The code of a file-system error, such as `ENOENT`. */
const codeOf = (error: unknown) => (error as { code?: unknown })?.code;

/**
 * Checks `--secret-file` before any request, so that a key is never created whose secret could
 * not be stored: its directory must exist, and the file must not, unless `--force`.
 */
export async function checkSecretFile(path: string, force: boolean): Promise<SecretFile> {
  if (path === '') throw new UsageError('--secret-file must be a file path');
  const directory = await stat(dirname(resolve(path))).catch(() => undefined);
  if (!directory?.isDirectory()) {
    throw new UsageError(`--secret-file ${path}: its directory ${dirname(path)} does not exist`);
  }
  const existing = await stat(path).catch((error: unknown) => {
    if (codeOf(error) === 'ENOENT') return undefined;
    throw new UsageError(`--secret-file ${path} cannot be checked (${String(codeOf(error))})`);
  });
  if (existing?.isDirectory()) throw new UsageError(`--secret-file ${path} is a directory`);
  if (existing && !force) {
    throw new UsageError(
      `--secret-file ${path} exists: choose another path, or add --force to replace it`,
    );
  }
  return { path, force };
}

/**
 * Writes `secret` and a final newline to the file atomically, readable only by its owner (mode
 * 0600): into a new file beside it first, flushed to disk, then linked into place (or renamed
 * over the old file with `force`). A failure leaves no partial file and no file replaced.
 */
export async function writeSecretFile({ path, force }: SecretFile, secret: string): Promise<void> {
  const temporary = join(dirname(path), `.${basename(path)}.${randomBytes(6).toString('hex')}.tmp`);
  const handle = await open(temporary, 'wx', 0o600);
  try {
    try {
      await handle.writeFile(`${secret}\n`);
      await handle.sync();
    } finally {
      await handle.close();
    }
    // note: link refuses a name that appeared since the check, where rename would replace it.
    if (force) await rename(temporary, path);
    else await link(temporary, path);
  } finally {
    await unlink(temporary).catch(() => {});
  }
}
