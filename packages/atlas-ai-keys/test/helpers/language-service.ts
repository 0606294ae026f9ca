import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import ts from 'typescript';

const packageDir = fileURLToPath(new URL('../../', import.meta.url));

/** Where the user's code lives: beside the tests, so it imports the sources as `../../src/…`. */
const userFile = `${packageDir}test/client/editor-user.ts`;

// note: the package's module settings, without the DOM library and the ambient types (node,
// vitest): what an editor shows does not depend on them, and loading them only slows the service.
const SETTINGS: ts.CompilerOptions = {
  module: ts.ModuleKind.NodeNext,
  moduleResolution: ts.ModuleResolutionKind.NodeNext,
  target: ts.ScriptTarget.ES2022,
  lib: ['lib.es2022.d.ts'],
  strict: true,
  skipLibCheck: true,
  types: [],
};

/** An editor's view (the TypeScript language service) of `code` in a file of the package's tests. */
export function editorOf(code: string) {
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
  const text = (parts?: readonly ts.SymbolDisplayPart[]) =>
    (parts ?? []).map((p) => p.text).join('');
  return {
    /** The completions offered at `offset`. */
    completionsAt(offset: number): string[] {
      const completions = service.getCompletionsAtPosition(userFile, offset, {});
      return completions?.entries.map((entry) => entry.name) ?? [];
    },
    /** What hovering at `offset` shows: the signature, then the documentation and its tags. */
    hoverAt(offset: number): string {
      const info = service.getQuickInfoAtPosition(userFile, offset);
      const tags = (info?.tags ?? []).map((tag) => `@${tag.name} ${text(tag.text)}`);
      return [text(info?.displayParts), text(info?.documentation), ...tags].join('\n');
    },
  };
}
