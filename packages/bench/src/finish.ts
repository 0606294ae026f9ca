import type { BenchOptions } from './options.js';
import { type BenchResults, missedTargets, missedText, toMarkdown, toText } from './report.js';
import { resultsJson } from './results-files.js';

/** Where a finished run puts its output; main() passes the files and the process streams. */
export interface FinishIo {
  /** Replaces the committed results with these two files' contents. */
  readonly writeResults: (markdown: string, json: string) => Promise<void>;
  readonly stdout: (text: string) => void;
  readonly stderr: (text: string) => void;
}

/**
 * Prints a run's results, writes them only when `options.write` asks, and returns the exit
 * code: 1 when any target was missed, so that a script or CI step notices.
 */
export async function finish(
  results: BenchResults,
  options: BenchOptions,
  io: FinishIo,
): Promise<number> {
  if (options.write) {
    await io.writeResults(toMarkdown(results), resultsJson(results));
  }
  io.stdout(toText(results, options.write));
  const missed = missedTargets(results);
  if (missed.length === 0) return 0;
  io.stderr(missedText(missed));
  return 1;
}
