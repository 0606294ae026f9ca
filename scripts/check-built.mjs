// The `prepack` of the published packages: `pnpm pack`, `pnpm publish` and `npm pack` run it in
// the package's directory before they pack. Without a build the tarball would hold nothing but
// package.json, README and LICENSE, and say nothing about it; this stops the packing instead,
// naming what is missing. It does not build by itself: a build here would rewrite dist/ under
// the feet of whatever else reads it at the time (tests, the size check, the consumer test).
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

/** Every file a manifest's exports map, main, module and types point at. */
function entryFiles(manifest) {
  const files = new Set();
  const walk = (target) => {
    if (typeof target === 'string') files.add(target.replace(/^\.\//, ''));
    else if (target && typeof target === 'object') Object.values(target).forEach(walk);
  };
  walk([manifest.exports, manifest.main, manifest.module, manifest.types]);
  return [...files];
}

const dir = process.cwd();
const manifest = JSON.parse(readFileSync(join(dir, 'package.json'), 'utf8'));
const missing = entryFiles(manifest)
  .filter((file) => !existsSync(join(dir, file)))
  .sort();
if (missing.length > 0) {
  console.error(
    `${manifest.name} is not built: ${missing.join(', ')} missing. ` +
      'Run `pnpm build` at the repository root, then pack again.',
  );
  process.exit(1);
}
