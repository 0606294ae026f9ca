import { describe, expect, it } from 'vitest';
import { missingCommand, pnpmCommands, type ScriptTable } from '../src/pnpm-commands.js';

describe('finding the pnpm commands of a script', () => {
  it.each([
    ['pnpm test', ['test']],
    ['pnpm install --frozen-lockfile', ['install']],
    ['pnpm -s spec:upstream --check', ['spec:upstream']],
    ['pnpm --silent run bench -- --write', ['bench']],
    ['pnpm test:consumer --runtime "$RUNTIME"', ['test:consumer']],
    ['if ! pnpm -s spec:upstream > "$out/summary.txt" 2> err; then', ['spec:upstream']],
    ['status=0\npnpm build || status=$?', ['build']],
    ['turbo run build >&2 && node dist/cli.js', []],
    ['exec pnpm --silent --filter @org/atlas-mock mock', ['mock']],
    ['FORCE_COLOR=0 pnpm lint:code | tee out.txt', ['lint:code']],
    ['pnpm build \\\n  && pnpm t', ['build', 'test']],
    ['echo pnpm test # pnpm tset', []],
    ['x=$(pnpm -s root)', ['root']],
    [`class=\${first#spec change: }\npnpm -s spec:upstream`, ['spec:upstream']],
  ])('in %j finds %j', (script, commands) => {
    expect(pnpmCommands(script).map((command) => command.command)).toEqual(commands);
  });

  it('leaves redirections out of the command, with the descriptor before them', () => {
    expect(pnpmCommands('pnpm -s spec:upstream > out.txt 2> err.txt')[0]?.text).toBe(
      'pnpm -s spec:upstream',
    );
  });

  it('keeps the package a command filters to', () => {
    expect(pnpmCommands('pnpm -F @org/examples demo')).toEqual([
      { text: 'pnpm -F @org/examples demo', command: 'demo', filter: '@org/examples' },
    ]);
    expect(pnpmCommands('pnpm --filter=@org/examples... build')[0]?.filter).toBe(
      '@org/examples...',
    );
  });
});

describe('checking that a pnpm command exists', () => {
  const scripts: ScriptTable = {
    root: {
      test: 'turbo run test',
      'spec:upstream': 'pnpm -s spec:update --from https://example.com/a.yaml',
      'spec:update': 'node packages/spec-update/dist/cli.js',
      broken: 'pnpm -s no-such-script',
      demo: 'pnpm --silent --filter @org/examples demo',
      loop: 'pnpm loop',
    },
    packages: { '@org/examples': { demo: 'node dist/demo.js' } },
  };
  const check = (script: string) =>
    pnpmCommands(script).map((command) => missingCommand(command, scripts));

  it.each([
    ['a root script', 'pnpm test'],
    ['a built-in', 'pnpm install --frozen-lockfile'],
    ['a root script that runs another that exists', 'pnpm -s spec:upstream --check'],
    ['a script of the package it filters to, through a root script', 'pnpm demo'],
    ['a script that runs itself, once', 'pnpm loop'],
  ])('accepts %s', (_, script) => {
    expect(check(script)).toEqual([undefined]);
  });

  it.each([
    ['a script package.json lacks', 'pnpm tset', 'package.json has no script "tset"'],
    ['a script that runs a missing one', 'pnpm broken', 'runs `pnpm -s no-such-script`'],
    ['a filter to no package', 'pnpm -F @org/nope demo', 'no workspace package is called'],
    ['a script the filtered package lacks', 'pnpm -F @org/examples nope', 'has no script "nope"'],
  ])('refuses %s', (_, script, message) => {
    expect(check(script)[0]).toContain(message);
  });
});
