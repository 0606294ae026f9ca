import { readFileSync } from 'node:fs';
import { defaultSpecPath } from '@org/atlas-mock';
import { parse } from 'yaml';

interface Spec {
  paths: Record<
    string,
    Record<string, { operationId?: string; responses?: Record<string, unknown> }>
  >;
}

const spec = parse(readFileSync(defaultSpecPath, 'utf8')) as Spec;

/** The error statuses the spec declares for an operation, read from the spec the mock serves. */
export function declaredErrors(operationId: string): number[] {
  for (const operations of Object.values(spec.paths)) {
    for (const operation of Object.values(operations)) {
      if (operation.operationId === operationId) {
        return Object.keys(operation.responses ?? {})
          .map(Number)
          .filter((status) => status >= 400);
      }
    }
  }
  throw new Error(`the spec has no operation ${operationId}`);
}
