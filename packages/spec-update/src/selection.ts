import { readFile } from 'node:fs/promises';
import { dirname, join, relative, resolve } from 'node:path';
import { parse } from 'yaml';
import { SpecUpdateError } from './errors.js';
import { isObject } from './openapi.js';

/** Where the selection lives, relative to the repository root. */
export const SELECTION_FILE = 'spec/spec-update.yaml';

/** What to take from upstream and where to write it, read from {@link SELECTION_FILE}. */
export interface Selection {
  /** Absolute path of the fragment. */
  readonly fragmentPath: string;
  /** The fragment's path relative to the repository root, as messages show it. */
  readonly fragmentName: string;
  /** Operations with any of these tags are kept. */
  readonly tags: readonly string[];
  /** Absolute path of the OpenAPI Overlay applied on top, if any. */
  readonly overlayPath: string | undefined;
}

function stringList(value: unknown): string[] | undefined {
  return Array.isArray(value) && value.length > 0 && value.every((v) => typeof v === 'string')
    ? value
    : undefined;
}

/** Reads and checks the selection of the repository at `root`. */
export async function readSelection(root: string): Promise<Selection> {
  const file = join(root, SELECTION_FILE);
  let raw: unknown;
  try {
    raw = parse(await readFile(file, 'utf8'));
  } catch (error) {
    throw new SpecUpdateError(`could not read ${SELECTION_FILE}: ${(error as Error).message}`);
  }
  const base = dirname(file);
  const fragment = isObject(raw) ? raw.fragment : undefined;
  const tags = isObject(raw) ? stringList(raw.tags) : undefined;
  const overlay = isObject(raw) ? raw.overlay : undefined;
  if (typeof fragment !== 'string' || fragment === '') {
    throw new SpecUpdateError(`${SELECTION_FILE}: "fragment" must name the fragment file`);
  }
  if (!tags) {
    throw new SpecUpdateError(`${SELECTION_FILE}: "tags" must list at least one tag`);
  }
  if (overlay !== undefined && overlay !== null && typeof overlay !== 'string') {
    throw new SpecUpdateError(`${SELECTION_FILE}: "overlay" must name an overlay file`);
  }
  const fragmentPath = resolve(base, fragment);
  return {
    fragmentPath,
    fragmentName: relative(root, fragmentPath),
    tags,
    overlayPath: typeof overlay === 'string' ? resolve(base, overlay) : undefined,
  };
}
