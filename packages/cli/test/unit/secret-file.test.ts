import { mkdtemp, readdir, readFile, rm, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { AtlasServerError } from '@org/atlas-ai-keys';
import { afterEach, beforeEach, describe, expect, test } from 'vitest';
import { createdKey, runCli, sampleKey } from '../helpers/fake-io.js';

const SECRET = 'al-SENTINEL-secret-for-the-file';
const OLD = 'a86r5kwrfsk5r5ku5tgvhmpj';
let dir: string;

beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'atlas-ai-keys-secret-'));
});
afterEach(async () => {
  await rm(dir, { recursive: true, force: true });
});

describe('--secret-file', () => {
  test('create writes the secret to the file, mode 0600, and prints it nowhere', async () => {
    const path = join(dir, 'ci.key');
    const run = await runCli(['create', '--name', 'ci', '--secret-file', path], {
      script: { created: createdKey(SECRET) },
    });
    expect(run.exitCode).toBe(0);
    expect(await readFile(path, 'utf8')).toBe(`${SECRET}\n`);
    expect((await stat(path)).mode & 0o777).toBe(0o600);
    expect(run.stdout).toBe('');
    expect(run.stderr).toContain(`Its secret is in ${path}, readable only by you.`);
    expect(run.stdout + run.stderr).not.toContain(SECRET);
    expect(await readdir(dir)).toEqual(['ci.key']);
  });

  test('with --json prints the new key without its secret, and where the secret went', async () => {
    const path = join(dir, 'ci.key');
    const run = await runCli(['create', '--name', 'ci', '--json', '--secret-file', path], {
      script: { created: createdKey(SECRET) },
    });
    expect(run.exitCode).toBe(0);
    expect(JSON.parse(run.stdout)).toMatchObject({ name: 'ci', secretFile: path });
    expect(run.stdout).not.toContain(SECRET);
  });

  test('refuses a file that exists, before any request, and leaves it as it was', async () => {
    const path = join(dir, 'ci.key');
    await writeFile(path, 'keep me\n');
    const run = await runCli(['create', '--name', 'ci', '--secret-file', path], {
      script: { created: createdKey(SECRET) },
    });
    expect(run.exitCode).toBe(2);
    expect(run.calls).toEqual([]);
    expect(run.stderr).toBe(
      `error: --secret-file ${path} exists: choose another path, or add --force to replace it\n`,
    );
    expect(await readFile(path, 'utf8')).toBe('keep me\n');
  });

  test('--force replaces a file that exists, whole, with mode 0600', async () => {
    const path = join(dir, 'ci.key');
    await writeFile(path, 'old secret\n', { mode: 0o644 });
    const run = await runCli(['create', '--name', 'ci', '--secret-file', path, '--force'], {
      script: { created: createdKey(SECRET) },
    });
    expect(run.exitCode).toBe(0);
    expect(await readFile(path, 'utf8')).toBe(`${SECRET}\n`);
    expect((await stat(path)).mode & 0o777).toBe(0o600);
    expect(await readdir(dir)).toEqual(['ci.key']);
  });

  test('refuses a directory that does not exist, before any request', async () => {
    const path = join(dir, 'missing', 'ci.key');
    const run = await runCli(['create', '--name', 'ci', '--secret-file', path]);
    expect(run.exitCode).toBe(2);
    expect(run.calls).toEqual([]);
    expect(run.stderr).toMatch(/^error: --secret-file .*: its directory .* does not exist\n$/);
  });

  test('rotate stores the new secret before it deletes the old key', async () => {
    const path = join(dir, 'new.key');
    const run = await runCli(['rotate', OLD, '--yes', '--secret-file', path], {
      script: {
        key: sampleKey({ name: 'ci' }),
        created: createdKey(SECRET),
        fail: {
          'keys.delete': new AtlasServerError({
            status: 500,
            headers: new Headers(),
            request: { method: 'DELETE', path: '/x' },
            body: { error: 500, errorCode: 'UNEXPECTED_ERROR', detail: 'Unexpected error.' },
          }),
        },
      },
    });
    expect(run.exitCode).toBe(1);
    expect(await readFile(path, 'utf8')).toBe(`${SECRET}\n`);
    expect(run.stderr).toContain(
      `error: the new key newkey0000000000000000000 was created and its secret written to ${path}, but deleting the old key ${OLD} failed`,
    );
    expect(run.stdout + run.stderr).not.toContain(SECRET);
  });
});
