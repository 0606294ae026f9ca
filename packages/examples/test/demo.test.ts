import { execFile } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { describe, expect, test } from 'vitest';
import { describeKey } from '../src/describe-key.js';
import { keyExample } from './spec-examples.js';

const run = promisify(execFile);
const demo = fileURLToPath(new URL('../dist/demo.js', import.meta.url));

describe('the demo', () => {
  test('prints the key and the typed not-found error, then exits 0', async () => {
    const { stdout } = await run(process.execPath, [demo], { timeout: 30_000 });
    expect(stdout).toContain(keyExample.maskedSecret);
    expect(stdout).toContain(keyExample.name);
    expect(stdout).toMatch(/AtlasNotFoundError: status 404, errorCode RESOURCE_NOT_FOUND/);
    expect(stdout).toMatch(/AtlasValidationError: groupId must be/);
    // note: a fresh Node process loading Prism takes seconds on a busy two-core machine.
  }, 60_000);
});

describe('describeKey', () => {
  test('shows every field but never the secret', () => {
    const text = describeKey({ ...keyExample, secret: 'al-SENTINEL-SECRET-odu2' });
    expect(text).toContain(keyExample.maskedSecret);
    expect(text).toContain('(sent, not shown)');
    expect(text).not.toContain('SENTINEL');
  });
});
