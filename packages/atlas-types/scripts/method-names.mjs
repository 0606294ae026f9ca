// @ts-check
// The rule that names a client method after the REST shape of its operation, as Octokit and the
// Stainless SDKs name theirs (`client.keys.list`, `client.rateLimits.resetAll`), so no method is
// named by hand. The types package README states it; `x-client-method` on an operation, declared
// in the overlay, replaces it for an operation it names wrongly.

/** The scopes an Atlas path opens with, and the suffix each gives its methods. */
const SCOPES = [
  { pattern: /^\/api\/atlas\/v2\/groups\/\{[^/}]+\}(?=\/)/, suffix: '' },
  { pattern: /^\/api\/atlas\/v2\/orgs\/\{[^/}]+\}(?=\/)/, suffix: 'ForOrg' },
];

/** A custom method at the end of a path, as Google's AIP-136 writes it: `…/rateLimits:reset`. */
const CUSTOM_METHOD = /:([A-Za-z][A-Za-z0-9]*)$/;

/** The name of each standard method, by HTTP method and the kind of path it is called on. */
/** @type {Readonly<Record<string, string>>} */
const STANDARD = {
  'GET collection': 'list',
  'GET item': 'get',
  'POST collection': 'create',
  'PATCH item': 'update',
  'PUT item': 'update',
  'DELETE item': 'delete',
};

/**
 * The name the rule gives the operation at `httpMethod` (upper case) and `path`, or why it gives
 * none. Scope: `/groups/{groupId}` adds nothing, `/orgs/{orgId}` adds `ForOrg`. A path with path
 * parameters past the scope's id is an item, else a collection. GET collection → `list`, GET
 * item → `get`, POST collection → `create`, PATCH or PUT item → `update`, DELETE item →
 * `delete`; a custom method `…:verb` → `verb` on an item, `verbAll` on a collection.
 * @param {string} httpMethod
 * @param {string} path
 * @returns {{ name: string, problem?: undefined } | { name?: undefined, problem: string }}
 */
export function methodNameOf(httpMethod, path) {
  const scope = SCOPES.find(({ pattern }) => pattern.test(path));
  if (!scope) return { problem: 'its path is under neither /groups/{groupId} nor /orgs/{orgId}' };
  const rest = path.replace(scope.pattern, '');
  const kind = rest.includes('{') ? 'item' : 'collection';
  const custom = CUSTOM_METHOD.exec(rest)?.[1];
  if (custom) return { name: `${custom}${kind === 'collection' ? 'All' : ''}${scope.suffix}` };
  const standard = STANDARD[`${httpMethod} ${kind}`];
  if (!standard)
    return {
      problem: `no standard method is ${httpMethod} on ${kind === 'item' ? 'an item' : 'a collection'}`,
    };
  return { name: `${standard}${scope.suffix}` };
}

/** The standard methods in the order a reader expects them, as the README lists them. */
const ORDER = ['list', 'create', 'get', 'update', 'delete'];

/**
 * Sorts method names as a reader expects: a project's before an organization's (`ForOrg`), the
 * standard methods in their usual order, then custom methods by name (`reset`, `resetAll`).
 * @param {string} a
 * @param {string} b
 */
export function compareMethodNames(a, b) {
  /** @param {string} name @returns {[number, number, string]} */
  const key = (name) => {
    const base = name.replace(/ForOrg$/, '');
    const standard = ORDER.indexOf(base);
    return [name === base ? 0 : 1, standard === -1 ? ORDER.length : standard, base];
  };
  const [x, y] = [key(a), key(b)];
  return x[0] - y[0] || x[1] - y[1] || (x[2] < y[2] ? -1 : x[2] > y[2] ? 1 : 0);
}
