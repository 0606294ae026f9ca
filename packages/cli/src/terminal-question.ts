import { createInterface } from 'node:readline/promises';

/**
 * Asks `question` on the terminal (stderr) and resolves with the answered line; end of input
 * (Ctrl-D) answers "". Rejects with an AbortError on Ctrl-C or when `signal` aborts.
 */
export async function askOnTerminal(question: string, signal: AbortSignal): Promise<string> {
  const rl = createInterface({ input: process.stdin, output: process.stderr, terminal: true });
  const stop = new AbortController();
  const abort = () => stop.abort();
  // note: a terminal in raw mode delivers Ctrl-C to readline as a key, not as a process signal.
  rl.on('SIGINT', () => {
    process.stderr.write('\n');
    abort();
  });
  signal.addEventListener('abort', abort, { once: true });
  const closed = new Promise<string>((resolve) => rl.once('close', () => resolve('')));
  try {
    return await Promise.race([rl.question(question, { signal: stop.signal }), closed]);
  } finally {
    signal.removeEventListener('abort', abort);
    rl.close();
  }
}
