import { execFile } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { describe, expect, test } from 'vitest';
import { describeKey } from '../src/describe-key.js';
import { keyExample, secretExample } from './spec-examples.js';

const run = promisify(execFile);
const demo = fileURLToPath(new URL('../dist/demo.js', import.meta.url));

describe('the demo', () => {
  test('lists, creates, gets, renames and deletes a key, then shows two typed errors', async () => {
    const { stdout } = await run(process.execPath, [demo], { timeout: 30_000 });
    const lines = stdout.split('\n');
    expect(stdout).toContain(`${keyExample.name}  ${keyExample.apiKeyId}  ${keyExample.status}`);
    // note: the one-time secret is printed once, on purpose, and nowhere else.
    expect(lines.filter((line) => line.includes(secretExample))).toEqual([
      `  secret, shown once: ${secretExample}`,
    ]);
    expect(stdout).toContain(`"maskedSecret":"${keyExample.maskedSecret}"`);
    expect(stdout).toContain(describeKey({ ...keyExample, secret: secretExample }));
    expect(stdout).toContain(`${keyExample.apiKeyId} is now "`);
    expect(stdout).toContain('deleted (204 No Content)');
    expect(stdout).toMatch(/AtlasNotFoundError: status 404, errorCode RESOURCE_NOT_FOUND/);
    expect(stdout).toMatch(/AtlasValidationError: name must be a string from 1 to 250 characters/);
    // note: a fresh Node process loading Prism takes seconds on a busy two-core machine.
  }, 60_000);
});

describe('describeKey', () => {
  test('shows every field but never the secret', () => {
    const text = describeKey({ ...keyExample, secret: 'al-SENTINEL-SECRET-odu2' });
    for (const value of Object.values(keyExample)) expect(text).toContain(value);
    expect(text).toContain('(sent, not shown)');
    expect(text).not.toContain('SENTINEL');
  });
});
