import type { AtlasCliProfile, AtlasCliSource } from '@org/atlas-ai-keys/atlas-cli';
import { UsageError } from './exit-codes.js';
import type { Env } from './io.js';

/** Profiles read in this run (its environment), by the `--profile` they were read for: each is read once. */
const read = new WeakMap<Env, Map<string | undefined, Promise<AtlasCliProfile>>>();

/**
 * The Atlas CLI profile in effect (`--profile`, `MONGODB_ATLAS_PROFILE`, the only one, or
 * `default`) after the variables that override it, read once per run. A malformed file or a
 * missing named profile is a usage error (exit 2) naming the file.
 */
export function atlasCliProfile(
  io: { readonly env: Env; readonly signal?: AbortSignal | undefined },
  profile: string | undefined,
): Promise<AtlasCliProfile> {
  let cache = read.get(io.env);
  if (!cache) {
    cache = new Map();
    read.set(io.env, cache);
  }
  let pending = cache.get(profile);
  if (!pending) {
    pending = import('@org/atlas-ai-keys/atlas-cli').then(
      ({ AtlasConfigError, loadAtlasCliProfile }) =>
        loadAtlasCliProfile({
          profile,
          env: io.env,
          ...(io.signal ? { signal: io.signal } : {}),
        }).catch((error: unknown) => {
          throw error instanceof AtlasConfigError ? new UsageError(error.message) : error;
        }),
    );
    cache.set(profile, pending);
  }
  return pending;
}

/** Where a setting came from, for messages: `MONGODB_ATLAS_PROJECT_ID`, `project_id of Atlas CLI profile "default"`. */
export function describeSource(source: AtlasCliSource): string {
  switch (source.kind) {
    case 'variable':
      return `$${source.name}`;
    case 'file':
      return `${source.key} in ${source.profile ? `Atlas CLI profile "${source.profile}"` : 'the Atlas CLI settings'} (${source.file})`;
    case 'keyring':
      return `the OS keyring (service ${source.service}, account ${source.account})`;
  }
}
