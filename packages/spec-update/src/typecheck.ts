import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join, relative, sep } from 'node:path';
import ts from 'typescript';
import type { Change } from './classify/change.js';
import { report } from './classify/rules.js';
import { GENERATED_DIR, TYPES_PACKAGE } from './workspace.js';

/** Where workspace packages live, relative to the repository root. */
const PACKAGES_DIR = 'packages';
/** The folders of a consumer that are checked: its sources and the canary of public usage. */
const CHECKED_DIRS = ['src', 'canary'];
/** Longest compiler message kept on a summary line. */
const MAX_MESSAGE = 240;

/** One compiler error: where, and what the compiler said. */
export interface TypeError {
  /** The file, relative to the repository root. */
  readonly file: string;
  readonly line: number;
  readonly code: number;
  /** The compiler's message, on one line. */
  readonly message: string;
}

/** What checking the consumers against the regenerated types found. */
export interface TypeCheckResult {
  /** The workspace packages checked: every one that depends on the types, directly or not. */
  readonly workspaces: readonly string[];
  /** Source files in the program, ours and the declarations they load. */
  readonly files: number;
  /** Errors the regenerated types cause, which the committed ones do not. */
  readonly errors: readonly TypeError[];
  /** Errors already there with the committed types: not caused by this change, not counted. */
  readonly existing: number;
  /** How long the check took, in milliseconds. */
  readonly ms: number;
  /** The processor time it used, in milliseconds: on a busy machine, less than `ms`. */
  readonly cpuMs: number;
}

interface Workspace {
  readonly name: string;
  readonly dir: string;
  readonly dependencies: readonly string[];
}

function workspacesOf(root: string): Workspace[] {
  const base = join(root, PACKAGES_DIR);
  if (!existsSync(base)) return [];
  return readdirSync(base, { withFileTypes: true })
    .filter((entry) => entry.isDirectory() && existsSync(join(base, entry.name, 'package.json')))
    .map((entry) => {
      const dir = join(base, entry.name);
      const manifest = JSON.parse(readFileSync(join(dir, 'package.json'), 'utf8')) as {
        name?: string;
        dependencies?: Record<string, string>;
        devDependencies?: Record<string, string>;
      };
      return {
        name: manifest.name ?? entry.name,
        dir,
        dependencies: Object.keys({ ...manifest.dependencies, ...manifest.devDependencies }),
      };
    });
}

/** The workspaces that use the types package, directly or through another workspace. */
function consumersOf(workspaces: readonly Workspace[]): Workspace[] {
  const consumers = new Set<string>([TYPES_PACKAGE.name]);
  for (let grew = true; grew; ) {
    grew = false;
    for (const { name, dependencies } of workspaces) {
      if (!consumers.has(name) && dependencies.some((dependency) => consumers.has(dependency))) {
        consumers.add(name);
        grew = true;
      }
    }
  }
  return workspaces.filter(({ name }) => consumers.has(name) && name !== TYPES_PACKAGE.name);
}

function sourceFiles(dir: string): string[] {
  if (!existsSync(dir)) return [];
  return (
    readdirSync(dir, { recursive: true, encoding: 'utf8' })
      // note: declaration files included, as a package's tsconfig includes them (a module's types).
      .filter((path) => path.endsWith('.ts'))
      .map((path) => join(dir, path))
      .sort()
  );
}

/**
 * The repository's base compiler options, with every workspace package that has a
 * `src/index.ts` mapped to it: the program reads sources, not builds, so nothing needs building
 * first and the types package's generated files are the ones given.
 */
function compilerOptions(root: string, workspaces: readonly Workspace[]): ts.CompilerOptions {
  const { config } = ts.readConfigFile(join(root, 'tsconfig.base.json'), ts.sys.readFile);
  const { options } = ts.convertCompilerOptionsFromJson(config?.compilerOptions ?? {}, root);
  const paths: Record<string, string[]> = {};
  for (const { name, dir } of workspaces) {
    const entry = join(dir, 'src', 'index.ts');
    if (existsSync(entry)) paths[name] = [entry];
  }
  return { ...options, noEmit: true, declaration: false, sourceMap: false, types: ['node'], paths };
}

/**
 * A compiler host that sees `generated` (when given) in place of the files of the generated
 * directory. Other files are parsed once into `parsed`, which hosts share, so a second program
 * over the same sources does not parse them again.
 */
function hostWith(
  options: ts.CompilerOptions,
  root: string,
  generated: ReadonlyMap<string, string> | undefined,
  parsed: Map<string, ts.SourceFile | undefined>,
): ts.CompilerHost {
  const host = ts.createCompilerHost(options, true);
  const generatedDir = join(root, GENERATED_DIR) + sep;
  const replaced = (path: string) => generated !== undefined && path.startsWith(generatedDir);
  const text = (path: string) => generated?.get(relative(root, path));
  const { fileExists, readFile, getSourceFile } = host;
  host.fileExists = (path) => (replaced(path) ? text(path) !== undefined : fileExists(path));
  host.readFile = (path) => (replaced(path) ? text(path) : readFile(path));
  host.getSourceFile = (path, language, onError, create) => {
    if (replaced(path)) {
      const content = text(path);
      return content === undefined ? undefined : ts.createSourceFile(path, content, language, true);
    }
    if (path.startsWith(generatedDir)) return getSourceFile(path, language, onError, create);
    if (!parsed.has(path)) parsed.set(path, getSourceFile(path, language, onError, create));
    return parsed.get(path);
  };
  return host;
}

/** `diagnostics` that are errors, each with its file (relative to `root`), line and message. */
function errorsOf(diagnostics: readonly ts.Diagnostic[], root: string): TypeError[] {
  return diagnostics
    .filter((diagnostic) => diagnostic.category === ts.DiagnosticCategory.Error)
    .map((diagnostic) => {
      // note: the summary line goes on after the message, so its final full stop goes.
      const text = ts.flattenDiagnosticMessageText(diagnostic.messageText, ' ').replace(/\.$/, '');
      const message = text.length > MAX_MESSAGE ? `${text.slice(0, MAX_MESSAGE)}…` : text;
      if (!diagnostic.file || diagnostic.start === undefined) {
        return { file: '(compiler options)', line: 0, code: diagnostic.code, message };
      }
      const { line } = diagnostic.file.getLineAndCharacterOfPosition(diagnostic.start);
      const file = relative(root, diagnostic.file.fileName).split(sep).join('/');
      return { file, line: line + 1, code: diagnostic.code, message };
    });
}

/** An error's identity across two programs: lines may move, what is wrong where does not. */
const identity = (error: TypeError) => `${error.file}\u0000${error.code}\u0000${error.message}`;

/**
 * Type-checks, as one program, the sources and the canary of every workspace package that
 * consumes the types, with the types package's generated files replaced by `generated`. Errors
 * that the committed types give too are not the change's doing: they are counted apart, by a
 * second program over the committed files, built only when the first finds errors.
 */
export function typecheckConsumers(
  root: string,
  generated: ReadonlyMap<string, string>,
): TypeCheckResult {
  const started = performance.now();
  const cpu = process.cpuUsage();
  const workspaces = workspacesOf(root);
  const consumers = consumersOf(workspaces);
  const rootNames = consumers.flatMap(({ dir }) =>
    CHECKED_DIRS.flatMap((folder) => sourceFiles(join(dir, folder))),
  );
  if (rootNames.length === 0) {
    const ms = performance.now() - started;
    return { workspaces: [], files: 0, errors: [], existing: 0, ms, cpuMs: ms };
  }
  const options = compilerOptions(root, workspaces);
  const parsed = new Map<string, ts.SourceFile | undefined>();
  const program = ts.createProgram({
    rootNames,
    options,
    host: hostWith(options, root, generated, parsed),
  });
  let errors = errorsOf(ts.getPreEmitDiagnostics(program), root);
  let existing = 0;
  if (errors.length > 0) {
    const committed = ts.createProgram({
      rootNames,
      options,
      host: hostWith(options, root, undefined, parsed),
      oldProgram: program,
    });
    // note: only the files with errors now are checked again, which is most of the saving.
    const files = new Set(errors.map((error) => error.file));
    const diagnostics = committed
      .getSourceFiles()
      .filter((file) => files.has(relative(root, file.fileName).split(sep).join('/')))
      .flatMap((file) => [
        ...committed.getSyntacticDiagnostics(file),
        ...committed.getSemanticDiagnostics(file),
      ]);
    const before = new Set(
      errorsOf([...committed.getOptionsDiagnostics(), ...diagnostics], root).map(identity),
    );
    const fresh = errors.filter((error) => !before.has(identity(error)));
    existing = errors.length - fresh.length;
    errors = fresh;
  }
  return {
    workspaces: consumers.map(({ name }) => name),
    files: program.getSourceFiles().length,
    errors,
    existing,
    ms: performance.now() - started,
    cpuMs: (({ user, system }) => (user + system) / 1000)(process.cpuUsage(cpu)),
  };
}

/** A new type error as a line of the summary: breaking, whatever the spec rules said. */
export function typeErrorChange(error: TypeError): Change {
  return report('new type error in our code or the canary', undefined, {
    file: error.file,
    line: String(error.line),
    code: String(error.code),
    message: error.message,
  });
}

const seconds = (ms: number) => `${(ms / 1000).toFixed(1)} s`;

/** How long the check took and what it found, for the command's stderr. */
export function describeTypecheck(result: TypeCheckResult): string {
  if (result.workspaces.length === 0)
    return 'no workspace here consumes the types: nothing to type-check';
  const errors = result.errors.length;
  const existing = result.existing > 0 ? ` (${result.existing} already there, not counted)` : '';
  return (
    `type-checked ${result.workspaces.join(', ')} and the canary against the regenerated ` +
    `types (${result.files} files) in ${seconds(result.ms)} (${seconds(result.cpuMs)} of CPU): ` +
    `${errors === 0 ? 'no' : errors} new type error${errors === 1 ? '' : 's'}${existing}`
  );
}
