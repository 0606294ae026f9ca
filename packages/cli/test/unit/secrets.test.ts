import { AtlasServerError } from '@org/atlas-ai-keys';
import { describe, expect, test } from 'vitest';
import { createdKey, runCli, sampleKey } from '../helpers/fake-io.js';

const SECRET = 'al-SENTINEL-secret-never-on-stderr';
const OLD = 'a86r5kwrfsk5r5ku5tgvhmpj';

/** How many times `needle` occurs in `text`. */
const count = (text: string, needle: string) => text.split(needle).length - 1;

const serverError = () =>
  new AtlasServerError({
    status: 500,
    headers: new Headers(),
    request: { method: 'DELETE', path: `/api/atlas/v2/groups/x/aiModelApiKeys/${OLD}` },
    body: { error: 500, errorCode: 'UNEXPECTED_ERROR', detail: 'Unexpected error.' },
  });

describe('create', () => {
  test('prints the secret exactly once, alone on stdout, and warns on stderr that it is shown once', async () => {
    const run = await runCli(['create', '--name', 'ci'], {
      script: { created: createdKey(SECRET) },
    });
    expect(run.exitCode).toBe(0);
    expect(run.stdout).toBe(`${SECRET}\n`);
    expect(run.stderr).toContain(
      '✓ Created key "ci" (newkey0000000000000000000) in project 32b6e34b3d91647abb20e7b8.',
    );
    expect(run.stderr).toContain('cannot be shown again');
    expect(run.stderr).not.toContain(SECRET);
    expect(run.calls).toEqual([
      {
        method: 'keys.create',
        params: { groupId: '32b6e34b3d91647abb20e7b8', name: 'ci', cloud: 'ANY', geography: 'ANY' },
      },
    ]);
  });

  test('--json puts the secret, hidden from JSON.stringify by the client, into the JSON once', async () => {
    const key = createdKey(SECRET);
    expect(JSON.stringify(key)).not.toContain(SECRET);
    const run = await runCli(['create', '--name', 'ci', '--json'], { script: { created: key } });
    expect(run.exitCode).toBe(0);
    expect(JSON.parse(run.stdout)).toEqual({ ...key, secret: SECRET });
    expect(count(run.stdout, SECRET)).toBe(1);
    expect(run.stderr).toContain('cannot be shown again');
    expect(run.stderr).not.toContain(SECRET);
  });

  test('a response without a secret is a failure (exit 1) that names the key to delete', async () => {
    const run = await runCli(['create', '--name', 'ci'], {
      script: { created: sampleKey({ apiKeyId: 'nosecret' }) },
    });
    expect(run.exitCode).toBe(1);
    expect(run.stdout).toBe('');
    expect(run.stderr).toBe(
      'error: key nosecret was created, but the response carried no secret: delete it and create another\n',
    );
  });

  test('a stdout that cannot be written to is a failure that says the key exists', async () => {
    const run = await runCli(['create', '--name', 'ci'], {
      script: { created: createdKey(SECRET) },
      stdoutError: Object.assign(new Error('write EPIPE'), { code: 'EPIPE' }),
    });
    expect(run.exitCode).toBe(1);
    expect(run.stderr).toMatch(
      /^error: key newkey0000000000000000000 was created, but its secret could not be written to stdout: stdout closed$/m,
    );
    expect(run.stderr).not.toContain(SECRET);
  });
});

describe('rotate', () => {
  const script = { key: sampleKey({ name: 'ci' }), created: createdKey(SECRET) };

  test('gets the old key, creates one of the same name, prints its secret, then deletes the old key', async () => {
    const run = await runCli(['rotate', OLD, '--yes'], { script });
    expect(run.exitCode).toBe(0);
    expect(run.calls.map((call) => call.method)).toEqual([
      'keys.get',
      'keys.create',
      'keys.delete',
    ]);
    expect(run.calls[1]?.params).toEqual({ groupId: '32b6e34b3d91647abb20e7b8', name: 'ci' });
    expect(run.calls[2]?.params).toEqual({ groupId: '32b6e34b3d91647abb20e7b8', apiKeyId: OLD });
    expect(run.stdout).toBe(`${SECRET}\n`);
    expect(run.stderr).toContain(`✓ Deleted the old key ${OLD}.`);
    expect(run.stderr).not.toContain(SECRET);
  });

  test('--json prints the new key with its secret, as the create call returned it', async () => {
    const run = await runCli(['rotate', OLD, '--yes', '--json'], { script });
    expect(JSON.parse(run.stdout)).toMatchObject({
      apiKeyId: 'newkey0000000000000000000',
      secret: SECRET,
    });
  });

  test('--keep-old prints the new secret and leaves the old key alone', async () => {
    const run = await runCli(['rotate', OLD, '--keep-old'], { script });
    expect(run.exitCode).toBe(0);
    expect(run.calls.map((call) => call.method)).toEqual(['keys.get', 'keys.create']);
    expect(run.stdout).toBe(`${SECRET}\n`);
    expect(run.stderr).toContain(
      `Kept the old key ${OLD}; when nothing uses it any more: atlas-ai-keys delete ${OLD} --project 32b6e34b3d91647abb20e7b8`,
    );
  });

  test('a failed delete exits 1 with one line naming both keys, after the new secret is already out', async () => {
    const run = await runCli(['rotate', OLD, '--yes'], {
      script: { ...script, fail: { 'keys.delete': serverError() } },
    });
    expect(run.exitCode).toBe(1);
    expect(run.stdout).toBe(`${SECRET}\n`);
    const errors = run.stderr.split('\n').filter((line) => line.startsWith('error:'));
    expect(errors).toEqual([
      `error: the new key newkey0000000000000000000 was created and its secret printed, but deleting the old key ${OLD} failed: 500 UNEXPECTED_ERROR: Unexpected error.`,
    ]);
    expect(run.stderr).not.toContain(SECRET);
  });

  test('a failed create exits 1, says the old key was kept, and deletes nothing', async () => {
    const run = await runCli(['rotate', OLD, '--yes'], {
      script: { ...script, fail: { 'keys.create': serverError() } },
    });
    expect(run.exitCode).toBe(1);
    expect(run.stdout).toBe('');
    expect(run.stderr).toBe(
      `error: creating the new key failed, the old key ${OLD} was kept: 500 UNEXPECTED_ERROR: Unexpected error.\n`,
    );
    expect(run.calls.map((call) => call.method)).not.toContain('keys.delete');
  });

  test('never deletes the old key when the new secret could not be written', async () => {
    const run = await runCli(['rotate', OLD, '--yes'], {
      script,
      stdoutError: Object.assign(new Error('write EPIPE'), { code: 'EPIPE' }),
    });
    expect(run.exitCode).toBe(1);
    expect(run.calls.map((call) => call.method)).not.toContain('keys.delete');
    expect(run.stderr).toContain(`the old key ${OLD} was kept`);
    expect(run.stderr).not.toContain(SECRET);
  });
});
