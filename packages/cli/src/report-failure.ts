import { stylesFor } from './colors.js';
import { describeFailure } from './failure.js';
import type { CliIo } from './io.js';

/** Prints a failure's one line on stderr (none for Ctrl-C) and returns its exit code. */
export function reportFailure(error: unknown, io: CliIo): number {
  const { exitCode, line } = describeFailure(error, io.signal.aborted);
  if (line !== undefined) {
    io.stderr.write(`${stylesFor(io.tty.stderr, io.env).red('error:')} ${line}\n`);
  }
  return exitCode;
}
