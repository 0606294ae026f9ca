import {
  type AtlasAiKeysClient,
  type AtlasAiKeysClientOptions,
  createAtlasAiKeysClient,
} from '../../../src/index.js';

/** Limits every fault test runs under: short, so a hang costs little, and retried once. */
export const LIMITS = {
  timeoutMs: 200,
  maxRetries: 1,
  retry: { baseDelayMs: 10, maxDelayMs: 20, maxRetryAfterMs: 2_000 },
} as const;

/** The timeout of tests that are not about timing, long enough for a heavily loaded machine. */
export const ROOMY_TIMEOUT_MS = 5_000;

/**
 * The longest a call may take under `LIMITS` on the fake clock: every attempt timing out, plus
 * every delay. No slack: on the fake clock a call takes exactly what its timers ask for.
 */
export function worstCaseMs(extraDelayMs = 0): number {
  const { timeoutMs, maxRetries, retry } = LIMITS;
  return (maxRetries + 1) * timeoutMs + maxRetries * retry.maxDelayMs + extraDelayMs;
}

/** A client for `baseUrl` under `LIMITS`, silent unless `options` say otherwise. */
export function faultClient(
  baseUrl: string,
  options: AtlasAiKeysClientOptions = {},
): AtlasAiKeysClient {
  return createAtlasAiKeysClient({ baseUrl, logLevel: 'off', ...LIMITS, ...options });
}

/** How a call ended and how long it took. */
export interface Settled<T> {
  readonly data: T | undefined;
  readonly error: (Error & Record<string, unknown>) | undefined;
  readonly ms: number;
}

/** Awaits `call`, never throwing: the data or the error, and the time it took. */
export async function settle<T>(call: () => PromiseLike<T>): Promise<Settled<T>> {
  const started = performance.now();
  try {
    const data = await call();
    return { data, error: undefined, ms: performance.now() - started };
  } catch (error) {
    return {
      data: undefined,
      error: error as Error & Record<string, unknown>,
      ms: performance.now() - started,
    };
  }
}

/** Pairs each table row with its `name`, so `test.each(...)('%s', ...)` titles it as a sentence. */
export function named<T extends { readonly name: string }>(rows: readonly T[]): [string, T][] {
  return rows.map((row) => [row.name, row]);
}
