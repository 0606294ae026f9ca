import type { AiModelApiKeyMediaType, paths } from '@org/atlas-types';
import type { AtlasOpenApiClient } from '../../client.js';
import type { ResolvedOptions } from '../../options.js';
import type { Transport } from '../http/transport.js';
import { createOpenApiClient } from './openapi-fetch.js';

/**
 * openapi-fetch's typed client over the client's transport: the same authentication, retries,
 * timeouts and limits as the methods, and the request's own signal. Each call hides the secret
 * fields of what it decoded with `hideSecrets`, as the methods hide them.
 */
export function createApiClient(
  transport: Transport,
  options: ResolvedOptions,
  // note: handed over rather than imported, so that this module, loaded on first use, shares no
  // code with the start-up load and bundlers need no chunk of shared code between the two.
  hideSecrets: (data: unknown) => void,
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
        hideSecrets(result.data);
        return result;
      },
    });
  }
  return api;
}
