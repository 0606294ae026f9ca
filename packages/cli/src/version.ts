import { readFileSync } from 'node:fs';

/** This package's version, read from its package.json (beside dist/ and src/ alike). */
export function cliVersion(): string {
  const manifest = readFileSync(new URL('../package.json', import.meta.url), 'utf8');
  return (JSON.parse(manifest) as { version: string }).version;
}
