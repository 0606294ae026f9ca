// The JavaScript runtimes the consumer test runs the installed packages on. CI builds its
// consumer-test matrix from this list (`node scripts/consumer-test.mjs --list-runtimes`), so the
// workflow and the script cannot disagree. Imports nothing outside Node.js: CI reads the list
// before anything is installed.

/**
 * @typedef {object} Runtime
 * @property {string} name what `--runtime` takes and the CI matrix shows
 * @property {string} description what it is, for people
 * @property {() => string} executable the program that runs a script on it
 */

/** @type {readonly Runtime[]} Every runtime the consumer test knows, in the order it runs them. */
export const RUNTIMES = [
  {
    name: 'node20',
    description: 'Node.js 20, the toolchain that runs the test',
    executable: () => process.execPath,
  },
];

/** The runtimes called `names`, in the list's order; throws naming any that is not in it. */
export function selectRuntimes(names) {
  const known = RUNTIMES.map((runtime) => runtime.name);
  const unknown = names.filter((name) => !known.includes(name));
  if (unknown.length > 0) {
    throw new Error(
      `--runtime must be one of ${known.join(', ')}; got ${unknown.map((n) => JSON.stringify(n)).join(', ')}`,
    );
  }
  return names.length === 0 ? RUNTIMES : RUNTIMES.filter((runtime) => names.includes(runtime.name));
}
