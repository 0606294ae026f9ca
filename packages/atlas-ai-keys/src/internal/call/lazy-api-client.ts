import type { AtlasOpenApiClient } from '../../client.js';

type Middleware = Parameters<AtlasOpenApiClient['use']>[number];

/** openapi-fetch's client methods that return a promise: they can wait for it to load. */
const REQUEST_METHODS = [
  'request',
  'GET',
  'PUT',
  'POST',
  'DELETE',
  'OPTIONS',
  'HEAD',
  'PATCH',
  'TRACE',
] as const;

/**
 * `client.api` before openapi-fetch is loaded: its request methods call `load` on first use
 * (once, however many calls start together; again after a failed load) and hand each call to the
 * client it gives; `use` and `eject` stay synchronous, applied to that client once it is there and
 * kept until then, so middleware registered before the first request runs on it.
 */
export function createLazyApiClient(load: () => Promise<AtlasOpenApiClient>): AtlasOpenApiClient {
  let api: AtlasOpenApiClient | undefined;
  let loading: Promise<AtlasOpenApiClient> | undefined;
  // note: middleware registered before the load, kept as openapi-fetch keeps its own (in order,
  // `eject` removing the first occurrence), so the real client ends up with the same list.
  const middlewares: Middleware[] = [];
  const loaded = () => {
    if (!loading) {
      loading = load().then((client) => {
        client.use(...middlewares);
        api = client;
        return client;
      });
      // note: a load that failed (a chunk that could not be fetched) is tried again on the next
      // call, rather than failing every later call the same way.
      loading.catch(() => {
        loading = undefined;
      });
    }
    return loading;
  };
  const facade: Record<string, unknown> = {
    use(...added: Middleware[]) {
      if (api) return api.use(...added);
      for (const middleware of added) {
        if (!middleware) continue;
        checkMiddleware(middleware);
        middlewares.push(middleware);
      }
    },
    eject(...removed: Middleware[]) {
      if (api) return api.eject(...removed);
      for (const middleware of removed) {
        const index = middlewares.indexOf(middleware);
        if (index !== -1) middlewares.splice(index, 1);
      }
    },
  };
  for (const name of REQUEST_METHODS) {
    facade[name] = async (...args: unknown[]) => {
      const real = api ?? (await loaded());
      return (real[name] as (...args: unknown[]) => unknown)(...args);
    };
  }
  return facade as unknown as AtlasOpenApiClient;
}

/**
 * Refuses what openapi-fetch's `use` refuses, with its words, at the call that registers it
 * rather than at the first request.
 */
function checkMiddleware(middleware: Middleware): void {
  if (
    typeof middleware !== 'object' ||
    !('onRequest' in middleware || 'onResponse' in middleware || 'onError' in middleware)
  ) {
    throw new Error(
      'Middleware must be an object with one of `onRequest()`, `onResponse() or `onError()`',
    );
  }
}
