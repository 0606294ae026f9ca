import { detectSpec, parseYaml } from '@redocly/openapi-core';
import { checkExpandedSize } from './document-limits.js';
import { SpecUpdateError } from './errors.js';
import { isObject, type JsonObject } from './openapi.js';

/** OpenAPI versions the fragment and openapi-typescript support. */
const SUPPORTED = new Set(['oas3_0', 'oas3_1']);

/**
 * Parses YAML or JSON text and checks it is an OpenAPI 3.0 or 3.1 document of a size the cut
 * can walk once its aliases are expanded.
 */
export function parseDocument(text: string, name: string): JsonObject {
  let parsed: unknown;
  try {
    parsed = parseYaml(text);
  } catch (error) {
    const reason = (error as Error).message.split('\n')[0];
    throw new SpecUpdateError(
      `${name} is not an OpenAPI document: it is not YAML or JSON (${reason})`,
    );
  }
  checkExpandedSize(parsed, name);
  let kind: string;
  try {
    kind = detectSpec(parsed as Record<string, unknown>);
  } catch {
    throw new SpecUpdateError(
      `${name} is not an OpenAPI document: no "openapi: 3.x" field at its top level`,
    );
  }
  if (!SUPPORTED.has(kind) || !isObject(parsed)) {
    throw new SpecUpdateError(
      `${name} is not an OpenAPI 3.0 or 3.1 document (it looks like ${kind.replace('_', ' ')})`,
    );
  }
  if (!isObject(parsed.paths)) {
    throw new SpecUpdateError(`${name} is not an OpenAPI document: it has no "paths" object`);
  }
  return parsed;
}
