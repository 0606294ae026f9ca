import { type AtlasMock, startAtlasMock } from '@org/atlas-mock';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { runBuilt, SEEDED } from '../helpers/built-cli.js';

// `--header` against the stateful mock, which answers `Prefer: code=…` whatever the Accept.
describe('--header', () => {
  let mock: AtlasMock;
  beforeAll(async () => {
    mock = await startAtlasMock();
  });
  afterAll(() => mock.close());

  test('reaches the API: Prefer: code=404 makes the mock answer that error', async () => {
    const run = await runBuilt([
      'get',
      SEEDED.apiKeyId,
      '--header',
      'Prefer: code=404',
      '--base-url',
      mock.baseUrl,
    ]);
    expect(run).toMatchObject({
      code: 1,
      stdout: '',
      stderr:
        'error: 404 RESOURCE_NOT_FOUND: Answered 404 as the request asked (Prefer: code=404).\n',
    });
  });

  test('changes nothing else: without it the same command succeeds', async () => {
    const run = await runBuilt(['get', SEEDED.apiKeyId, '--json', '--base-url', mock.baseUrl]);
    expect(run.code).toBe(0);
    expect(JSON.parse(run.stdout)).toMatchObject({ apiKeyId: SEEDED.apiKeyId });
  });
});
