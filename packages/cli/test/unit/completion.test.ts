import { execFile } from 'node:child_process';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { runCli } from '../helpers/fake-io.js';

const run = promisify(execFile);
let dir: string;
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'atlas-ai-keys-completion-'));
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

/**
 * What bash offers after each of `lines` (the last word being completed), with the generated
 * script loaded. note: one bash runs every line, so the test does not wait on a process per line.
 */
async function bashOffers(
  script: string,
  lines: readonly (readonly string[])[],
): Promise<string[][]> {
  const file = join(dir, 'completion.bash');
  await writeFile(file, script);
  const calls = lines.map((words) => {
    const line = ['atlas-ai-keys', ...words].map((word) => `'${word}'`).join(' ');
    return `COMP_WORDS=(${line}); COMP_CWORD=${words.length}; COMPREPLY=(); _atlas_ai_keys; printf '%s\\n' "\${COMPREPLY[@]}" '--end--'`;
  });
  const { stdout } = await run('bash', ['-c', [`source '${file}'`, ...calls].join('\n')]);
  return stdout
    .split('--end--\n')
    .slice(0, lines.length)
    .map((offered) => offered.split('\n').filter(Boolean).sort());
}

/** What bash must offer after each line of words. */
const BASH: [words: string[], offered: string[] | ReturnType<typeof expect.arrayContaining>][] = [
  [
    [''],
    expect.arrayContaining([
      'auth',
      'completion',
      'create',
      'delete',
      'get',
      'limits',
      'list',
      'rename',
      'rotate',
    ]),
  ],
  [['li'], ['limits', 'list']],
  [
    ['limits', ''],
    ['--help', 'get', 'list', 'reset', 'set'],
  ],
  [
    ['limits', 'set', 'embed_large', '--'],
    expect.arrayContaining(['--rpm', '--tpm', '--org', '--json']),
  ],
  [['limits', 'reset', '--y'], ['--yes']],
  [['get', 'a86r5kwrfsk5r5ku5tgvhmpj', '--j'], ['--json']],
  [['limits', 'set', 'x', '--rpm', ''], []],
  [['list', '--j'], ['--json']],
  [['create', '--secret'], ['--secret-file']],
  [
    ['auth', ''],
    ['--help', 'status'],
  ],
  [['auth', 'status', '--pro'], ['--profile']],
  [
    ['completion', ''],
    ['--help', 'bash', 'fish', 'zsh'],
  ],
  [['list', '--project', 'abc', '--or'], ['--org']],
  // note: after an option that takes a value, the value is the user's to type.
  [['list', '--project', ''], []],
];

describe('completion', () => {
  test('bash completes commands, nested commands, options and choices, skipping option values and arguments', async () => {
    const { stdout, exitCode } = await runCli(['completion', 'bash']);
    expect(exitCode).toBe(0);
    const offered = await bashOffers(
      stdout,
      BASH.map(([words]) => words),
    );
    expect(offered).toEqual(BASH.map(([, expected]) => expected));
  });

  test('zsh and fish scripts name every command and option, from the same definition', async () => {
    const zsh = (await runCli(['completion', 'zsh'])).stdout;
    const fish = (await runCli(['completion', 'fish'])).stdout;
    expect(zsh.startsWith('#compdef atlas-ai-keys\n')).toBe(true);
    expect(zsh).toContain("'auth status') entries=(");
    expect(zsh).toContain("'--secret-file:write the new secret to this file");
    expect(fish).toContain(
      "complete -c atlas-ai-keys -n '__fish_seen_subcommand_from auth; and not __fish_seen_subcommand_from status list get create rename delete rotate limits completion' -a 'status'",
    );
    expect(fish).toContain(
      "complete -c atlas-ai-keys -n '__fish_seen_subcommand_from list; and not __fish_seen_subcommand_from get create rename delete rotate limits auth completion' -l json -d 'print one JSON array of every key'",
    );
    expect(zsh).toContain("'limits set') entries=(");
    expect(zsh).toContain("'--rpm:");
    expect(fish).toContain(
      "complete -c atlas-ai-keys -n '__fish_seen_subcommand_from limits; and __fish_seen_subcommand_from set; and not __fish_seen_subcommand_from list get create rename delete rotate auth completion' -l rpm",
    );
  });

  test('an unknown shell is a usage error naming the choices', async () => {
    const result = await runCli(['completion', 'powershell']);
    expect(result.exitCode).toBe(2);
    expect(result.stderr).toMatch(/Allowed choices are bash, zsh, fish/);
  });
});
