import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import ts from 'typescript';
import { describe, expect, test } from 'vitest';

const KNOWN_CODES = [
  'RESOURCE_NOT_FOUND',
  'GROUP_NOT_FOUND',
  'NOT_IN_GROUP',
  'VALIDATION_ERROR',
  'RATE_LIMITED',
  'RATE_LIMITED_TOKEN_BUCKET',
  'UNEXPECTED_ERROR',
  'SERVICE_UNAVAILABLE',
  'INVALID_VERSION_DATE',
  'VERSION_GONE',
];

const packageDir = fileURLToPath(new URL('../../', import.meta.url));
const userFile = `${packageDir}test/client/completions-user.ts`;
const USER_CODE = `import { isAtlasErrorCode } from '../../src/index.js';
declare const error: unknown;
isAtlasErrorCode(error, 'RESOURCE_NOT_FOUNDD');
`;

// note: the package's module settings, without the DOM library and the ambient types (node,
// vitest): the completions do not depend on them, and loading them only slows the service.
const SETTINGS: ts.CompilerOptions = {
  module: ts.ModuleKind.NodeNext,
  moduleResolution: ts.ModuleResolutionKind.NodeNext,
  target: ts.ScriptTarget.ES2022,
  lib: ['lib.es2022.d.ts'],
  strict: true,
  skipLibCheck: true,
  types: [],
};

/** The completions an editor (the TypeScript language service) offers at `offset` in `code`. */
function completionsAt(code: string, offset: number): string[] {
  const service = ts.createLanguageService({
    getScriptFileNames: () => [userFile],
    getScriptVersion: () => '1',
    getScriptSnapshot: (file) =>
      file === userFile
        ? ts.ScriptSnapshot.fromString(code)
        : ts.sys.fileExists(file)
          ? ts.ScriptSnapshot.fromString(readFileSync(file, 'utf8'))
          : undefined,
    getCurrentDirectory: () => packageDir,
    getCompilationSettings: () => SETTINGS,
    getDefaultLibFileName: ts.getDefaultLibFilePath,
    fileExists: (file) => file === userFile || ts.sys.fileExists(file),
    readFile: (file) => (file === userFile ? code : ts.sys.readFile(file)),
    readDirectory: ts.sys.readDirectory,
    directoryExists: ts.sys.directoryExists,
    getDirectories: ts.sys.getDirectories,
  });
  const completions = service.getCompletionsAtPosition(userFile, offset, {});
  return completions?.entries.map((entry) => entry.name) ?? [];
}

// note: a language service loads the TypeScript libraries and the package's sources, which on
// a loaded 2-core machine takes seconds; the limit is generous, nothing here is timed.
describe('isAtlasErrorCode in an editor', { timeout: 30_000 }, () => {
  test('offers every known Atlas error code inside the code string', () => {
    const offset = USER_CODE.indexOf("'RESOURCE_NOT_FOUNDD'") + 1;
    expect(completionsAt(USER_CODE, offset)).toEqual(expect.arrayContaining(KNOWN_CODES));
  });
});
