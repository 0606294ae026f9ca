import type { Change } from './change.js';

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
  const site = 'tags';
  return [
    ...before
      .filter((group) => !after.includes(group))
      .map(
        (group): Change => ({
          class: 'breaking',
          what: `client resource group ${group} dropped`,
          why: `code that calls client.${group} no longer compiles`,
          site,
        }),
      ),
    ...after
      .filter((group) => !before.includes(group))
      .map(
        (group): Change => ({
          class: 'feature',
          what: `client resource group ${group} added`,
          why: `the tag's operations become methods of client.${group}`,
          site,
        }),
      ),
  ];
}

/**
 * An operation's method name declared (`x-client-method`), dropped or changed: the method takes
 * the declared name in place of the naming rule's, or the naming rule's back.
 */
export function clientMethodChange(was: unknown, is: unknown, site: string): Change {
  const name = (value: unknown) => (value === undefined ? "the naming rule's" : String(value));
  return {
    class: 'breaking',
    what: `client method renamed from ${name(was)} to ${name(is)} (${CLIENT_METHOD})`,
    why: 'code that calls it by its old name no longer compiles',
    site,
  };
}
