import { readFile } from 'node:fs/promises';
import { basename, resolve } from 'node:path';
import { SpecUpdateError } from './errors.js';

/** The upstream document as read: its text and the name recorded in the fragment. */
export interface SourceText {
  /** The document's text, YAML or JSON. */
  readonly text: string;
  /** What the fragment records as its source: a file's base name, or the URL. */
  readonly name: string;
}

/** Largest upstream document accepted; the real one is 4 MB. */
export const MAX_SOURCE_BYTES = 64 * 1024 * 1024;

const LOOPBACK = new Set(['localhost', '127.0.0.1', '[::1]']);

/** True when `from` names a URL rather than a file. */
export function isUrl(from: string): boolean {
  return /^[a-z][a-z0-9+.-]*:\/\//i.test(from);
}

/** Checks a URL the way the client does: https, or plain http to loopback only. */
export function checkUrl(from: string): URL {
  let url: URL;
  try {
    url = new URL(from);
  } catch {
    throw new SpecUpdateError(`--from must be a file or an https URL, got "${from}"`);
  }
  const loopback = LOOPBACK.has(url.hostname) || url.hostname.startsWith('127.');
  if (url.protocol !== 'https:' && !(url.protocol === 'http:' && loopback)) {
    throw new SpecUpdateError(
      `--from must be a file or an https URL (plain http only to loopback), got "${from}"`,
    );
  }
  if (url.username || url.password) {
    throw new SpecUpdateError('--from must not carry credentials in the URL');
  }
  return url;
}

/** The URL as recorded: origin and path, without query or fragment. */
function recordedName(url: URL): string {
  return `${url.origin}${url.pathname}`;
}

async function readUrl(url: URL, timeoutMs: number): Promise<SourceText> {
  const shown = recordedName(url);
  let response: Response;
  try {
    response = await fetch(url, {
      signal: AbortSignal.timeout(timeoutMs),
      headers: { accept: 'application/yaml, application/json;q=0.9, */*;q=0.1' },
    });
  } catch (error) {
    const reason =
      error instanceof Error && error.name === 'TimeoutError'
        ? `no answer within ${timeoutMs} ms`
        : `${(error as { cause?: { code?: string } }).cause?.code ?? (error as Error).message}`;
    throw new SpecUpdateError(`could not fetch ${shown}: ${reason}`);
  }
  if (!response.ok) {
    await response.body?.cancel();
    throw new SpecUpdateError(`could not fetch ${shown}: HTTP ${response.status}`);
  }
  const declared = Number(response.headers.get('content-length') ?? '0');
  if (declared > MAX_SOURCE_BYTES) {
    await response.body?.cancel();
    throw new SpecUpdateError(`${shown} is larger than ${MAX_SOURCE_BYTES} bytes`);
  }
  let text: string;
  try {
    text = await response.text();
  } catch (error) {
    const reason =
      error instanceof Error && error.name === 'TimeoutError'
        ? `no complete answer within ${timeoutMs} ms`
        : (error as Error).message;
    throw new SpecUpdateError(`could not fetch ${shown}: ${reason}`);
  }
  return { text, name: shown };
}

async function readLocal(from: string, cwd: string): Promise<SourceText> {
  const path = resolve(cwd, from);
  try {
    return { text: await readFile(path, 'utf8'), name: basename(path) };
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    const reason =
      code === 'ENOENT' ? 'no such file' : code === 'EISDIR' ? 'it is a directory' : code;
    throw new SpecUpdateError(`could not read ${from}: ${reason}`);
  }
}

/** Reads the upstream document from a file (relative to `cwd`) or a URL, within `timeoutMs`. */
export function readSource(from: string, cwd: string, timeoutMs: number): Promise<SourceText> {
  return isUrl(from) ? readUrl(checkUrl(from), timeoutMs) : readLocal(from, cwd);
}
