import { readFile } from 'node:fs/promises';
import { basename } from 'node:path';
import { openapiOverlay } from 'openapi-format';
import { parse } from 'yaml';
import { SpecUpdateError } from './errors.js';
import { isObject, type JsonObject } from './openapi.js';

interface OverlayAction {
  readonly target?: unknown;
}

/**
 * Applies the OpenAPI Overlay at `path` to the cut with openapi-format. An action whose target
 * matches nothing fails: upstream moved under it, and the addition must be reviewed again.
 */
export async function applyOverlay(fragment: JsonObject, path: string): Promise<JsonObject> {
  const name = basename(path);
  let overlay: unknown;
  try {
    overlay = parse(await readFile(path, 'utf8'));
  } catch (error) {
    throw new SpecUpdateError(`could not read the overlay ${name}: ${(error as Error).message}`);
  }
  if (
    !isObject(overlay) ||
    typeof overlay.overlay !== 'string' ||
    !/^1\.0\.\d+$/.test(overlay.overlay) ||
    !Array.isArray(overlay.actions)
  ) {
    throw new SpecUpdateError(
      `the overlay ${name} must be an OpenAPI Overlay 1.0 document with "overlay: 1.0.0" and "actions"`,
    );
  }
  const { data, resultData } = await openapiOverlay(fragment, {
    overlaySet: overlay as { overlay: string; actions: [] },
  });
  const unused = (resultData.unusedActions ?? []) as OverlayAction[];
  if (unused.length > 0) {
    const targets = unused.map((action) => String(action.target)).join(', ');
    throw new SpecUpdateError(`the overlay ${name} has actions that match nothing: ${targets}`);
  }
  return data as JsonObject;
}
