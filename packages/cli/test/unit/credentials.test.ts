import { describe, expect, test } from 'vitest';
import { PROJECT, runCli } from '../helpers/fake-io.js';

const TOKEN = 'SENTINEL-access-token-never-printed';

describe('credentials come from the environment through authFromEnv', () => {
  test('with none set, one line names the variables to set, exit 2', async () => {
    const run = await runCli(['list'], {
      env: { MONGODB_ATLAS_PROJECT_ID: PROJECT },
      realFactory: true,
    });
    expect(run.exitCode).toBe(2);
    expect(run.stdout).toBe('');
    const lines = run.stderr.trimEnd().split('\n');
    expect(lines).toHaveLength(1);
    for (const name of [
      'MONGODB_ATLAS_ACCESS_TOKEN',
      'MONGODB_ATLAS_CLIENT_ID',
      'MONGODB_ATLAS_PUBLIC_API_KEY',
    ]) {
      expect(lines[0]).toContain(name);
    }
  });

  test('a half-set pair exits 2 naming the missing variable', async () => {
    const run = await runCli(['list'], {
      env: { MONGODB_ATLAS_PROJECT_ID: PROJECT, MONGODB_ATLAS_CLIENT_ID: 'id' },
      realFactory: true,
    });
    expect(run.exitCode).toBe(2);
    expect(run.stderr).toMatch(/^error: MONGODB_ATLAS_CLIENT_SECRET must be set/);
  });

  test('a bad --base-url exits 2 under its option name, and the token appears nowhere', async () => {
    const run = await runCli(['list', '--base-url', 'ftp://example.com'], {
      env: { MONGODB_ATLAS_PROJECT_ID: PROJECT, MONGODB_ATLAS_ACCESS_TOKEN: TOKEN },
      realFactory: true,
    });
    expect(run.exitCode).toBe(2);
    expect(run.stderr).toBe(
      'error: --base-url "ftp://example.com" is not an Atlas URL: give one such as https://cloud.mongodb.com\n',
    );
    expect(run.stderr + run.stdout).not.toContain(TOKEN);
  });

  test('a bad --api-version exits 2 under its option name', async () => {
    const run = await runCli(['list', '--api-version', '2025-02-30'], {
      env: { MONGODB_ATLAS_PROJECT_ID: PROJECT, MONGODB_ATLAS_ACCESS_TOKEN: TOKEN },
      realFactory: true,
    });
    expect(run.exitCode).toBe(2);
    expect(run.stderr).toBe('error: --api-version must be "preview" or a date as YYYY-MM-DD\n');
  });
});
