import { applyOverlay } from './apply-overlay.js';
import { checkRefs } from './check-refs.js';
import { cutFragment } from './cut-fragment.js';
import { formatFragment } from './format-fragment.js';
import { parseDocument } from './parse-document.js';
import { recordProvenance } from './provenance.js';
import { readSource } from './read-source.js';
import { readSelection } from './selection.js';
import { createStage, generateStaged, lintStaged } from './stage.js';
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
  /** True when the fragment or the generated types differ from what the cut gives. */
  readonly changed: boolean;
  /** Files written (none under `check`), relative to the repository root. */
  readonly written: readonly string[];
  /** Files deleted (generated files the generator no longer writes). */
  readonly removed: readonly string[];
}

function sameFiles(a: ReadonlyMap<string, string>, b: ReadonlyMap<string, string>): boolean {
  return a.size === b.size && [...a].every(([path, text]) => b.get(path) === text);
}

/**
 * Cuts the fragment from the upstream document, lints it and generates the types from it in a
 * scratch copy, then (unless checking) puts the fragment and the types in place.
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

  const stage = await createStage(options.root, selection.fragmentName, text);
  let generated: Map<string, string>;
  try {
    // note: independent processes on the same staged file, so they run side by side.
    [, generated] = await Promise.all([
      lintStaged(stage, selection.fragmentName),
      generateStaged(stage),
    ]);
  } finally {
    await stage.remove();
  }

  const previousText = await readOptional(selection.fragmentPath);
  const previousGenerated = await readTree(options.root, GENERATED_DIR);
  const changed = previousText !== text || !sameFiles(previousGenerated, generated);
  if (options.check || !changed) return { changed, written: [], removed: [] };

  const files = new Map<string, string>([[selection.fragmentName, text], ...generated]);
  const removed = [...previousGenerated.keys()].filter((path) => !generated.has(path));
  await replaceFiles(options.root, files, removed);
  return { changed, written: [...files.keys()], removed };
}
