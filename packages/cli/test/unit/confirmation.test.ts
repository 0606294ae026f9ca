import { describe, expect, test } from 'vitest';
import { createdKey, PROJECT, runCli, type SoFar, sampleKey } from '../helpers/fake-io.js';

const KEY = 'a86r5kwrfsk5r5ku5tgvhmpj';
const SECRET = 'al-SENTINEL-rotated-secret';
const TERMINAL = { stdin: true, stdout: true, stderr: true };
// Colour is covered elsewhere; here the messages are compared as plain text.
const env = { MONGODB_ATLAS_PROJECT_ID: PROJECT, NO_COLOR: '1' };
const interrupted = () =>
  Promise.reject(Object.assign(new Error('aborted'), { name: 'AbortError' }));
const methods = (run: { calls: readonly { method: string }[] }) =>
  run.calls.map((call) => call.method);

describe('delete asks first on a terminal', () => {
  test('shows the key by name and deletes it when the answer is y', async () => {
    const run = await runCli(['delete', KEY], {
      tty: TERMINAL,
      env,
      script: { key: sampleKey({ name: 'ci' }) },
      answers: ['y'],
    });
    expect(run.exitCode).toBe(0);
    expect(run.questions).toEqual([
      `Delete key "ci" (${KEY}) from project 32b6e34b3d91647abb20e7b8? Anything using it stops working. [y/N] `,
    ]);
    expect(methods(run)).toEqual(['keys.get', 'keys.delete']);
    expect(run.stderr).toBe(`✓ Deleted key "ci" (${KEY}) from project 32b6e34b3d91647abb20e7b8.\n`);
    expect(run.stdout).toBe('');
  });

  test.each(['yes', 'Y', ' YES '])('accepts %j as yes', async (answer) => {
    const run = await runCli(['delete', KEY], {
      tty: TERMINAL,
      env,
      script: { key: sampleKey() },
      answers: [answer],
    });
    expect(methods(run)).toContain('keys.delete');
  });

  test.each(['n', '', 'yep', 'no'])(
    'deletes nothing and exits 2 when the answer is %j',
    async (answer) => {
      const run = await runCli(['delete', KEY], {
        tty: TERMINAL,
        env,
        script: { key: sampleKey() },
        answers: [answer],
      });
      expect(run.exitCode).toBe(2);
      expect(methods(run)).toEqual(['keys.get']);
      expect(run.stderr).toBe('Nothing deleted.\n');
    },
  );

  test('Ctrl-C at the question exits 130 and deletes nothing', async () => {
    const run = await runCli(['delete', KEY], {
      tty: TERMINAL,
      env,
      script: { key: sampleKey() },
      answers: [interrupted],
    });
    expect(run.exitCode).toBe(130);
    expect(methods(run)).toEqual(['keys.get']);
    expect(run.stderr).toBe('');
  });

  test('--yes deletes without asking, even on a terminal', async () => {
    const run = await runCli(['delete', KEY, '--yes'], { tty: TERMINAL, env });
    expect(run.exitCode).toBe(0);
    expect(run.questions).toEqual([]);
    expect(methods(run)).toEqual(['keys.delete']);
  });
});

describe('delete without a terminal', () => {
  test.each([
    ['no terminal at all', {}],
    ['stdin piped', { stdout: true, stderr: true }],
    ['stderr piped', { stdin: true, stdout: true }],
  ])('with %s, exits 2 before any request unless --yes is given', async (_, tty) => {
    const run = await runCli(['delete', KEY], { tty, env });
    expect(run.exitCode).toBe(2);
    expect(run.settings).toHaveLength(0);
    expect(run.calls).toEqual([]);
    expect(run.stderr).toBe(
      `error: delete removes key ${KEY} for good: not run in a terminal, so pass --yes to confirm\n`,
    );
  });

  test('with --yes, deletes without asking', async () => {
    const run = await runCli(['delete', KEY, '-y']);
    expect(run.exitCode).toBe(0);
    expect(run.questions).toEqual([]);
    expect(run.calls).toEqual([
      {
        method: 'keys.delete',
        params: { groupId: '32b6e34b3d91647abb20e7b8', apiKeyId: KEY },
      },
    ]);
    expect(run.stderr).toBe(`✓ Deleted key ${KEY} from project 32b6e34b3d91647abb20e7b8.\n`);
  });
});

describe('rotate confirms the deletion of the old key', () => {
  const script = { key: sampleKey({ name: 'ci' }), created: createdKey(SECRET) };

  test('asks on a terminal only after the new secret is printed, then deletes on y', async () => {
    let asked: SoFar | undefined;
    const run = await runCli(['rotate', KEY], {
      tty: TERMINAL,
      env,
      script,
      answers: [
        async (sofar) => {
          asked = sofar;
          return 'y';
        },
      ],
    });
    expect(run.exitCode).toBe(0);
    expect(run.questions).toEqual([`Delete the old key "ci" (${KEY}) now? [y/N] `]);
    expect(methods(run)).toEqual(['keys.get', 'keys.create', 'keys.delete']);
    expect(asked?.stdout).toBe(`${SECRET}\n`);
    expect(asked?.calls.map((call) => call.method)).toEqual(['keys.get', 'keys.create']);
  });

  test('keeps the old key and exits 2 when not confirmed; the new secret is already out', async () => {
    const run = await runCli(['rotate', KEY], { tty: TERMINAL, env, script, answers: ['n'] });
    expect(run.exitCode).toBe(2);
    expect(methods(run)).toEqual(['keys.get', 'keys.create']);
    expect(run.stdout).toBe(`${SECRET}\n`);
    expect(run.stderr).toContain(
      `Nothing deleted: the old key ${KEY} was kept; when nothing uses it any more: atlas-ai-keys delete ${KEY} --project 32b6e34b3d91647abb20e7b8`,
    );
  });

  test('Ctrl-C at the question exits 130, says what was done and keeps the old key', async () => {
    const run = await runCli(['rotate', KEY], {
      tty: TERMINAL,
      env,
      script,
      answers: [interrupted],
    });
    expect(run.exitCode).toBe(130);
    expect(methods(run)).not.toContain('keys.delete');
    expect(run.stdout).toBe(`${SECRET}\n`);
    expect(run.stderr).toContain(
      `interrupted: the new key newkey0000000000000000000 was created and its secret printed; the old key ${KEY} was kept`,
    );
    expect(run.stderr).not.toContain(SECRET);
  });

  test('without a terminal, exits 2 before any request unless --yes or --keep-old is given', async () => {
    const run = await runCli(['rotate', KEY], { script });
    expect(run.exitCode).toBe(2);
    expect(run.settings).toHaveLength(0);
    expect(run.stderr).toBe(
      `error: rotate deletes the old key ${KEY} (--keep-old keeps it): not run in a terminal, so pass --yes to confirm\n`,
    );
  });

  test('--keep-old asks nothing, even on a terminal', async () => {
    const run = await runCli(['rotate', KEY, '--keep-old'], { tty: TERMINAL, env, script });
    expect(run.exitCode).toBe(0);
    expect(run.questions).toEqual([]);
  });
});
