import { describe, expect, test } from 'vitest';
import { editorOf } from '../helpers/language-service.js';

const KNOWN_CODES = [
  'RESOURCE_NOT_FOUND',
  'GROUP_NOT_FOUND',
  'NOT_IN_GROUP',
  'VALIDATION_ERROR',
  'BAD_REQUEST',
  'RATE_LIMITED',
  'RATE_LIMITED_TOKEN_BUCKET',
  'UNEXPECTED_ERROR',
  'SERVICE_UNAVAILABLE',
  'INVALID_VERSION_DATE',
  'VERSION_GONE',
];

const USER_CODE = `import { isAtlasErrorCode } from '../../src/index.js';
declare const error: unknown;
isAtlasErrorCode(error, 'RESOURCE_NOT_FOUNDD');
`;

// note: a language service loads the TypeScript libraries and the package's sources, which on
// a loaded 2-core machine takes seconds; the limit is generous, nothing here is timed.
describe('isAtlasErrorCode in an editor', { timeout: 30_000 }, () => {
  test('offers every known Atlas error code inside the code string', () => {
    const offset = USER_CODE.indexOf("'RESOURCE_NOT_FOUNDD'") + 1;
    expect(editorOf(USER_CODE).completionsAt(offset)).toEqual(expect.arrayContaining(KNOWN_CODES));
  });
});
