import { describe, expect, it } from 'vitest';
import type { ScriptTable } from '../src/pnpm-commands.js';
import { schemaErrors } from '../src/schema-errors.js';
import { pnpmCommandsExist } from '../src/workflow-commands.js';
import { parseWorkflow } from '../src/workflow-files.js';
import {
  actionsPinned,
  checkoutsKeepNoToken,
  type Grants,
  jobsTimeBound,
  leastPermissions,
  type Rule,
  secretsOutOfScripts,
} from '../src/workflow-rules.js';

// A workflow that passes every rule; each case below breaks it in one place.
const GOOD = `name: fixture
on: [push]
permissions:
  contents: read
jobs:
  build:
    runs-on: ubuntu-latest
    timeout-minutes: 5
    steps:
      - uses: actions/checkout@3d3c42e5aac5ba805825da76410c181273ba90b1 # v7.0.1
        with:
          persist-credentials: false
      - run: pnpm install --frozen-lockfile
      - run: pnpm test --filter "$NAME"
        env:
          NAME: \${{ github.ref_name }}
      - uses: changesets/action@a45c4d594aa4e2c509dc14a9f2b3b67ba3780d0d # v1.9.0
        with:
          publish: pnpm release
        env:
          NPM_TOKEN: \${{ secrets.NPM_TOKEN }}
  call:
    uses: ./.github/workflows/other.yml
`;

const SCRIPTS: ScriptTable = {
  root: { test: 'vitest', release: 'changeset publish' },
  packages: {},
};
const NO_GRANTS: Grants = {};

const RULES: Record<string, Rule> = {
  schema: (file) => schemaErrors(file.text),
  actionsPinned,
  leastPermissions: leastPermissions(NO_GRANTS),
  secretsOutOfScripts,
  jobsTimeBound,
  checkoutsKeepNoToken,
  pnpmCommandsExist: pnpmCommandsExist(SCRIPTS),
};

function broken(from: string, to: string) {
  expect(GOOD).toContain(from);
  return parseWorkflow('fixture.yml', GOOD.replace(from, to));
}

describe('the rules a workflow is held to', () => {
  it.each(Object.keys(RULES))('%s passes the good workflow', (rule) => {
    expect(RULES[rule]?.(parseWorkflow('fixture.yml', GOOD))).toEqual([]);
  });

  it.each([
    ['a misspelt key', 'schema', 'runs-on', 'runs_on', "'runs_on' is not allowed"],
    ['an unknown permission level', 'schema', 'contents: read', 'contents: maybe', '/permissions'],
    ['an unknown event', 'schema', 'on: [push]', 'on: [pushed]', '/on'],
    [
      'an action pinned by tag',
      'actionsPinned',
      '@3d3c42e5aac5ba805825da76410c181273ba90b1',
      '@v7',
      'actions/checkout@v7 is not pinned',
    ],
    [
      'an action pinned by a short SHA',
      'actionsPinned',
      '@a45c4d594aa4e2c509dc14a9f2b3b67ba3780d0d',
      '@a45c4d5',
      'is not pinned',
    ],
    ['a pin without its release', 'actionsPinned', ' # v7.0.1', '', 'has no "# vX.Y.Z" comment'],
    [
      'no top-level permissions',
      'leastPermissions',
      'permissions:\n  contents: read\n',
      '',
      'no top-level permissions',
    ],
    [
      'write at the top level',
      'leastPermissions',
      'contents: read',
      'contents: write',
      'the top level grants contents: write',
    ],
    [
      'write-all',
      'leastPermissions',
      'permissions:\n  contents: read',
      'permissions: write-all',
      'grants write-all',
    ],
    [
      'a job that writes without a grant',
      'leastPermissions',
      '    timeout-minutes: 5',
      '    timeout-minutes: 5\n    permissions:\n      id-token: write',
      'job build asks for id-token: write',
    ],
    [
      'an expression in a script',
      'secretsOutOfScripts',
      'pnpm test --filter "$NAME"',
      `pnpm test --filter \${{ github.head_ref }}`,
      'writes an expression into its script',
    ],
    [
      'a secret given to a script',
      'secretsOutOfScripts',
      `NAME: \${{ github.ref_name }}`,
      `NAME: \${{ secrets.NPM_TOKEN }}`,
      'gives its script the secret NAME',
    ],
    [
      "a secret in a job's env",
      'secretsOutOfScripts',
      '    timeout-minutes: 5',
      `    timeout-minutes: 5\n    env:\n      TOKEN: \${{ secrets.NPM_TOKEN }}`,
      "job build's env sets TOKEN from a secret",
    ],
    [
      'a job without a timeout',
      'jobsTimeBound',
      '    timeout-minutes: 5\n',
      '',
      'job build has no timeout-minutes',
    ],
    [
      'a checkout that keeps its token',
      'checkoutsKeepNoToken',
      'persist-credentials: false',
      'persist-credentials: true',
      'checks out without persist-credentials: false',
    ],
    [
      'a script package.json lacks',
      'pnpmCommandsExist',
      'pnpm test --filter',
      'pnpm tset --filter',
      'no script "tset"',
    ],
    [
      'an action input that runs a missing script',
      'pnpmCommandsExist',
      'publish: pnpm release',
      'publish: pnpm relaese',
      'no script "relaese"',
    ],
  ])('refuses %s (%s)', (_, rule, from, to, message) => {
    expect(RULES[rule]?.(broken(from, to)).join('\n')).toContain(message);
  });

  it('lets a job write what it is granted, and nothing more', () => {
    const file = broken(
      '    timeout-minutes: 5',
      '    timeout-minutes: 5\n    permissions:\n      id-token: write\n      contents: write',
    );
    expect(leastPermissions({ 'fixture.yml/build': { 'id-token': 'write' } })(file)).toEqual([
      'fixture.yml: job build asks for contents: write, which it is not granted',
    ]);
  });
});
