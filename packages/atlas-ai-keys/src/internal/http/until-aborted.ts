/** Requests whose fetch is under way; see `untilAborted`. */
const inFlight = new Set<unknown>();

/**
 * Settles like `promise`, or rejects with `signal.reason` as soon as `signal` aborts.
 *
 * Undici passes an abort on to a Request only while that Request object is still referenced (a
 * WeakRef links them), and nothing holds it once fetch has copied it: after a garbage collection
 * the abort, and so the timeout, would never reach the connection. `keepAlive` (the Request) is
 * therefore held until `promise` settles or `signal` aborts. The race also bounds a custom fetch
 * that ignores signals.
 */
export function untilAborted<T>(
  promise: Promise<T>,
  signal: AbortSignal,
  keepAlive?: unknown,
): Promise<T> {
  if (keepAlive !== undefined) inFlight.add(keepAlive);
  return new Promise<T>((resolve, reject) => {
    const done = () => {
      signal.removeEventListener('abort', onAbort);
      inFlight.delete(keepAlive);
    };
    // note: undici's own listener, added when the Request was made, has run by now; the Request
    // need not be held any longer, even if a custom fetch never settles.
    const onAbort = () => {
      done();
      reject(signal.reason);
    };
    if (signal.aborted) onAbort();
    else signal.addEventListener('abort', onAbort, { once: true });
    promise.then(
      (value) => {
        done();
        // note: a response that arrives after the abort is nobody's; free its connection.
        if (signal.aborted && value instanceof Response) value.body?.cancel().catch(() => {});
        resolve(value);
      },
      (error: unknown) => {
        done();
        reject(error);
      },
    );
  });
}
