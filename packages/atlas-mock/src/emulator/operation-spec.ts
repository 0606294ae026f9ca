import Negotiator from 'negotiator';
import parsePreferHeader from 'parse-prefer-header';
import type { Operation } from '../prism-server.js';

/** A response an operation declares. */
export type DeclaredResponse = Operation['responses'][number];

/** The response an operation declares for `status`, if any. */
export function declaredResponse(
  operation: Operation,
  status: number,
): DeclaredResponse | undefined {
  return operation.responses.find((response) => response.code === String(status));
}

/** The success status an operation declares: its first 2xx response. */
export function successStatus(operation: Operation): number {
  const success = operation.responses.find((response) => /^2\d\d$/.test(response.code));
  if (success === undefined) throw new Error(`${operation.iid} declares no success response`);
  return Number(success.code);
}

/**
 * The media type of the success response that an `Accept` header allows, or undefined when it
 * allows none of them: Atlas chooses the API version by `Accept`, and refuses others with 406.
 */
export function acceptedMediaType(
  operation: Operation,
  accept: string | undefined,
): string | undefined {
  const offered = (declaredResponse(operation, successStatus(operation))?.contents ?? []).map(
    (content) => content.mediaType,
  );
  if (offered.length === 0) return undefined;
  return new Negotiator({ headers: { accept: accept ?? '*/*' } }).mediaType(offered);
}

/** The status a request asks for with `Prefer: code=…`, read as Prism reads it; else undefined. */
export function preferredStatus(prefer: string | string[] | undefined): number | undefined {
  const { code } = parsePreferHeader(prefer);
  return typeof code === 'string' && /^\d{3}$/.test(code) ? Number(code) : undefined;
}

/** A query value as its parameter's schema types it. */
export type QueryValue = string | number | boolean | undefined;

/** The operation's query parameters read from `search`, typed by their schemas, with their defaults. */
export function queryValues(
  operation: Operation,
  search: URLSearchParams,
): Record<string, QueryValue> {
  const values: Record<string, QueryValue> = {};
  for (const parameter of operation.request?.query ?? []) {
    const schema = (parameter.schema ?? {}) as { type?: unknown; default?: QueryValue };
    const raw = search.get(parameter.name);
    values[parameter.name] =
      raw === null
        ? schema.default
        : schema.type === 'integer' || schema.type === 'number'
          ? Number(raw)
          : schema.type === 'boolean'
            ? raw === 'true'
            : raw;
  }
  return values;
}

/** The first example of a schema, as Prism reads the spec (`example` becomes `examples`). */
export function exampleOf(schema: unknown): unknown {
  return (schema as { examples?: unknown[] } | undefined)?.examples?.[0];
}

/** The example of each property of the operation's success body, by property name. */
export function successExample(operation: Operation): Record<string, unknown> {
  const properties = (declaredResponse(operation, successStatus(operation))?.contents?.[0]?.schema
    ?.properties ?? {}) as Record<string, unknown>;
  return Object.fromEntries(
    Object.entries(properties).map(([name, schema]) => [name, exampleOf(schema)]),
  );
}
