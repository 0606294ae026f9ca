import { createHash } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { ChangeClass } from './classify/change.js';
import { SpecUpdateError } from './errors.js';
import { CHANGESET_DIR, CLIENT_PACKAGE, TYPES_PACKAGE } from './workspace.js';

/** A semver bump as changesets names it. */
export type Bump = 'major' | 'minor' | 'patch';

/** The bump a change of `kind` needs at `version`: breaking is minor while 0.x, then major. */
export function bumpFor(kind: ChangeClass, version: string): Bump | undefined {
  if (kind === 'none') return undefined;
  if (kind === 'breaking') return version.startsWith('0.') ? 'minor' : 'major';
  return kind === 'feature' ? 'minor' : 'patch';
}

async function versionOf(root: string, dir: string): Promise<string> {
  const manifest = JSON.parse(await readFile(join(root, dir, 'package.json'), 'utf8')) as {
    version?: unknown;
  };
  if (typeof manifest.version !== 'string') throw new Error(`${dir}/package.json has no version`);
  return manifest.version;
}

/** A changeset to write: where, and its text. */
export interface ChangesetFile {
  readonly path: string;
  readonly text: string;
}

/**
 * The changeset of a spec change: `@org/atlas-types` with the bump its class needs, and
 * `@org/atlas-ai-keys` too when the generated types it re-exports changed. Its body is the
 * summary. Undefined when the change is `none`. The name comes from the hash of the changeset's
 * own text, so the same change always names the same file and a different one (going back to an
 * earlier upstream document, say) another: a pending changeset is never overwritten.
 */
export async function changesetFor(
  root: string,
  kind: ChangeClass,
  typesChanged: boolean,
  summary: string,
): Promise<ChangesetFile | undefined> {
  const typesBump = bumpFor(kind, await versionOf(root, TYPES_PACKAGE.dir));
  if (!typesBump) return undefined;
  const lines = [`"${TYPES_PACKAGE.name}": ${typesBump}`];
  if (typesChanged) {
    const clientBump = bumpFor(kind, await versionOf(root, CLIENT_PACKAGE.dir));
    if (clientBump) lines.push(`"${CLIENT_PACKAGE.name}": ${clientBump}`);
  }
  const text = `---\n${lines.join('\n')}\n---\n\n${summary}\n`;
  const hash = createHash('sha256').update(text).digest('hex');
  const path = join(CHANGESET_DIR, `spec-update-${hash.slice(0, 12)}.md`);
  const pending = await readFile(join(root, path), 'utf8').catch(() => undefined);
  // note: only a hash collision can get here; refusing beats losing a pending changeset.
  if (pending !== undefined && pending !== text) {
    throw new SpecUpdateError(`${path} exists with other content: move it aside and run again`);
  }
  return { path, text };
}
