import { afterAll, afterEach, beforeAll, beforeEach, expect, vi } from 'vitest';
import { FAKE_NOW, FAKED } from '../../helpers/fake-clock.js';
import { type FaultServer, startFaultServer } from './fault-server.js';

/** Resource types that a request, a server or a timer left behind would show up as. */
const WATCHED = ['TCPSocketWrap', 'TCPServerWrap', 'TCPConnectWrap', 'Timeout'] as const;

/** How many of each watched resource keep the event loop alive right now. */
export function resourceCounts(): Record<string, number> {
  const counts: Record<string, number> = Object.fromEntries(WATCHED.map((type) => [type, 0]));
  for (const type of process.getActiveResourcesInfo()) {
    if (type in counts) counts[type] = (counts[type] ?? 0) + 1;
  }
  return counts;
}

/** The watched resources above `baseline`, as `Type +n` strings; empty when none. */
export function excessOver(baseline: Record<string, number>): string[] {
  const now = resourceCounts();
  return WATCHED.filter((type) => (now[type] ?? 0) > (baseline[type] ?? 0)).map(
    (type) => `${type} +${(now[type] ?? 0) - (baseline[type] ?? 0)}`,
  );
}

/**
 * Waits up to `withinMs` for the watched resources to fall back to `baseline` (sockets close a
 * few ticks after their peer goes) and returns what is still in excess.
 */
export async function settledExcess(
  baseline: Record<string, number>,
  withinMs = 1000,
): Promise<string[]> {
  const deadline = performance.now() + withinMs;
  for (;;) {
    const excess = excessOver(baseline);
    if (excess.length === 0 || performance.now() >= deadline) return excess;
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}

/**
 * Fails the file when a promise rejection goes unhandled or an exception goes uncaught while
 * its tests run; registers its own hooks.
 */
export function failOnUnhandledRejections(): void {
  const problems: unknown[] = [];
  const record = (reason: unknown) => problems.push(reason);
  beforeAll(() => {
    process.on('unhandledRejection', record);
    process.on('uncaughtException', record);
  });
  afterAll(async () => {
    // note: Node reports unhandled rejections after the microtask queue drains; give it a turn.
    await new Promise((resolve) => setImmediate(resolve));
    process.off('unhandledRejection', record);
    process.off('uncaughtException', record);
    expect(problems).toEqual([]);
  });
}

/**
 * Fault servers for each test: `servers.start()` starts one; after each test they are closed
 * and the test fails if a socket, server or timer it caused is still alive. With `fakeClock`,
 * each test runs on the fake clock of `helpers/fake-clock.ts` (see `clockDriver`), and the
 * real one is back before the check, which waits for sockets on it.
 */
export function useFaultServers({ fakeClock = false } = {}): { start(): Promise<FaultServer> } {
  const open: FaultServer[] = [];
  let baseline: Record<string, number> = {};
  beforeEach(() => {
    baseline = resourceCounts();
    if (fakeClock) vi.useFakeTimers({ now: FAKE_NOW, toFake: [...FAKED] });
  });
  afterEach(async () => {
    if (fakeClock) vi.useRealTimers();
    await Promise.all(open.splice(0).map((server) => server.close()));
    expect(await settledExcess(baseline, 2000)).toEqual([]);
  });
  return {
    async start() {
      const server = await startFaultServer();
      open.push(server);
      return server;
    },
  };
}
