import { isObject, type JsonObject, operationsOf } from '../openapi.js';
import type { Change } from './change.js';
import { operationLabel } from './locate.js';
import { report } from './rules.js';

/** The ways to authenticate an operation accepts, each as its scheme names (`A + B` for both). */
function alternatives(document: JsonObject, operation: JsonObject): Set<string> {
  const list = Array.isArray(operation.security) ? operation.security : document.security;
  const names = new Set<string>();
  for (const requirement of Array.isArray(list) ? list : []) {
    if (isObject(requirement))
      names.add(Object.keys(requirement).sort().join(' + ') || 'anonymous');
  }
  return names;
}

/**
 * Compares, for each operation in both documents, the ways it accepts to authenticate. The order
 * of the alternatives does not matter, only which are accepted.
 */
export function securityChanges(before: JsonObject, after: JsonObject): Change[] {
  const changes: Change[] = [];
  const old = new Map(
    operationsOf(before).map((entry) => [`${entry.method} ${entry.path}`, entry]),
  );
  for (const { path, method, operation } of operationsOf(after)) {
    const previous = old.get(`${method} ${path}`);
    if (!previous) continue;
    const was = alternatives(before, previous.operation);
    const is = alternatives(after, operation);
    const site = operationLabel(operation, path, method);
    for (const name of was) {
      if (!is.has(name)) changes.push(report('way to authenticate dropped', site, { name }));
    }
    for (const name of is) {
      if (!was.has(name)) changes.push(report('way to authenticate added', site, { name }));
    }
  }
  return changes;
}
