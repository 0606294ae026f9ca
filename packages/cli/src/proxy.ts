import type { Env } from './io.js';

/** The variables a proxy is taken from, as curl and Go read them; the lower-case spelling first. */
const PROXY_VARIABLES = ['https_proxy', 'HTTPS_PROXY', 'http_proxy', 'HTTP_PROXY'];

/** The first of `names` that is set, and its value. */
function first(env: Env, names: readonly string[]): [string, string] | undefined {
  for (const name of names) {
    const value = env[name];
    if (value) return [name, value];
  }
}

/**
 * Sends requests through the proxy that `HTTPS_PROXY` / `HTTP_PROXY` name, except to the hosts
 * in `NO_PROXY`, as the Atlas CLI and every Go program do. undici (Node's own HTTP client, whose
 * dispatcher the global fetch uses) is loaded only when a proxy is set, so start-up stays fast.
 * Returns a line for the debug trace, the proxy's own credentials left out; undefined without one.
 */
export async function useProxyFromEnv(env: Env): Promise<string | undefined> {
  const proxy = first(env, PROXY_VARIABLES);
  if (!proxy) return undefined;
  const { EnvHttpProxyAgent, setGlobalDispatcher } = await import('undici');
  const https = first(env, ['https_proxy', 'HTTPS_PROXY'])?.[1];
  const http = first(env, ['http_proxy', 'HTTP_PROXY'])?.[1];
  const noProxy = first(env, ['no_proxy', 'NO_PROXY'])?.[1];
  setGlobalDispatcher(
    new EnvHttpProxyAgent({
      ...(http ? { httpProxy: http } : {}),
      ...(https ? { httpsProxy: https } : {}),
      ...(noProxy ? { noProxy } : {}),
    }),
  );
  const shown = proxy[1].replace(/\/\/[^/]*@/, '//…@');
  return `proxy ${shown} from $${proxy[0]}${noProxy ? `, not for ${noProxy} ($NO_PROXY)` : ''}`;
}
