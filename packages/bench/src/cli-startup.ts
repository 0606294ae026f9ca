import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { median } from './measure.js';
import { machine } from './report.js';
import { resultsJson, writeResults } from './results-files.js';

/** The start-up goal: `atlas-ai-keys --help` within this multiple of `node -e 0`. */
export const CLI_STARTUP_TARGET = 2;

/** What one start-up measurement found. */
export interface CliStartupResult {
  readonly date: string;
  readonly runs: number;
  /** Median wall time of `node -e 0`, in milliseconds. */
  readonly nodeMs: number;
  /** Median wall time of `atlas-ai-keys --help`, in milliseconds. */
  readonly cliMs: number;
  /** Median over runs of the command's time divided by `node -e 0`'s in the same run. */
  readonly ratio: number;
  readonly met: boolean;
}

/**
 * The built `atlas-ai-keys` script, found as npm would link it: through the package's `bin`.
 * note: read from the workspace, not a dependency, so that installing the workspace does not try
 * to link a bin that only exists once the command line is built.
 */
export function cliBin(): string {
  const manifestPath = fileURLToPath(new URL('../../cli/package.json', import.meta.url));
  const manifest = JSON.parse(readFileSync(manifestPath, 'utf8')) as {
    bin: Record<string, string>;
  };
  return join(dirname(manifestPath), manifest.bin['atlas-ai-keys'] as string);
}

/** Wall time of one process run to its end, in milliseconds; throws when it fails. */
function timeRun(args: readonly string[]): number {
  const begin = performance.now();
  const run = spawnSync(process.execPath, args, { stdio: ['ignore', 'ignore', 'pipe'] });
  const ms = performance.now() - begin;
  if (run.status !== 0) throw new Error(`node ${args.join(' ')} failed: ${run.stderr}`);
  return ms;
}

/**
 * Measures `atlas-ai-keys --help` against `node -e 0`: untimed warm-up runs, then `runs` pairs,
 * the two interleaved so that drift of the machine touches both alike.
 */
export function measureCliStartup(runs: number): CliStartupResult {
  const bin = cliBin();
  const node = ['-e', '0'];
  const cli = [bin, '--help'];
  for (let i = 0; i < 3; i++) {
    timeRun(node);
    timeRun(cli);
  }
  const nodeMs: number[] = [];
  const cliMs: number[] = [];
  for (let i = 0; i < runs; i++) {
    nodeMs.push(timeRun(node));
    cliMs.push(timeRun(cli));
  }
  const ratio = median(cliMs.map((ms, i) => ms / (nodeMs[i] as number)));
  return {
    date: new Date().toISOString(),
    runs,
    nodeMs: median(nodeMs),
    cliMs: median(cliMs),
    ratio,
    met: ratio <= CLI_STARTUP_TARGET,
  };
}

/** The result as the lines the bench prints and the Markdown it writes. */
export function cliStartupMarkdown(result: CliStartupResult): string {
  const m = machine();
  return `# CLI start-up

Written by \`pnpm bench\` (packages/bench/src/cli-startup.ts); do not edit by hand.

- date: ${result.date}
- machine: ${m.cpu}, ${m.cores} cores, ${m.os}
- Node.js: ${m.node}

Median of ${result.runs} runs each, interleaved, after 3 untimed runs of each.

| command | median wall time |
| --- | --- |
| \`node -e 0\` | ${result.nodeMs.toFixed(1)} ms |
| \`atlas-ai-keys --help\` | ${result.cliMs.toFixed(1)} ms |
| ratio (median of per-run ratios) | **${result.ratio.toFixed(2)}×** (target ≤ ${CLI_STARTUP_TARGET}×: ${result.met ? 'met' : '**not met**'}) |
`;
}

/**
 * Measures the CLI's start-up and prints the figures; with `write`, also writes
 * results/cli-startup.{md,json}. Resolves with whether the target was met.
 */
export async function cliStartup(write: boolean): Promise<boolean> {
  const scale = Number(process.env.BENCH_SCALE ?? '1') || 1;
  process.stderr.write('measuring: atlas-ai-keys --help against node -e 0\n');
  const result = measureCliStartup(Math.max(5, Math.round(31 * scale)));
  process.stdout.write(
    `\nCLI start-up: atlas-ai-keys --help ${result.cliMs.toFixed(1)} ms, node -e 0 ` +
      `${result.nodeMs.toFixed(1)} ms: ${result.ratio.toFixed(2)}× ` +
      `(target ≤ ${CLI_STARTUP_TARGET}×, ${result.met ? 'met' : 'NOT met'})\n`,
  );
  if (write) await writeResults('cli-startup', cliStartupMarkdown(result), resultsJson(result));
  return result.met;
}
