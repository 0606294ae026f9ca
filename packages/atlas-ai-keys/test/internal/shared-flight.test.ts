import { describe, expect, it } from 'vitest';
import { SharedFlight } from '../../src/internal/shared-flight.js';

/** Work that settles when the test says, counting how often it was started. */
function controlledWork() {
  const runs: { signal: AbortSignal; resolve: (value: string) => void }[] = [];
  const work = (signal: AbortSignal) =>
    new Promise<string>((resolve) => {
      runs.push({ signal, resolve });
    });
  return { runs, work };
}

const live = () => new AbortController().signal;

describe('a shared flight', () => {
  it('runs the work once for every caller that joins while it runs', async () => {
    const flight = new SharedFlight<string>();
    const { runs, work } = controlledWork();
    const callers = [flight.join(live(), work), flight.join(live(), work), flight.wait(live())];
    expect(runs).toHaveLength(1);
    expect(flight.busy).toBe(true);
    runs[0]?.resolve('token');
    expect(await Promise.all(callers)).toEqual(['token', 'token', 'token']);
    expect(flight.busy).toBe(false);
  });

  it('starts the work afresh for a caller that comes once it settled', async () => {
    const flight = new SharedFlight<string>();
    const { runs, work } = controlledWork();
    const first = flight.join(live(), work);
    runs[0]?.resolve('one');
    await first;
    const second = flight.join(live(), work);
    expect(runs).toHaveLength(2);
    runs[1]?.resolve('two');
    expect(await second).toBe('two');
  });

  it('lets one caller leave with its own reason while the others keep waiting', async () => {
    const flight = new SharedFlight<string>();
    const { runs, work } = controlledWork();
    const leaving = new AbortController();
    const left = flight.join(leaving.signal, work);
    const staying = flight.join(live(), work);
    leaving.abort(new Error('caller gave up'));
    await expect(left).rejects.toThrow('caller gave up');
    expect(runs[0]?.signal.aborted).toBe(false);
    runs[0]?.resolve('token');
    expect(await staying).toBe('token');
  });

  it('aborts the work when its last caller leaves, and the next caller starts it again', async () => {
    const flight = new SharedFlight<string>();
    const { runs, work } = controlledWork();
    const caller = new AbortController();
    const left = flight.join(caller.signal, work);
    caller.abort(new Error('gone'));
    await expect(left).rejects.toThrow('gone');
    expect(runs[0]?.signal.aborted).toBe(true);
    expect(flight.busy).toBe(false);
    const next = flight.join(live(), work);
    expect(runs).toHaveLength(2);
    runs[1]?.resolve('fresh');
    expect(await next).toBe('fresh');
  });

  it('refuses a caller whose signal has already aborted, without starting anything', async () => {
    const flight = new SharedFlight<string>();
    const { runs, work } = controlledWork();
    const signal = AbortSignal.abort(new Error('too late'));
    await expect(flight.join(signal, work)).rejects.toThrow('too late');
    expect(runs).toHaveLength(0);
    expect(flight.busy).toBe(false);
  });

  it('rejects every waiting caller with the work’s own failure', async () => {
    const flight = new SharedFlight<string>();
    const failing = () => Promise.reject(new Error('token endpoint down'));
    const callers = [flight.join(live(), failing), flight.wait(live())];
    const outcomes = await Promise.allSettled(callers);
    expect(outcomes.map((outcome) => outcome.status)).toEqual(['rejected', 'rejected']);
  });

  it('tells when every run started so far has settled', async () => {
    const flight = new SharedFlight<string>();
    const { runs, work } = controlledWork();
    flight.start(work);
    let settled = false;
    const done = flight.settled().then(() => {
      settled = true;
    });
    await Promise.resolve();
    expect(settled).toBe(false);
    runs[0]?.resolve('x');
    await done;
    expect(settled).toBe(true);
  });
});
