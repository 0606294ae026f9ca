import { UsageError } from './exit-codes.js';
import type { CliIo } from './io.js';

/** Whether a person can be asked: questions go to stderr and answers come from stdin. */
export function canAsk(io: CliIo): boolean {
  return io.tty.stdin && io.tty.stderr;
}

/**
 * Checks, before any request, that a deletion can be confirmed: with `--yes`, or by asking on a
 * terminal. Without either it throws a usage error (exit 2) and nothing is touched.
 */
export function checkConfirmable(io: CliIo, yes: boolean, hint: string): void {
  if (yes || canAsk(io)) return;
  throw new UsageError(`${hint}: not run in a terminal, so pass --yes to confirm`);
}

/** Asks a yes/no question; only `y` or `yes` (any case) confirms, so Enter alone declines. */
export async function confirm(io: CliIo, question: string): Promise<boolean> {
  const answer = await io.ask(`${question} [y/N] `, io.signal);
  return /^\s*y(es)?\s*$/i.test(answer);
}
