import { subscribe, unsubscribe } from 'node:diagnostics_channel';
import { vi } from 'vitest';
import type { Logger } from '../../../src/logger.js';
import type { Settled } from './client.js';
import type { FaultServer } from './fault-server.js';

/** What a call waits for, as the driver learns it. */
type Wait =
  /** An attempt is held by the server and can only end by its timeout. */
  | { readonly kind: 'held' }
  /** The client waits `delayMs` before its next attempt. */
  | { readonly kind: 'retry'; readonly delayMs: number }
  | { readonly kind: 'settled' };

/** How to drive one call. */
export interface DriveOptions {
  /** Each attempt's time limit: how far the clock moves when the server holds an attempt. */
  readonly timeoutMs: number;
  /** Runs while an attempt is held, before its time runs out. */
  readonly whileHeld?: () => Promise<void>;
}

/** Undici's report of response headers, as `diagnostics_channel` publishes it. */
interface HeadersMessage {
  readonly response: { readonly headers: readonly (Buffer | string)[] };
}

/**
 * Runs calls against a fault server on the fake clock (see `useFaultServers({ fakeClock })`),
 * moving the clock only while the client provably waits on a timer of its own: when the server
 * holds an attempt (a hang, or a trickled body whose headers the client has), by the attempt's
 * timeout; when the client logs that it will retry, by the delay it names. Every other step is
 * real I/O that the clock does not wait for, so a loaded machine changes nothing: no timeout can
 * fire early or late, and the time a call took is the time its own timers asked for.
 *
 * The client must log through `logger` at `info` (pass `...driver.logging` to `faultClient`).
 */
export function clockDriver(server: FaultServer): {
  readonly logging: { readonly logger: Logger; readonly logLevel: 'info' };
  drive<T>(call: () => PromiseLike<T>, options: DriveOptions): Promise<Settled<T>>;
} {
  const waits: Wait[] = [];
  let wake = () => {};
  const push = (wait: Wait) => {
    waits.push(wait);
    wake();
  };
  const next = async (): Promise<Wait> => {
    while (waits.length === 0) await new Promise<void>((resolve) => (wake = resolve));
    return waits.shift() as Wait;
  };

  server.onHang(() => push({ kind: 'held' }));
  const ignore = () => {};
  const logger: Logger = {
    debug: ignore,
    info: (message, fields) => {
      if (message.startsWith('retrying '))
        push({ kind: 'retry', delayMs: Number(fields?.delayMs) });
    },
    warn: ignore,
    error: ignore,
  };

  return {
    logging: { logger, logLevel: 'info' },
    async drive(call, { timeoutMs, whileHeld }) {
      // note: a trickled body holds the attempt only once its headers reached the client, so
      // that it is the body the timeout has to cover.
      const onHeaders = (message: unknown) => {
        const { headers } = (message as HeadersMessage).response;
        const marked = headers.some(
          (value, i) => i % 2 === 0 && String(value).toLowerCase() === 'x-fault',
        );
        if (marked) push({ kind: 'held' });
      };
      subscribe('undici:request:headers', onHeaders);
      const started = performance.now();
      const outcome = Promise.resolve()
        .then(call)
        .then(
          (data) => ({ data, error: undefined }),
          (error: unknown) => ({ data: undefined, error: error as Settled<never>['error'] }),
        );
      outcome.then(() => push({ kind: 'settled' }));
      try {
        for (let wait = await next(); wait.kind !== 'settled'; wait = await next()) {
          if (wait.kind === 'held') {
            await whileHeld?.();
            await vi.advanceTimersByTimeAsync(timeoutMs);
          } else {
            await vi.advanceTimersByTimeAsync(wait.delayMs);
          }
        }
      } finally {
        unsubscribe('undici:request:headers', onHeaders);
      }
      return { ...(await outcome), ms: performance.now() - started };
    },
  };
}
