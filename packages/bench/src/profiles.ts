import type { Profile } from './report.js';

/** BENCH_SCALE shrinks or grows every batch, for a quick look or a steadier figure. */
export const SCALE = Number(process.env.BENCH_SCALE ?? '1') || 1;

/** The concurrencies every row runs at. */
export const CONCURRENCIES = [1, 16] as const;

/** The two latency profiles of the server: as fast as it answers, and 10 ms a request. */
export const PROFILES: readonly Profile[] = [
  {
    id: 'local',
    title: 'Local server, no added latency (client CPU cost)',
    delayMs: 0,
    // note: batches of a few hundred milliseconds of CPU each, so that one garbage collection or
    // one preemption moves a round's figure by little, and a median over 31 rounds ignores the
    // rounds it moved most.
    rounds: 31,
    calls: { 1: 400, 16: 480 },
    // note: a row's CPU time per call keeps falling for about its first 2,400 calls, while the JIT
    // compiles its path; rounds begin after that.
    warmup: { 1: 2400, 16: 2400 },
  },
  {
    id: 'latency',
    title: 'Server adds 10 ms to every request (round trips)',
    delayMs: 10,
    rounds: 9,
    calls: { 1: 20, 16: 160 },
    warmup: { 1: 4, 16: 32 },
  },
];

/** `n` times BENCH_SCALE, at least 1. */
export function scaled(n: number): number {
  return Math.max(1, Math.round(n * SCALE));
}
