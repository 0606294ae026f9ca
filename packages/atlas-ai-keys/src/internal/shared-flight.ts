/** One run of the shared work and how many callers wait for it. */
interface Flight<T> {
  readonly promise: Promise<T>;
  readonly controller: AbortController;
  waiters: number;
}

/**
 * One piece of work that every caller asking for it while it runs waits for, instead of starting
 * its own: a service account's token request, a Digest challenge. Each caller waits under its own
 * signal and may leave early; the work's own signal aborts once every caller has left. An outcome
 * is not kept: once the work settles, the next caller starts it again.
 */
export class SharedFlight<T> {
  #flight: Flight<T> | undefined;
  /** Every run not yet settled, an abandoned one included, for `settled()`. */
  readonly #running = new Set<Promise<unknown>>();

  /** Whether a run is under way that a caller would wait for. */
  get busy(): boolean {
    return this.#flight !== undefined;
  }

  /** Waits for the run under way or, when there is none, for `work`, started now. */
  join(signal: AbortSignal, work: (signal: AbortSignal) => Promise<T>): Promise<T> {
    // note: a caller that has already left starts nothing nobody would wait for.
    if (signal.aborted) return Promise.reject(signal.reason);
    return this.#wait(this.#flight ?? this.#start(work), signal);
  }

  /** Starts `work` as the run others wait for, without waiting for it. */
  start(work: (signal: AbortSignal) => Promise<T>): void {
    this.#start(work);
  }

  /**
   * Settles with the run under way (with undefined when there is none); rejects with
   * `signal.reason` as soon as `signal` aborts, leaving the run to the other callers.
   */
  wait(signal: AbortSignal): Promise<T | undefined> {
    return this.#flight ? this.#wait(this.#flight, signal) : Promise.resolve(undefined);
  }

  /** Resolves once every run started so far has settled, whatever its outcome. */
  async settled(): Promise<void> {
    await Promise.allSettled([...this.#running]);
  }

  #start(work: (signal: AbortSignal) => Promise<T>): Flight<T> {
    const controller = new AbortController();
    const promise = work(controller.signal);
    const flight: Flight<T> = { promise, controller, waiters: 0 };
    this.#flight = flight;
    this.#running.add(promise);
    const done = () => {
      this.#running.delete(promise);
      if (this.#flight === flight) this.#flight = undefined;
    };
    promise.then(done, done);
    return flight;
  }

  #wait(flight: Flight<T>, signal: AbortSignal): Promise<T> {
    if (signal.aborted) return Promise.reject(signal.reason);
    flight.waiters++;
    return new Promise<T>((resolve, reject) => {
      const leave = () => {
        reject(signal.reason);
        // note: the last caller to leave takes the run with it; a later caller starts afresh.
        if (--flight.waiters === 0 && this.#flight === flight) {
          this.#flight = undefined;
          flight.controller.abort(signal.reason);
        }
      };
      signal.addEventListener('abort', leave, { once: true });
      flight.promise
        .then(resolve, reject)
        .finally(() => signal.removeEventListener('abort', leave));
    });
  }
}
