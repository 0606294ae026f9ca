// Copies @org/atlas-ai-keys's package.json version into src/version.ts, whose VERSION goes into
// the User-Agent. `changeset version` bumps package.json only, so `pnpm version-packages` runs
// this right after it; a test in the package fails if the two ever disagree.
import { readFile, writeFile } from 'node:fs/promises';

const packageDir = new URL('../packages/atlas-ai-keys/', import.meta.url);
const versionFile = new URL('src/version.ts', packageDir);
const { version } = JSON.parse(await readFile(new URL('package.json', packageDir), 'utf8'));

const DECLARATION = /^(export const VERSION = )'[^']*';$/m;
const source = await readFile(versionFile, 'utf8');
if (!DECLARATION.test(source)) {
  console.error("src/version.ts has no `export const VERSION = '...';` line to update.");
  process.exit(1);
}
const updated = source.replace(DECLARATION, `$1'${version}';`);
if (updated === source) {
  console.log(`@org/atlas-ai-keys VERSION is already ${version}.`);
} else {
  await writeFile(versionFile, updated);
  console.log(`@org/atlas-ai-keys VERSION set to ${version}.`);
}
