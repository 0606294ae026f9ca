import type { ClientFactory } from './keys-client.js';

/** A stream the program writes to; `process.stdout` and `process.stderr` are ones. */
export interface Output {
  write(chunk: string, callback?: (error?: Error | null) => void): unknown;
}

/** Environment variables as `process.env` holds them. */
export type Env = Readonly<Record<string, string | undefined>>;

/** Which of the standard streams are terminals. */
export interface Terminals {
  readonly stdin: boolean;
  readonly stdout: boolean;
  readonly stderr: boolean;
}

/**
 * Everything a run reads and writes. The bin passes the process's; tests pass their own, so every
 * command runs without a terminal, a network or the real environment.
 */
export interface CliIo {
  readonly stdout: Output;
  readonly stderr: Output;
  readonly env: Env;
  readonly tty: Terminals;
  /** Makes the API client; called once per command, after its arguments have been checked. */
  readonly createClient: ClientFactory;
  /** Asks a question on the terminal and resolves with the answer; rejects when interrupted. */
  readonly ask: (question: string, signal: AbortSignal) => Promise<string>;
  /** Aborted on Ctrl-C: cancels the request in flight and any open question. */
  readonly signal: AbortSignal;
}

/** Writes `text` and resolves once the stream has taken it, rejecting when it could not. */
export function writeFully(output: Output, text: string): Promise<void> {
  return new Promise((resolve, reject) => {
    output.write(text, (error) => (error ? reject(error) : resolve()));
  });
}
