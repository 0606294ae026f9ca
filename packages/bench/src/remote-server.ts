import { type ChildProcess, fork } from 'node:child_process';
import type { Counters, ServerSettings } from './server.js';

/** A message from the bench to its server process. */
export type ServerCommand =
  | { readonly id: number; readonly kind: 'configure'; readonly settings: ServerSettings }
  | { readonly id: number; readonly kind: 'take-counters' | 'issue-token' | 'close' };

/** The server process's answer to the command with the same id (0: its URL, once listening). */
export interface ServerReply {
  readonly id: number;
  readonly value: unknown;
}

/**
 * The bench server (src/server.ts) running in a child process, so that `process.cpuUsage()` in
 * the bench counts the client's work only; every method waits for the child's answer.
 */
export class ServerProcess {
  readonly url: string;
  readonly #child: ChildProcess;
  readonly #waiting = new Map<number, (value: unknown) => void>();
  #next = 1;

  private constructor(child: ChildProcess, url: string) {
    this.#child = child;
    this.url = url;
    child.on('message', ({ id, value }: ServerReply) => {
      this.#waiting.get(id)?.(value);
      this.#waiting.delete(id);
    });
  }

  /** Starts the server process and resolves once it listens. */
  static async start(): Promise<ServerProcess> {
    // note: no execArgv, so that a profiled bench (--cpu-prof) does not profile its server too.
    const child = fork(new URL('./server-process.js', import.meta.url), { execArgv: [] });
    const url = await new Promise<string>((resolve, reject) => {
      child.once('message', ({ value }: ServerReply) => resolve(value as string));
      child.once('error', reject);
      child.once('exit', (code) => reject(new Error(`the bench server exited with ${code}`)));
    });
    return new ServerProcess(child, url);
  }

  /** Changes how the server answers. */
  async configure(settings: ServerSettings): Promise<void> {
    await this.#ask({ id: this.#next++, kind: 'configure', settings });
  }

  /** What the server saw since the last call, then new counters. */
  takeCounters(): Promise<Counters> {
    return this.#ask({ id: this.#next++, kind: 'take-counters' }) as Promise<Counters>;
  }

  /** A bearer token the server accepts. */
  issueToken(): Promise<string> {
    return this.#ask({ id: this.#next++, kind: 'issue-token' }) as Promise<string>;
  }

  /** Stops the server and its process. */
  async close(): Promise<void> {
    await this.#ask({ id: this.#next++, kind: 'close' });
  }

  #ask(command: ServerCommand): Promise<unknown> {
    return new Promise((resolve) => {
      this.#waiting.set(command.id, resolve);
      this.#child.send(command);
    });
  }
}
