import type { Operation } from '../prism-server.js';

/** An operation a request is for, with its path parameters. */
export interface RoutedRequest {
  readonly operation: Operation;
  readonly path: Readonly<Record<string, string>>;
}

/** Finds the operation of a method and path among `operations`, whose paths are templates. */
export function operationRouter(
  operations: readonly Operation[],
): (method: string, pathname: string) => RoutedRequest | undefined {
  const routes = operations
    .map((operation) => {
      const names: string[] = [];
      const pattern = operation.path
        .split(/(\{[^}]+\})/)
        .map((part) => {
          const name = /^\{(.+)\}$/.exec(part)?.[1];
          if (name === undefined) return part.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
          names.push(name);
          return '([^/]+)';
        })
        .join('');
      return { operation, names, pattern: new RegExp(`^${pattern}$`) };
    })
    // note: fewer parameters first, so a literal path wins over a template that also matches it,
    // as in Prism's router.
    .sort((a, b) => a.names.length - b.names.length);

  return (method, pathname) => {
    for (const { operation, names, pattern } of routes) {
      if (operation.method !== method.toLowerCase()) continue;
      const match = pattern.exec(pathname);
      if (match === null) continue;
      const path = Object.fromEntries(
        names.map((name, index) => [name, decodeURIComponent(match[index + 1] as string)]),
      );
      return { operation, path };
    }
    return undefined;
  };
}
