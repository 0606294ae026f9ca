import { describe, expect, test } from 'vitest';
import { type FinishIo, finish } from '../src/finish.js';
import type { BenchResults, TargetResult } from '../src/report.js';

const met: TargetResult = { target: 'digest: one request per call', figure: '1.00', met: true };
const missed: TargetResult = {
  target: 'no auth, local, c=1: time per call ≤ 1.05× bare openapi-fetch',
  figure: '1.133×',
  met: false,
};

/** A finished run with no rows, judged by `targets`. */
function results(targets: TargetResult[]): BenchResults {
  return {
    date: '2026-01-01T00:00:00.000Z',
    machine: { cpu: 'test cpu', cores: 2, os: 'test os', node: 'v20.20.2' },
    durationSeconds: 1,
    scale: 1,
    profiles: [],
    targetProcesses: 0,
    rows: [],
    cold: [],
    targetRuns: [],
    targets,
  };
}

/** An io that records what a run printed and wrote. */
function recording() {
  const seen = { written: [] as string[][], stdout: '', stderr: '' };
  const io: FinishIo = {
    writeResults: async (markdown, json) => {
      seen.written.push([markdown, json]);
    },
    stdout: (text) => {
      seen.stdout += text;
    },
    stderr: (text) => {
      seen.stderr += text;
    },
  };
  return { io, seen };
}

describe('the end of a bench run', () => {
  test('without --write it prints the results and writes nothing', async () => {
    const { io, seen } = recording();
    await finish(results([met]), { write: false }, io);
    expect(seen.written).toEqual([]);
    expect(seen.stdout).toContain('## Targets');
    expect(seen.stdout).toContain('not written: `pnpm bench -- --write`');
  });

  test('with --write it writes the markdown and the JSON of the same run', async () => {
    const { io, seen } = recording();
    const run = results([met]);
    await finish(run, { write: true }, io);
    expect(seen.written).toHaveLength(1);
    const [markdown, json] = seen.written[0] as [string, string];
    expect(markdown).toContain('- date: 2026-01-01T00:00:00.000Z');
    expect(JSON.parse(json)).toEqual(run);
    expect(seen.stdout).toContain('written to packages/bench/results/latest.md and latest.json');
  });

  test('exits with 0 when every target is met', async () => {
    const { io, seen } = recording();
    await expect(finish(results([met, met]), { write: false }, io)).resolves.toBe(0);
    expect(seen.stderr).toBe('');
  });

  test.each([false, true])(
    'exits with 1 when a target is missed, naming it and its figure (write: %s)',
    async (write) => {
      const { io, seen } = recording();
      await expect(finish(results([met, missed]), { write }, io)).resolves.toBe(1);
      expect(seen.stderr).toBe(
        '1 target(s) missed:\n  no auth, local, c=1: time per call ≤ 1.05× bare openapi-fetch: measured 1.133×\n',
      );
      expect(seen.written).toHaveLength(write ? 1 : 0);
    },
  );
});
