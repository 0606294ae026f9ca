import { execFile } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import type { AiModelApiKey } from '@org/atlas-ai-keys';
import { describe, expect, test } from 'vitest';
import { describeKey } from '../src/describe-key.js';
import { keyExample, rateLimitExample } from './spec-examples.js';

const run = promisify(execFile);
/** The spec's example key, typed as the client returns it. */
const keySample = keyExample as unknown as AiModelApiKey;
const demo = fileURLToPath(new URL('../dist/demo.js', import.meta.url));

describe('the demo', () => {
  test('prints what happened on the stateful mock: the created name, the new name, the key gone from the list, the 404 for its id, then the rate limits listed, set, refused and reset', async () => {
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

    const name = rateLimitExample.modelGroupName;
    expect(section('List the project’s rate limits (one per model group)')).toMatch(
      new RegExp(
        `\n  ${name} +\\(voyage-3-large, voyage-code-3\\) +2,000 requests/min +3,000,000 tokens/min`,
      ),
    );
    expect(section(`Set ${name} to 500 requests/min and 1,000,000 tokens/min`)).toMatch(
      / 500 requests\/min +1,000,000 tokens\/min/,
    );
    expect(section('Ask for more than the organization allows')).toContain(
      'AtlasBadRequestError: status 400, errorCode BAD_REQUEST\n' +
        `  Invalid rate limits for model group ${name}: requestsPerMinuteLimit 2001 exceeds the organization's limit of 2000.`,
    );
    expect(section(`Reset ${name} to the organization’s limits`)).toMatch(
      / 2,000 requests\/min +3,000,000 tokens\/min/,
    );
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
