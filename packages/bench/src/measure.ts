import type { Call } from './contenders.js';

/** The outcome of one batch of calls. */
export interface Batch {
  /** Wall time of the whole batch, in milliseconds. */
  readonly ms: number;
  /** CPU time this process spent on the batch (user and system), in microseconds. */
  readonly cpuUs: number;
  readonly calls: number;
  readonly failed: number;
}

/**
 * Runs `calls` calls with at most `concurrency` in flight, timing the whole batch by the wall
 * clock and by this process's CPU time: the server runs in another process, so the CPU time is the
 * client's alone, and other processes on the machine do not add to it as they add to wall time.
 */
export async function runBatch(call: Call, calls: number, concurrency: number): Promise<Batch> {
  let started = 0;
  let failed = 0;
  const worker = async () => {
    while (started < calls) {
      started++;
      try {
        if (!(await call())) failed++;
      } catch {
        failed++;
      }
    }
  };
  const cpu = process.cpuUsage();
  const begin = performance.now();
  await Promise.all(Array.from({ length: Math.min(concurrency, calls) }, worker));
  const ms = performance.now() - begin;
  const { user, system } = process.cpuUsage(cpu);
  return { ms, cpuUs: user + system, calls, failed };
}

/** The median of a non-empty list. */
export function median(values: readonly number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = sorted.length >> 1;
  return sorted.length % 2 === 1
    ? (sorted[middle] as number)
    : ((sorted[middle - 1] as number) + (sorted[middle] as number)) / 2;
}

/** How much a median can be trusted: the medians of the odd and of the even rounds alone. */
export function halves(values: readonly number[]): [number, number] {
  const odd = values.filter((_, i) => i % 2 === 0);
  const even = values.filter((_, i) => i % 2 === 1);
  return [median(odd), median(even.length > 0 ? even : odd)];
}

/** Rotates `items` left by `by`, so each round starts with a different row. */
export function rotate<T>(items: readonly T[], by: number): T[] {
  const shift = by % items.length;
  return [...items.slice(shift), ...items.slice(0, shift)];
}
