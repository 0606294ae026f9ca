import { mockUrl } from '@org/atlas-mock/vitest';
import { afterEach, beforeEach, describe, expect, test } from 'vitest';
import { childEnv, SEEDED, TOKEN } from '../helpers/built-cli.js';
import { type PreferProxy, startPreferProxy } from '../helpers/prefer-proxy.js';
import { runOnTerminal } from '../helpers/pseudo-terminal.js';

// The built command with stdin and stderr on a pseudo-terminal (util-linux `script`) and stdout
// in a file, as when a person runs `atlas-ai-keys … > file` in a terminal.

const KEY = SEEDED.apiKeyId;
const CTRL_C = '\u0003';
// biome-ignore lint/suspicious/noControlCharactersInRegex: looking for colour sequences.
const COLOUR = /\u001b\[\d+(;\d+)*m/;

let proxy: PreferProxy;
beforeEach(async () => {
  proxy = await startPreferProxy(mockUrl());
});
afterEach(async () => {
  await proxy.close();
});

const methods = () => proxy.seen.map((request) => request.method);

describe('delete on a terminal', () => {
  const question = '[y/N] ';

  test('shows the key by name, and deletes it when answered y', async () => {
    const run = await runOnTerminal(
      ['delete', KEY, '--base-url', proxy.url],
      [{ when: question, send: 'y\r' }],
    );
    expect(run.code).toBe(0);
    expect(run.screen).toContain(
      `Delete key "Production key" (${KEY}) from project ${SEEDED.groupId}?`,
    );
    expect(run.screen).toContain(`Deleted key "Production key" (${KEY})`);
    expect(methods()).toEqual(['GET', 'DELETE']);
    expect(run.stdout).toBe('');
  });

  test('deletes nothing and exits 2 when answered n', async () => {
    const run = await runOnTerminal(
      ['delete', KEY, '--base-url', proxy.url],
      [{ when: question, send: 'n\r' }],
    );
    expect(run.code).toBe(2);
    expect(run.screen).toContain('Nothing deleted.');
    expect(run.screen).not.toContain('error:');
    expect(methods()).toEqual(['GET']);
  });

  test('deletes nothing and exits 130 on Ctrl-C at the question', async () => {
    const run = await runOnTerminal(
      ['delete', KEY, '--base-url', proxy.url],
      [{ when: question, send: CTRL_C }],
    );
    expect(run.code).toBe(130);
    expect(methods()).toEqual(['GET']);
  });

  test('asks nothing with --yes', async () => {
    const run = await runOnTerminal(['delete', KEY, '--yes', '--base-url', proxy.url]);
    expect(run.code).toBe(0);
    expect(run.screen).not.toContain('[y/N]');
    expect(methods()).toEqual(['DELETE']);
  });
});

describe('rotate on a terminal', () => {
  const question = `Delete the old key "Production key" (${KEY}) now? [y/N] `;

  test('prints the new secret to stdout only, then asks, then deletes the old key on y', async () => {
    const run = await runOnTerminal(
      ['rotate', KEY, '--base-url', proxy.url],
      [{ when: question, send: 'y\r' }],
    );
    expect(run.code).toBe(0);
    const secret = run.stdout.trim();
    expect(secret).toMatch(/^al-\S+$/);
    expect(run.screen).toContain('cannot be shown again');
    expect(run.screen).not.toContain(secret);
    expect(run.screen).not.toContain(TOKEN);
    expect(run.screen.indexOf('cannot be shown again')).toBeLessThan(run.screen.indexOf(question));
    expect(methods()).toEqual(['GET', 'POST', 'DELETE']);
  });

  test('keeps the old key and exits 2 when answered n', async () => {
    const run = await runOnTerminal(
      ['rotate', KEY, '--base-url', proxy.url],
      [{ when: question, send: 'n\r' }],
    );
    expect(run.code).toBe(2);
    expect(run.stdout).toMatch(/^al-\S+\n$/);
    expect(run.screen).toContain(`the old key ${KEY} was kept`);
    expect(methods()).toEqual(['GET', 'POST']);
  });

  test('keeps the old key and exits 130 on Ctrl-C, saying what was done', async () => {
    const run = await runOnTerminal(
      ['rotate', KEY, '--base-url', proxy.url],
      [{ when: question, send: CTRL_C }],
    );
    expect(run.code).toBe(130);
    expect(run.stdout).toMatch(/^al-\S+\n$/);
    expect(run.screen).toMatch(
      /interrupted: the new key \S+ was created and its secret printed; the old key/,
    );
    expect(methods()).toEqual(['GET', 'POST']);
  });
});

describe('list on a terminal', () => {
  test('shows the pages fetched and colour on stderr; stdout in a file stays plain', async () => {
    const run = await runOnTerminal(['rename', KEY, '--name', 'x', '--base-url', proxy.url]);
    expect(run.code).toBe(0);
    expect(run.screen).toMatch(COLOUR);
    expect(run.stdout).not.toMatch(COLOUR);

    const list = await runOnTerminal(['list', '--json', '--base-url', proxy.url]);
    expect(list.code).toBe(0);
    expect(list.screen).toContain('Fetched 1 page: 1 key…');
    expect(JSON.parse(list.stdout)).toHaveLength(1);
  });

  test('uses no colour with NO_COLOR set', async () => {
    const run = await runOnTerminal(
      ['rename', KEY, '--name', 'x', '--base-url', proxy.url],
      [],
      childEnv({ NO_COLOR: '1' }),
    );
    expect(run.code).toBe(0);
    expect(run.screen).toContain('Renamed key');
    expect(run.screen).not.toMatch(COLOUR);
  });
});
