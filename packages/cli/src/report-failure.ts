import { stylesFor } from './colors.js';
import { describeFailure } from './failure.js';
import type { CliIo } from './io.js';

/** Prints a failure's one line on stderr (none for Ctrl-C or a closed stdout) and returns its exit code. */
export function reportFailure(error: unknown, io: CliIo): number {
  const { exitCode, line, plain } = describeFailure(error, io.signal.aborted);
  if (line !== undefined) {
    io.stderr.write(
      plain ? `${line}\n` : `${stylesFor(io.tty.stderr, io.env).red('error:')} ${line}\n`,
    );
  }
  return exitCode;
}
