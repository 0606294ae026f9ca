import openapiFetch from 'openapi-fetch';

type CreateClient = typeof openapiFetch;

/**
 * openapi-fetch's `createClient`, in both builds. The CommonJS build loads openapi-fetch's CommonJS
 * file, and esbuild gives a `"type": "module"` package's default import of it Node's meaning, the
 * whole `module.exports`; the function is then that object's `default`.
 */
export const createOpenApiClient: CreateClient =
  typeof openapiFetch === 'function'
    ? openapiFetch
    : (openapiFetch as unknown as { default: CreateClient }).default;
