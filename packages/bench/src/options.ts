import { parseArgs } from 'node:util';

/** What a run of `pnpm bench` is asked to do. */
export interface BenchOptions {
  /** Write the figures to results/latest.{md,json}, the committed results. */
  readonly write: boolean;
}

/** The usage line printed with a refused argument. */
export const USAGE = 'usage: pnpm bench [-- --write]   (--write updates packages/bench/results/)';

/**
 * Reads the command-line arguments; throws on an unknown one. A `--` is skipped, since
 * `pnpm bench -- --write` passes it through to the script.
 */
export function parseOptions(argv: readonly string[]): BenchOptions {
  const { values } = parseArgs({
    args: argv.filter((arg) => arg !== '--'),
    options: { write: { type: 'boolean', default: false } },
    strict: true,
    allowPositionals: false,
  });
  return { write: values.write === true };
}
