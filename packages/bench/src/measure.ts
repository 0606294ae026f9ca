import type { Call } from './contenders.js';

/** The outcome of one batch of calls. */
export interface Batch {
  /** Wall time of the whole batch, in milliseconds. */
  readonly ms: number;
  readonly calls: number;
  readonly failed: number;
}

/** Runs `calls` calls with at most `concurrency` in flight and times the whole batch. */
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
  const begin = performance.now();
  await Promise.all(Array.from({ length: Math.min(concurrency, calls) }, worker));
  return { ms: performance.now() - begin, calls, failed };
}

/** The median of a non-empty list. */
export function median(values: readonly number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = sorted.length >> 1;
  return sorted.length % 2 === 1
    ? (sorted[middle] as number)
    : ((sorted[middle - 1] as number) + (sorted[middle] as number)) / 2;
}

/** Rotates `items` left by `by`, so each round starts with a different row. */
export function rotate<T>(items: readonly T[], by: number): T[] {
  const shift = by % items.length;
  return [...items.slice(shift), ...items.slice(0, shift)];
}
