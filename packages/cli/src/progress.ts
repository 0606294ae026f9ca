import type { CliIo } from './io.js';

/** Erases the current terminal line and returns to its start. */
const CLEAR_LINE = '\r\u001b[2K';

/** Progress of a paged list on stderr: one line rewritten in place, on a terminal only. */
export class Progress {
  readonly #io: CliIo;
  readonly #enabled: boolean;
  readonly #noun: readonly [one: string, many: string];
  #shown = false;

  /** `noun` is what the list's items are called: one, many. */
  constructor(io: CliIo, noun: readonly [one: string, many: string]) {
    this.#io = io;
    this.#noun = noun;
    // note: never on a pipe or a file, where a rewritten line would be noise in a log.
    this.#enabled = io.tty.stderr;
  }

  /** Shows how far the list has got. */
  update(pages: number, items: number, total: number | undefined): void {
    if (!this.#enabled) return;
    // note: a total smaller than what was already fetched is stale or wrong, and one that is no
    // whole number is the server's text: either is left out.
    const of = Number.isSafeInteger(total) && (total as number) >= items ? ` of ${total}` : '';
    const noun = this.#noun[items === 1 && of === '' ? 0 : 1];
    const line = `Fetched ${pages} ${pages === 1 ? 'page' : 'pages'}: ${items}${of} ${noun}…`;
    this.#io.stderr.write(`${CLEAR_LINE}${line}`);
    this.#shown = true;
  }

  /** Erases the progress line, so what follows starts on a clean line. */
  clear(): void {
    if (this.#shown) this.#io.stderr.write(CLEAR_LINE);
    this.#shown = false;
  }
}
