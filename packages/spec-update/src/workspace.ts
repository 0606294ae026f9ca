import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

/** The repository this package sits in: dist/ and src/ are both two levels below packages/. */
export const DEFAULT_ROOT: string = fileURLToPath(new URL('../../..', import.meta.url));

/** The types package, regenerated from the fragment. */
export const TYPES_PACKAGE = { name: '@org/atlas-types', dir: 'packages/atlas-types' } as const;

/** The client, which re-exports the generated types and so changes with them. */
export const CLIENT_PACKAGE = {
  name: '@org/atlas-ai-keys',
  dir: 'packages/atlas-ai-keys',
} as const;

/** Where the types package's generator writes, relative to the repository root. */
export const GENERATED_DIR = join(TYPES_PACKAGE.dir, 'src', 'generated');

/** Where changesets live, relative to the repository root. */
export const CHANGESET_DIR = '.changeset';

/** The lint configuration `pnpm lint:spec` uses, relative to the repository root. */
export const LINT_CONFIG = 'redocly.yaml';
