import type { Change } from './change.js';
import { report } from './rules.js';

/** The vendor extension on a tag object that names the client's resource group of its operations. */
export const CLIENT_RESOURCE = 'x-client-resource';

/** The vendor extension on an operation that names its client method where the naming rule is wrong. */
export const CLIENT_METHOD = 'x-client-method';

/** The resource groups a changed value declares: the extension's value, a tag's, or a list of tags'. */
function groupsOf(value: unknown): string[] {
  if (typeof value === 'string') return [value];
  if (Array.isArray(value)) return value.flatMap((tag) => groupsOf(tag?.[CLIENT_RESOURCE]));
  const declared = (value as Record<string, unknown> | null | undefined)?.[CLIENT_RESOURCE];
  return typeof declared === 'string' ? [declared] : [];
}

/**
 * The resource groups (`x-client-resource` on tags) added or dropped by a change to the document's
 * tags: `rest` is its path (`tags`, an index, a key). The generated resource groups follow them,
 * so unlike other vendor extensions they add or rename methods. Empty when no group changed.
 */
export function resourceGroupChanges(
  rest: readonly unknown[],
  was: unknown,
  is: unknown,
): Change[] {
  if (rest.length > 2 && rest[2] !== CLIENT_RESOURCE) return [];
  const before = groupsOf(was);
  const after = groupsOf(is);
  return [
    ...before
      .filter((group) => !after.includes(group))
      .map((group) => report('client resource group dropped', 'tags', { group })),
    ...after
      .filter((group) => !before.includes(group))
      .map((group) => report('client resource group added', 'tags', { group })),
  ];
}

/**
 * An operation's method name declared (`x-client-method`), dropped or changed: the method takes
 * the declared name in place of the naming rule's, or the naming rule's back.
 */
export function clientMethodChange(was: unknown, is: unknown, site: string): Change {
  const name = (value: unknown) => (value === undefined ? "the naming rule's" : String(value));
  return report('client method renamed (x-client-method)', site, { was: name(was), is: name(is) });
}
