import { createReadStream } from 'node:fs';
import { isIPv4 } from 'node:net';
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

/** True for a loopback host: `localhost` exactly, `[::1]`, or an address in 127.0.0.0/8. */
export function isLoopback(url: URL): boolean {
  // note: the URL parser has already written any IPv4 form (`2130706433`, `0x7f.1`) as dotted
  // decimal, so a name such as `127.example.com` is never taken for an address.
  const host = url.hostname;
  return host === 'localhost' || host === '[::1]' || (isIPv4(host) && host.startsWith('127.'));
}

/** True when `from` names a URL rather than a file. */
export function isUrl(from: string): boolean {
  return /^[a-z][a-z0-9+.-]*:\/\//i.test(from);
}

/** https anywhere, plain http to loopback only. */
function isAllowed(url: URL): boolean {
  return url.protocol === 'https:' || (url.protocol === 'http:' && isLoopback(url));
}

/** A redirect may go where a first URL may, but never from https down to plain http. */
function isAllowedRedirect(from: URL, to: URL): boolean {
  return isAllowed(to) && !(from.protocol === 'https:' && to.protocol !== 'https:');
}

/** Checks a URL the way the client does: https, or plain http to loopback only. */
export function checkUrl(from: string): URL {
  let url: URL;
  try {
    url = new URL(from);
  } catch {
    throw new SpecUpdateError('--from must be a file or an https URL, got an unparsable URL');
  }
  // note: checked first, so no message ever repeats a URL that carries credentials.
  if (url.username || url.password) {
    throw new SpecUpdateError('--from must not carry credentials in the URL');
  }
  if (!isAllowed(url)) {
    throw new SpecUpdateError(
      `--from must be a file or an https URL (plain http only to loopback), got ${recordedName(url)}`,
    );
  }
  return url;
}

/** The URL as recorded: origin and path, without query or fragment. */
function recordedName(url: URL): string {
  return `${url.origin}${url.pathname}`;
}

/** Redirects followed before giving up. */
const MAX_REDIRECTS = 5;

function failure(error: unknown, timeoutMs: number, what: string): string {
  if (error instanceof Error && error.name === 'TimeoutError')
    return `${what} within ${timeoutMs} ms`;
  return (error as { cause?: { code?: string } }).cause?.code ?? (error as Error).message;
}

async function readUrl(first: URL, timeoutMs: number): Promise<SourceText> {
  const shown = recordedName(first);
  const signal = AbortSignal.timeout(timeoutMs);
  let url = first;
  let response: Response | undefined;
  // note: redirects are followed here, each target checked before it is asked, so a redirect
  // cannot lead the request to plain http off loopback.
  for (let hop = 0; ; hop++) {
    try {
      response = await fetch(url, {
        signal,
        redirect: 'manual',
        headers: { accept: 'application/yaml, application/json;q=0.9, */*;q=0.1' },
      });
    } catch (error) {
      throw new SpecUpdateError(
        `could not fetch ${shown}: ${failure(error, timeoutMs, 'no answer')}`,
      );
    }
    const location = response.headers.get('location');
    if (response.status < 300 || response.status > 399 || !location) break;
    await response.body?.cancel();
    const next = new URL(location, url);
    if (!isAllowedRedirect(url, next)) {
      throw new SpecUpdateError(
        `could not fetch ${shown}: it redirects to ${next.protocol}//${next.host}, not https`,
      );
    }
    if (hop + 1 >= MAX_REDIRECTS) {
      throw new SpecUpdateError(`could not fetch ${shown}: more than ${MAX_REDIRECTS} redirects`);
    }
    url = next;
  }
  if (!response.ok) {
    await response.body?.cancel();
    throw new SpecUpdateError(`could not fetch ${shown}: HTTP ${response.status}`);
  }
  const declared = Number(response.headers.get('content-length') ?? '0');
  if (declared > MAX_SOURCE_BYTES) {
    await response.body?.cancel();
    throw new SpecUpdateError(tooLarge(shown));
  }
  try {
    // note: Node's web streams are async iterable; the DOM typings do not say so.
    const body = (response.body ?? []) as unknown as AsyncIterable<Uint8Array>;
    return { text: await readCapped(body, shown), name: shown };
  } catch (error) {
    if (error instanceof SpecUpdateError) throw error;
    throw new SpecUpdateError(
      `could not fetch ${shown}: ${failure(error, timeoutMs, 'no complete answer')}`,
    );
  }
}

function tooLarge(shown: string): string {
  return `${shown} is larger than ${MAX_SOURCE_BYTES / 1024 / 1024} MiB`;
}

/**
 * Decodes UTF-8 chunks as they come and stops at {@link MAX_SOURCE_BYTES}: a declared length
 * can be absent or false, and a body without end must not fill memory.
 */
async function readCapped(chunks: AsyncIterable<Uint8Array>, shown: string): Promise<string> {
  const decoder = new TextDecoder();
  const parts: string[] = [];
  let size = 0;
  // note: leaving the loop by a throw cancels the stream, which closes the connection or file.
  for await (const chunk of chunks) {
    size += chunk.byteLength;
    if (size > MAX_SOURCE_BYTES) throw new SpecUpdateError(tooLarge(shown));
    parts.push(decoder.decode(chunk, { stream: true }));
  }
  parts.push(decoder.decode());
  return parts.join('');
}

async function readLocal(from: string, cwd: string): Promise<SourceText> {
  const path = resolve(cwd, from);
  const name = basename(path);
  try {
    return { text: await readCapped(createReadStream(path), from), name };
  } catch (error) {
    if (error instanceof SpecUpdateError) throw error;
    const code = (error as NodeJS.ErrnoException).code;
    const reason =
      code === 'ENOENT' ? 'no such file' : code === 'EISDIR' ? 'it is a directory' : code;
    throw new SpecUpdateError(`could not read ${from}: ${reason}`);
  }
}

/** Reads the upstream document from a file (relative to `cwd`) or a URL, within `timeoutMs`. */
export async function readSource(
  from: string,
  cwd: string,
  timeoutMs: number,
): Promise<SourceText> {
  return isUrl(from) ? readUrl(checkUrl(from), timeoutMs) : readLocal(from, cwd);
}
