import { type Styles, stylesFor } from './colors.js';
import { OutputClosedError } from './exit-codes.js';
import { type CliIo, writeFully } from './io.js';

/** Writes people's messages to stderr, styled when stderr is a terminal; stdout stays data only. */
export class Messages {
  readonly #io: CliIo;
  /** Styles for stderr. */
  readonly styles: Styles;

  constructor(io: CliIo) {
    this.#io = io;
    this.styles = stylesFor(io.tty.stderr, io.env);
  }

  /** Something that was done: `✓ Created key …`. */
  done(text: string): void {
    this.#io.stderr.write(`${this.styles.green('✓')} ${text}\n`);
  }

  /** Something to act on: `! Copy the secret now …`. */
  warn(text: string): void {
    this.#io.stderr.write(`${this.styles.yellow('!')} ${text}\n`);
  }

  /** A plain line. */
  info(text: string): void {
    this.#io.stderr.write(`${text}\n`);
  }
}

/** Writes data to stdout: tables for people, JSON for scripts, secrets. */
export class Data {
  readonly #io: CliIo;
  /** Styles for stdout. */
  readonly styles: Styles;

  constructor(io: CliIo) {
    this.#io = io;
    this.styles = stylesFor(io.tty.stdout, io.env);
  }

  /**
   * Writes text and resolves once stdout has taken it, so a secret is out before the next step.
   * A reader that closed the pipe (`| head -1`) rejects with `OutputClosedError`.
   */
  write(text: string): Promise<void> {
    return writeFully(this.#io.stdout, text).catch((error: unknown) => {
      throw (error as { code?: unknown })?.code === 'EPIPE'
        ? new OutputClosedError('stdout closed', { cause: error })
        : error;
    });
  }
}
