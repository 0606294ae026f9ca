import { SECRET_FIELDS } from '@org/atlas-types';
import { summarize } from '../http/outgoing-request.js';
import type { Reply } from '../http/reply.js';
import { isRecord, nestsDeeperThan } from '../validation.js';
import { envelopeContent, isEnvelope } from './envelope.js';
import { errorFromResponse, excerpt, invalidResponse } from './error-from-response.js';
import type { OperationRow } from './operation-request.js';
import { hideSecrets } from './secret-fields.js';

/** How deep a body may nest: the spec's deepest document, an enveloped 400, nests 5 levels. */
const MAX_NESTING = 64;

/** JSON text decoded, or undefined when it is not JSON. */
function parsed(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}

/**
 * The resource an answer carries, unwrapped from an `envelope=true` body, its secret fields
 * hidden; throws the typed error for a non-2xx answer (or an enveloped one) and
 * `AtlasInvalidResponseError` for a body that is not what the operation promises.
 */
export function decodeReply(
  row: OperationRow,
  reply: Reply,
  apiVersion: string,
): object | undefined {
  // note: only errors need the summary; a success does not pay for it.
  const request = () => summarize(row.method, reply.url);
  const headers = () => reply.shownHeaders();
  // note: a body nested deeper than any the spec describes is refused before anything walks it.
  const refuseDeep = (body: unknown) => {
    if (nestsDeeperThan(body, MAX_NESTING)) {
      throw invalidResponse(reply, request(), `body nested over ${MAX_NESTING} levels deep`);
    }
  };
  if (!reply.ok) {
    // note: what an error shows is read without the request's credentials.
    const text = reply.shown(reply.text());
    const body = parsed(text) ?? (text || undefined);
    refuseDeep(body);
    const { status } = reply;
    throw errorFromResponse(
      { status, headers: headers() },
      request(),
      envelopeContent(body),
      apiVersion,
    );
  }
  if (row.status === 204) return undefined;
  const text = reply.text();
  let body = parsed(text);
  const invalid = () =>
    invalidResponse(reply, request(), `not a JSON object: ${excerpt(reply.shown(text))}`);
  if (body === undefined) throw invalid();
  refuseDeep(body);
  if (isEnvelope(body)) {
    if (body.status >= 300) {
      const shown = reply.shown(text);
      const shownBody = parsed(shown);
      const content = isEnvelope(shownBody) ? shownBody.content : shown;
      throw errorFromResponse(
        { status: body.status, headers: headers() },
        request(),
        content,
        apiVersion,
      );
    }
    body = body.content;
  }
  if (!isRecord(body) || (row.paginated && !isPage(body))) throw invalid();
  return hideSecrets(body, SECRET_FIELDS);
}

/** One page of a list: what `decodeReply` gives for a paginated operation, a `results` array. */
export function decodePage(
  row: OperationRow,
  reply: Reply,
  apiVersion: string,
): { readonly results: readonly unknown[] } {
  const page = decodeReply(row, reply, apiVersion);
  // note: decodeReply has checked the page of a paginated operation; this tells the compiler.
  if (isPage(page)) return page;
  throw invalidResponse(reply, summarize(row.method, reply.url), 'not a page of results');
}

function isPage(body: unknown): body is { readonly results: readonly unknown[] } {
  return isRecord(body) && Array.isArray(body.results);
}
