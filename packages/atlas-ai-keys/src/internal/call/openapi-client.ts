import { type AiModelApiKeyMediaType, type paths, SECRET_FIELDS } from '@org/atlas-types';
import type { AtlasOpenApiClient } from '../../client.js';
import type { ResolvedOptions } from '../../options.js';
import type { Transport } from '../http/transport.js';
import { isEnvelope } from './envelope.js';
import { createOpenApiClient } from './openapi-fetch.js';
import { hideSecrets } from './secret-fields.js';

/**
 * openapi-fetch's typed client over the client's transport: the same authentication, retries,
 * timeouts and limits as the methods, and the request's own signal. Each call hides the spec's
 * secret fields of what it decoded (within an envelope too), as the methods hide them.
 */
export function createApiClient(
  transport: Transport,
  options: ResolvedOptions,
): AtlasOpenApiClient {
  const api = createOpenApiClient<paths, AiModelApiKeyMediaType>({
    baseUrl: options.baseHref,
    headers: { accept: options.mediaType },
    // note: openapi-fetch hands over a Request; the transport sends its parts as they are.
    fetch: async (request: Request) => {
      const headers = Object.fromEntries(request.headers);
      headers['user-agent'] = options.headers['user-agent'];
      const body = request.body ? new Uint8Array(await request.arrayBuffer()) : null;
      const { method, url, signal } = request;
      const outgoing = { method, url: new URL(url), headers, body };
      const reply = await transport.send(outgoing, { ...options.policy, signal });
      return reply.toResponse();
    },
  });
  for (const [name, call] of Object.entries(api)) {
    if (!/^([A-Z]+|request)$/.test(name)) continue;
    Object.assign(api, {
      [name]: async (...args: unknown[]) => {
        const result = await call(...args);
        const { data } = result;
        hideSecrets(isEnvelope(data) ? data.content : data, SECRET_FIELDS);
        return result;
      },
    });
  }
  return api;
}
