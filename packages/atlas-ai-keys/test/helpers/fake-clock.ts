import { afterEach, beforeEach, vi } from 'vitest';

/** A whole second, so HTTP dates (which have whole seconds) name exact delays from "now". */
export const FAKE_NOW = new Date('2026-03-02T10:00:00.000Z');

/**
 * The clocks a test controls: timers, `Date` and `performance.now`. Everything else (I/O,
 * setImmediate, microtasks) runs for real, so only the test decides when time passes.
 */
export const FAKED = [
  'setTimeout',
  'clearTimeout',
  'setInterval',
  'clearInterval',
  'Date',
  'performance',
] as const;

/** Runs each test of the file on a fake clock that starts at {@link FAKE_NOW}. */
export function useFakeClock(): void {
  beforeEach(() => {
    vi.useFakeTimers({ now: FAKE_NOW, toFake: [...FAKED] });
  });
  afterEach(() => {
    vi.useRealTimers();
  });
}

/**
 * Moves the fake clock on by `ms`, firing what falls due, then lets every consequence that needs
 * no I/O run (the real event loop turns, so promise chains settle).
 */
export async function advance(ms: number): Promise<void> {
  await vi.advanceTimersByTimeAsync(ms);
  await vi.advanceTimersByTimeAsync(0);
}

/** Whether a promise has settled yet; its rejection is still delivered to whoever awaits it. */
export function watchSettled(promise: PromiseLike<unknown>): { readonly settled: boolean } {
  const state = { settled: false };
  promise.then(
    () => {
      state.settled = true;
    },
    () => {
      state.settled = true;
    },
  );
  return state;
}
