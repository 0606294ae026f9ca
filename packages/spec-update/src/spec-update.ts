import { parse } from 'yaml';
import { applyOverlay } from './apply-overlay.js';
import { changesetFor } from './changeset.js';
import { checkRefs } from './check-refs.js';
import { type ChangeClass, overallClass } from './classify/change.js';
import { classifyChanges } from './classify/classify.js';
import { cutFragment } from './cut-fragment.js';
import { formatFragment } from './format-fragment.js';
import { isObject, type JsonObject } from './openapi.js';
import { parseDocument } from './parse-document.js';
import { recordProvenance } from './provenance.js';
import { readSource } from './read-source.js';
import { readSelection } from './selection.js';
import { createStage, generateStaged, lintStaged } from './stage.js';
import { formatSummary } from './summary.js';
import type { TypeCheckResult } from './typecheck.js';
import { GENERATED_DIR } from './workspace.js';
import { readOptional, readTree, replaceFiles } from './write-files.js';

/** What {@link specUpdate} is asked to do. */
export interface SpecUpdateOptions {
  /** The upstream document: a file path (relative to `cwd`) or an https URL. */
  readonly from: string;
  /** Only report: write nothing. */
  readonly check: boolean;
  /** The repository to update. */
  readonly root: string;
  /** Directory a relative `from` is resolved against. */
  readonly cwd: string;
  /** Bound on fetching a URL, in milliseconds. */
  readonly timeoutMs: number;
}

/** What {@link specUpdate} found and did. */
export interface SpecUpdateResult {
  /** The change as a whole: the worst class among its changes. */
  readonly class: ChangeClass;
  /** `spec change: <class>`, then one line per change; also the changeset's body. */
  readonly summary: string;
  /** True when the fragment or the generated types differ from what the cut gives. */
  readonly changed: boolean;
  /** Files written (none under `check`), relative to the repository root. */
  readonly written: readonly string[];
  /** Files deleted (generated files the generator no longer writes). */
  readonly removed: readonly string[];
  /** Something worth telling that is not a failure. */
  readonly notes: readonly string[];
  /** The check of our code and the canary against the regenerated types; none when they are unchanged. */
  readonly typecheck: TypeCheckResult | undefined;
}

function sameFiles(a: ReadonlyMap<string, string>, b: ReadonlyMap<string, string>): boolean {
  return a.size === b.size && [...a].every(([path, text]) => b.get(path) === text);
}

/** The fragment being replaced, or an empty document when there is none or it is unreadable. */
function previousDocument(text: string | undefined, notes: string[], name: string): JsonObject {
  const empty = { openapi: '3.0.0', info: {}, paths: {} };
  if (text === undefined) return empty;
  try {
    const parsed: unknown = parse(text);
    if (isObject(parsed)) return parsed;
  } catch {
    // reported below
  }
  notes.push(`${name} could not be read as YAML; every operation is reported as added`);
  return empty;
}

/**
 * Cuts the fragment from the upstream document, lints it and generates the types from it in a
 * scratch copy, type-checks every workspace that consumes the types (and the canary of public
 * usage) against them, classifies the change against the fragment it replaces (a new type error
 * makes it breaking, whatever the spec rules say), then (unless checking) puts the fragment, the
 * types and the changeset in place.
 */
export async function specUpdate(options: SpecUpdateOptions): Promise<SpecUpdateResult> {
  const selection = await readSelection(options.root);
  const source = await readSource(options.from, options.cwd, options.timeoutMs);
  const upstream = parseDocument(source.text, source.name);
  const cut = await cutFragment(upstream, selection.tags, source.name);
  await checkRefs(cut, source.name);
  let fragment = recordProvenance(cut, source.name);
  if (selection.overlayPath) fragment = await applyOverlay(fragment, selection.overlayPath);
  const text = await formatFragment(fragment);

  const previousGenerated = await readTree(options.root, GENERATED_DIR);
  const stage = await createStage(options.root, selection.fragmentName, text);
  /** Generates, then type-checks our code against what was generated, if it differs. */
  const generateAndCheck = async () => {
    const generated = await generateStaged(stage);
    // note: with the generated files unchanged, nothing can compile differently.
    if (sameFiles(previousGenerated, generated)) return { generated, typecheck: undefined };
    // note: loaded only now: the compiler is the largest module the command loads.
    const { typecheckConsumers } = await import('./typecheck.js');
    return { generated, typecheck: typecheckConsumers(options.root, generated) };
  };
  let generated: Map<string, string>;
  let typecheck: TypeCheckResult | undefined;
  try {
    // note: the lint is a process of its own, so it runs beside generating and type-checking.
    [, { generated, typecheck }] = await Promise.all([
      lintStaged(stage, selection.fragmentName),
      generateAndCheck(),
    ]);
  } finally {
    await stage.remove();
  }

  const notes: string[] = [];
  const previousText = await readOptional(selection.fragmentPath);
  const typesChanged = !sameFiles(previousGenerated, generated);
  const changed = previousText !== text || typesChanged;
  const before = previousDocument(previousText, notes, selection.fragmentName);
  const changes = classifyChanges(before, parse(text) as JsonObject);
  if (typecheck) {
    const { typeErrorChange } = await import('./typecheck.js');
    changes.push(...typecheck.errors.map(typeErrorChange));
  }
  const kind = overallClass(changes);
  const summary = formatSummary(changes);
  const result = { class: kind, summary, changed, notes, typecheck };
  if (options.check || !changed) return { ...result, written: [], removed: [] };

  const files = new Map<string, string>([[selection.fragmentName, text], ...generated]);
  const changeset = await changesetFor(options.root, kind, typesChanged, summary);
  if (changeset) files.set(changeset.path, changeset.text);
  const removed = [...previousGenerated.keys()].filter((path) => !generated.has(path));
  await replaceFiles(options.root, files, removed);
  return { ...result, written: [...files.keys()], removed };
}
