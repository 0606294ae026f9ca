import { execFile } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import type { AiModelApiKey } from '@org/atlas-ai-keys';
import { describe, expect, test } from 'vitest';
import { describeKey } from '../src/describe-key.js';
import { keyExample } from './spec-examples.js';

const run = promisify(execFile);
/** The spec's example key, typed as the client returns it. */
const keySample = keyExample as unknown as AiModelApiKey;
const demo = fileURLToPath(new URL('../dist/demo.js', import.meta.url));

describe('the demo', () => {
  test('prints what happened on the stateful mock: the created name, the new name, the key gone from the list, the 404 for its id', async () => {
    const { stdout } = await run(process.execPath, [demo], { timeout: 30_000 });
    const section = (title: string) => {
      const start = stdout.indexOf(`${title} →\n`);
      expect(start, title).toBeGreaterThanOrEqual(0);
      const end = stdout.indexOf(' →\n', start + title.length + 3);
      return stdout.slice(start, end === -1 ? undefined : stdout.lastIndexOf('\n', end));
    };
    const seeded = `${keyExample.name}  ${keyExample.apiKeyId}  ${keyExample.status}`;
    expect(section('List the project’s keys (every page)')).toContain(seeded);

    const { 1: apiKeyId, 2: secret } =
      /created "demo-embeddings" \(([a-z0-9]{24})\)\n {2}secret, shown once: (al-\S+)\n/.exec(
        section('Create a key (cloud and geography default to "ANY")'),
      ) ?? [];
    expect(apiKeyId).toBeDefined();
    // note: the one-time secret is printed once, on purpose, and nowhere else.
    expect(stdout.split(secret as string)).toHaveLength(2);

    const got = section('Get it');
    expect(got).toMatch(/Name +demo-embeddings\n/);
    expect(got).toContain('Secret           (not returned)');
    expect(section('Rename it')).toContain(`${apiKeyId} is now "demo-embeddings-prod"`);
    expect(section('List again')).toContain(`demo-embeddings-prod  ${apiKeyId}  ACTIVE`);

    const deleted = section('Delete it');
    expect(deleted).toContain('deleted (204 No Content)');
    expect(deleted).toContain(seeded);
    expect(deleted).toContain(`${apiKeyId} is gone from the list`);
    expect(deleted.split(`  ${apiKeyId}  `)).toHaveLength(1);

    expect(section('Get the key just deleted')).toContain(
      'AtlasNotFoundError: status 404, errorCode RESOURCE_NOT_FOUND\n' +
        `  Cannot find resource AiModelApiKey with id ${apiKeyId}.`,
    );
    expect(stdout).toMatch(/AtlasValidationError: name must be a string from 1 to 250 characters/);
    // note: a fresh Node process loading Prism takes seconds on a busy two-core machine.
  }, 60_000);
});

describe('describeKey', () => {
  test('shows every field but never the secret', () => {
    const text = describeKey({ ...keySample, secret: 'al-SENTINEL-SECRET-odu2' });
    for (const value of Object.values(keyExample)) expect(text).toContain(value);
    expect(text).toContain('(sent, not shown)');
    expect(text).not.toContain('SENTINEL');
  });
});
