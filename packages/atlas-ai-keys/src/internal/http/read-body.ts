import type { AtlasRequestSummary } from '../../errors.js';
import { invalidResponse } from '../call/error-from-response.js';
import { untilAborted } from './until-aborted.js';

const NULL_BODY_STATUSES = new Set([101, 204, 205, 304]);

/**
 * Reads a whole response body, refusing more than `maxBytes` so a misbehaving server cannot
 * exhaust memory, and stopping when `signal` aborts even if the fetch in use would not.
 */
export async function readBody(
  response: Response,
  maxBytes: number,
  request: AtlasRequestSummary,
  signal: AbortSignal,
): Promise<Uint8Array<ArrayBuffer> | null> {
  if (NULL_BODY_STATUSES.has(response.status) || !response.body) return null;
  const { headers } = response;
  const length = Number(headers.get('content-length') ?? Number.NaN);
  // note: a declared length within bounds, not compressed (decompression could grow it), is all
  // that can arrive; such a body is read whole, which costs less than reading it chunk by chunk.
  if (length <= maxBytes && !headers.has('content-encoding')) {
    return new Uint8Array(await untilAborted(response.arrayBuffer(), signal));
  }
  const reader = response.body.getReader();
  const cancel = () => reader.cancel(signal.reason).catch(() => {});
  if (length > maxBytes) {
    await cancel();
    throw tooLarge(response, maxBytes, request);
  }
  signal.addEventListener('abort', cancel, { once: true });
  try {
    const chunks: Uint8Array[] = [];
    let size = 0;
    for (let read = await reader.read(); !read.done; read = await reader.read()) {
      size += read.value.byteLength;
      if (size > maxBytes) {
        await cancel();
        throw tooLarge(response, maxBytes, request);
      }
      chunks.push(read.value);
    }
    // note: a cancelled reader reports done, so a cut-off body must not pass as complete.
    signal.throwIfAborted();
    // A small body arrives in one chunk, which is returned as is rather than copied.
    return chunks.length === 1 ? (chunks[0] as Uint8Array<ArrayBuffer>) : concat(chunks, size);
  } finally {
    signal.removeEventListener('abort', cancel);
  }
}

function concat(chunks: Uint8Array[], size: number): Uint8Array<ArrayBuffer> {
  const bytes = new Uint8Array(size);
  let offset = 0;
  for (const chunk of chunks) {
    bytes.set(chunk, offset);
    offset += chunk.byteLength;
  }
  return bytes;
}

function tooLarge(response: Response, maxBytes: number, request: AtlasRequestSummary) {
  return invalidResponse(
    response,
    request,
    `response body larger than maxResponseBytes (${maxBytes} bytes)`,
  );
}
