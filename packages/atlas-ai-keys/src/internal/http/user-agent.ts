import { VERSION } from '../../version.js';

interface RuntimeGlobals {
  process?: { versions?: { node?: string; bun?: string }; platform?: string; arch?: string };
  Deno?: { version?: { deno?: string } };
}

function runtime(): string {
  const { Deno, process } = globalThis as RuntimeGlobals;
  const versions = process?.versions;
  if (Deno?.version?.deno) return `deno/${Deno.version.deno}`;
  if (versions?.bun) return `bun/${versions.bun}`;
  if (versions?.node) return `node/${versions.node} (${process?.platform}; ${process?.arch})`;
  return 'unknown-runtime';
}

/** The User-Agent: this package, its version and the runtime, then the caller's suffix. */
export function userAgent(suffix?: string): string {
  return `atlas-ai-keys-js/${VERSION} ${runtime()}${suffix ? ` ${suffix}` : ''}`;
}
