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

/** What bash offers after `words` (the last one being completed), with the generated script loaded. */
async function bashOffers(script: string, words: readonly string[]): Promise<string[]> {
  const file = join(dir, 'completion.bash');
  await writeFile(file, script);
  const line = ['atlas-ai-keys', ...words].map((word) => `'${word}'`).join(' ');
  const { stdout } = await run('bash', [
    '-c',
    `source '${file}'; COMP_WORDS=(${line}); COMP_CWORD=${words.length}; _atlas_ai_keys; printf '%s\\n' "\${COMPREPLY[@]}"`,
  ]);
  return stdout.split('\n').filter(Boolean).sort();
}

describe('completion', () => {
  test('bash completes commands, nested commands, options and choices, skipping option values', async () => {
    const { stdout, exitCode } = await runCli(['completion', 'bash']);
    expect(exitCode).toBe(0);
    expect(await bashOffers(stdout, [''])).toEqual(
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
    );
    expect(await bashOffers(stdout, ['li'])).toEqual(['limits', 'list']);
    expect(await bashOffers(stdout, ['limits', ''])).toEqual([
      '--help',
      'get',
      'list',
      'reset',
      'set',
    ]);
    expect(await bashOffers(stdout, ['limits', 'set', 'embed_large', '--'])).toEqual(
      expect.arrayContaining(['--rpm', '--tpm', '--org', '--json']),
    );
    expect(await bashOffers(stdout, ['limits', 'reset', '--y'])).toEqual(['--yes']);
    expect(await bashOffers(stdout, ['get', 'a86r5kwrfsk5r5ku5tgvhmpj', '--j'])).toEqual([
      '--json',
    ]);
    expect(await bashOffers(stdout, ['limits', 'set', 'x', '--rpm', ''])).toEqual([]);
    expect(await bashOffers(stdout, ['list', '--j'])).toEqual(['--json']);
    expect(await bashOffers(stdout, ['create', '--secret'])).toEqual(['--secret-file']);
    expect(await bashOffers(stdout, ['auth', ''])).toEqual(['--help', 'status']);
    expect(await bashOffers(stdout, ['auth', 'status', '--pro'])).toEqual(['--profile']);
    expect(await bashOffers(stdout, ['completion', ''])).toEqual(['--help', 'bash', 'fish', 'zsh']);
    expect(await bashOffers(stdout, ['list', '--project', 'abc', '--or'])).toEqual(['--org']);
    // note: after an option that takes a value, the value is the user's to type.
    expect(await bashOffers(stdout, ['list', '--project', ''])).toEqual([]);
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
