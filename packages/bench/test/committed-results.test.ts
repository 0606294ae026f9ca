// The committed results and the figures the READMEs quote from them must agree: a run written
// with `--write` and not carried over into the READMEs fails here.
import { readFileSync } from 'node:fs';
import { describe, expect, test } from 'vitest';
import { median } from '../src/measure.js';
import {
  type BenchResults,
  missedTargets,
  pairedRatio,
  processRatios,
  toMarkdown,
} from '../src/report.js';

const read = (path: string) => readFileSync(new URL(path, import.meta.url), 'utf8');
const results = JSON.parse(read('../results/latest.json')) as BenchResults;
const READMES = { root: read('../../../README.md'), bench: read('../README.md') };

/** A row's ratio to raw fetch, as the READMEs round it. */
function ratio(profile: string, id: string, concurrency: number): string {
  const row = results.rows.find(
    (r) => r.profile === profile && r.id === id && r.concurrency === concurrency,
  );
  if (!row) throw new Error(`no row ${id} at c=${concurrency} in ${profile}`);
  return row.ratioToRawFetch.toFixed(2);
}

/**
 * The client's no-auth cost per call over bare openapi-fetch's, as the READMEs round it and as
 * the targets decide it: on the local server, the median CPU-time ratio of the target processes;
 * at 10 ms, wall time in the main table.
 */
function overhead(profile: string, concurrency: number): string {
  const ratio =
    profile === 'local'
      ? median(processRatios(results.targetRuns, 'ours-none', 'openapi-fetch', concurrency))
      : pairedRatio(results.rows, profile, 'ours-none', 'openapi-fetch', concurrency);
  return ratio.toFixed(2);
}

/** The range of two ratios, low to high, as the root README writes it. */
const range = (a: string, b: string) => [a, b].sort().join('–');

describe('the committed bench results', () => {
  test('the local CPU targets were decided by every process the run started', () => {
    for (const concurrency of [1, 16]) {
      const runs = results.targetRuns.filter((run) => run.concurrency === concurrency);
      expect(runs).toHaveLength(results.targetProcesses);
    }
    expect(results.targetProcesses).toBeGreaterThanOrEqual(5);
  });

  test('latest.md is the markdown of latest.json', () => {
    expect(read('../results/latest.md')).toBe(toMarkdown(results));
  });

  test('the no-auth overhead quoted by both READMEs is the committed one', () => {
    const local = `${overhead('local', 1)}× (c=1), ${overhead('local', 16)}× (c=16)`;
    const latency = `${overhead('latency', 1)}× (c=1), ${overhead('latency', 16)}× (c=16)`;
    expect(READMES.root).toContain(local);
    expect(READMES.bench).toContain(local);
    expect(READMES.bench).toContain(latency);
    expect(READMES.root).toContain(
      `(${overhead('latency', 1)}× and ${overhead('latency', 16)}× at 10 ms)`,
    );
  });

  test('the 10 ms time-per-call ratios in the root README are the committed ones', () => {
    const [digest1, digest16] = [1, 16].map((c) => ratio('latency', 'ours-digest', c));
    const [sa1, sa16] = [1, 16].map((c) => ratio('latency', 'ours-service-account', c));
    const [urllib1, urllib16] = [1, 16].map((c) => ratio('latency', 'urllib', c));
    expect(READMES.root).toContain(
      `digest ${range(digest1 as string, digest16 as string)}×, service account ${range(sa1 as string, sa16 as string)}×`,
    );
    expect(READMES.root).toContain(
      `urllib digest ${range(urllib1 as string, urllib16 as string)}×`,
    );
    expect(READMES.bench).toContain(`${digest1}× / ${digest16}×`);
    expect(READMES.bench).toContain(`${sa1}× / ${sa16}×`);
  });

  test('every missed target is named with its figure in both READMEs', () => {
    for (const missed of missedTargets(results)) {
      const concurrency = /c=(\d+)/.exec(missed.target)?.[1];
      const quoted = `${missed.figure} (c=${concurrency})`;
      expect(READMES.root).toContain(quoted);
      expect(READMES.bench).toContain(quoted);
    }
  });
});
