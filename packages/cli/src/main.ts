import { CommanderError } from 'commander';
import { ExitCode } from './exit-codes.js';
import type { CliIo } from './io.js';
import { buildProgram } from './program.js';

/**
 * Runs the program on `argv` (the arguments after the program's name) and resolves with the exit
 * code. It never throws and never exits the process: the bin does that.
 */
export async function main(argv: readonly string[], io: CliIo): Promise<number> {
  try {
    await buildProgram(io).parseAsync([...argv], { from: 'user' });
    return io.signal.aborted ? ExitCode.interrupted : ExitCode.ok;
  } catch (error) {
    // note: commander has already printed its message (or the help, or the version).
    if (error instanceof CommanderError) {
      return error.exitCode === 0 ? ExitCode.ok : ExitCode.usage;
    }
    const { reportFailure } = await import('./report-failure.js');
    return reportFailure(error, io);
  }
}
