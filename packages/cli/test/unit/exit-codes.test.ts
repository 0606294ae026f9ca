import {
  AtlasAbortError,
  AtlasApiError,
  AtlasAuthError,
  AtlasConnectionError,
  AtlasForbiddenError,
  AtlasNotFoundError,
  AtlasRateLimitError,
  AtlasTimeoutError,
  AtlasValidationError,
} from '@org/atlas-ai-keys';
import { describe, expect, test } from 'vitest';
import {
  NotConfirmedError,
  OutputClosedError,
  StepError,
  UsageError,
} from '../../src/exit-codes.js';
import { describeFailure } from '../../src/failure.js';
import { runCli } from '../helpers/fake-io.js';

const request = {
  method: 'GET',
  path: '/api/atlas/v2/groups/32b6e34b3d91647abb20e7b8/aiModelApiKeys/k',
};
const init = (status: number, body: Record<string, unknown> | undefined, bodyExcerpt?: string) => ({
  status,
  headers: new Headers(),
  request,
  body,
  ...(bodyExcerpt === undefined ? {} : { bodyExcerpt }),
});
const notFound = () =>
  new AtlasNotFoundError(
    init(404, {
      error: 404,
      errorCode: 'RESOURCE_NOT_FOUND',
      detail: 'Cannot find resource k.',
      reason: 'Not Found',
    }),
  );

describe('failures map to exit codes and one line', () => {
  test.each([
    [
      'an API error: status, errorCode and detail',
      notFound(),
      1,
      '404 RESOURCE_NOT_FOUND: Cannot find resource k.',
    ],
    [
      'an API error without a detail: its reason',
      new AtlasForbiddenError(
        init(403, { error: 403, errorCode: 'FORBIDDEN', reason: 'Forbidden' }),
      ),
      1,
      '403 FORBIDDEN: Forbidden',
    ],
    [
      'an API error whose body was not JSON: the excerpt',
      new AtlasRateLimitError(init(429, undefined, '<html>slow down</html>'), undefined),
      1,
      '429: <html>slow down</html>',
    ],
    [
      'a detail over several lines, with escape sequences: squeezed onto one line, escapes shown',
      new AtlasNotFoundError(
        init(404, { error: 404, errorCode: 'X', detail: 'one\ntwo\r\n\u001b[31mthree' }),
      ),
      1,
      '404 X: one two \\u001b[31mthree',
    ],
    [
      'a refused API version, with the option that changes it',
      new AtlasApiError(
        init(406, {
          error: 406,
          errorCode: 'INVALID_VERSION_DATE',
          detail: 'Invalid version date.',
        }),
      ),
      1,
      '406 INVALID_VERSION_DATE: Invalid version date.; this release knows API version 2025-03-12 (the default): pick one with --api-version <version>',
    ],
    [
      'a connection error',
      new AtlasConnectionError(request, 'connection refused'),
      1,
      `connection refused on GET ${request.path}`,
    ],
    [
      'a timeout',
      new AtlasTimeoutError(request, 30000),
      1,
      `timed out after 30000 ms on GET ${request.path}`,
    ],
    [
      'a service-account token failure',
      new AtlasAuthError('the token endpoint refused the credentials: invalid_client', {
        status: 401,
      }),
      1,
      'the token endpoint refused the credentials: invalid_client',
    ],
    [
      "a client validation error, under the command line's name",
      new AtlasValidationError('groupId', '24 hexadecimal digits', 'x'),
      2,
      '--project must be 24 hexadecimal digits',
    ],
    [
      'a validation error of an environment variable, under its name',
      new AtlasValidationError(
        'MONGODB_ATLAS_CLIENT_SECRET',
        'set because MONGODB_ATLAS_CLIENT_ID is set',
      ),
      2,
      'MONGODB_ATLAS_CLIENT_SECRET must be set because MONGODB_ATLAS_CLIENT_ID is set',
    ],
    ['a usage error', new UsageError('--name <name> is required'), 2, '--name <name> is required'],
    [
      'a failed step after an earlier one: what was done, then why',
      new StepError('the new key n was created', notFound()),
      1,
      'the new key n was created: 404 RESOURCE_NOT_FOUND: Cannot find resource k.',
    ],
    [
      'an unexpected error: its message, no stack',
      new TypeError('x is not a function'),
      1,
      'x is not a function',
    ],
    ['something thrown that is not an Error', 'boom', 1, 'boom'],
  ])('%s', (_, error, exitCode, line) => {
    expect(describeFailure(error, false)).toEqual({ exitCode, line });
  });

  test('a declined confirmation is a plain statement, not an error, with exit 2', () => {
    expect(describeFailure(new NotConfirmedError('Nothing deleted.'), false)).toEqual({
      exitCode: 2,
      line: 'Nothing deleted.',
      plain: true,
    });
  });

  test('a reader that closed stdout ends the command quietly, with success', () => {
    expect(describeFailure(new OutputClosedError('stdout closed'), false)).toEqual({
      exitCode: 0,
      line: undefined,
    });
  });

  test('a detail of any length is cut to one line of 500 characters', () => {
    const error = new AtlasNotFoundError(
      init(404, { error: 404, errorCode: 'X', detail: 'x'.repeat(5000) }),
    );
    expect(describeFailure(error, false).line).toHaveLength(500);
  });

  test.each([
    ['an aborted call', new AtlasAbortError(request), false],
    [
      'an AbortError from a question',
      Object.assign(new Error('aborted'), { name: 'AbortError' }),
      false,
    ],
    ['any error once Ctrl-C was pressed', new AtlasConnectionError(request, 'reset'), true],
  ])('%s exits 130 without a line', (_, error, interrupted) => {
    expect(describeFailure(error, interrupted)).toEqual({ exitCode: 130, line: undefined });
  });

  test('an interrupted step still says what had been done', () => {
    const error = new StepError('the new key n was created', new AtlasAbortError(request));
    expect(describeFailure(error, true)).toEqual({
      exitCode: 130,
      line: 'interrupted: the new key n was created',
    });
  });
});

describe('a failed command', () => {
  test('prints exactly one line on stderr, nothing on stdout, and exits 1', async () => {
    const run = await runCli(['get', 'k'], {
      script: { fail: { 'keys.get': notFound() } },
    });
    expect(run.exitCode).toBe(1);
    expect(run.stdout).toBe('');
    expect(run.stderr).toBe('error: 404 RESOURCE_NOT_FOUND: Cannot find resource k.\n');
    expect(run.clientClosed).toBe(true);
  });

  test('that was interrupted exits 130 and prints nothing', async () => {
    const run = await runCli(['list'], {
      interrupted: true,
      script: { fail: { 'keys.list': new AtlasAbortError(request) } },
    });
    expect(run.exitCode).toBe(130);
    expect(run.stdout).toBe('');
    expect(run.stderr).toBe('');
  });

  test('that finished although Ctrl-C was pressed still exits 130', async () => {
    const run = await runCli(['list'], { interrupted: true });
    expect(run.exitCode).toBe(130);
  });
});
