import { createAtlasAiKeysClient } from '@org/atlas-ai-keys';
import { halves, median } from './measure.js';
import { ServerProcess } from './remote-server.js';
import { machine } from './report.js';
import { resultsJson, writeResults } from './results-files.js';
import { KEY } from './server.js';

/** The round trip the server adds to every request: a realistic one to Atlas. */
const DELAY_MS = 50;
/** Interleaved rounds of every case; each walk of 5,000 keys takes 0.2 to 0.6 s. */
const ROUNDS = 7;
/** The walk of this many keys, counted exactly, must take at most this share of the sequential one. */
const TARGET = { keys: 5_000, ratio: 0.45, requests: 10 };

/** One list the server serves: its keys and what its `totalCount` says. */
interface ListCase {
  readonly label: string;
  readonly keys: number;
  /** Added to the number of keys in the `totalCount` the pages report. */
  readonly countError: number;
}

const CASES: readonly ListCase[] = [
  { label: '600 keys', keys: 600, countError: 0 },
  { label: '5,000 keys', keys: 5_000, countError: 0 },
  { label: '5,000 keys, totalCount 300 short', keys: 5_000, countError: -300 },
  { label: '5,000 keys, totalCount 700 over', keys: 5_000, countError: 700 },
];

/** How one way of walking did on one list. */
export interface WalkFigures {
  /** Median wall time of the walk, in milliseconds. */
  readonly ms: number;
  /** HTTP requests of one walk (the same every round). */
  readonly requests: number;
  /** Keys the walk listed. */
  readonly listed: number;
}

/** Sequential against parallel walks of one list. */
export interface ListingResult {
  readonly label: string;
  readonly keys: number;
  readonly totalCount: number;
  readonly sequential: WalkFigures;
  readonly parallel: WalkFigures;
  /** Median over rounds of the parallel walk's time divided by the sequential one's. */
  readonly ratio: number;
  /** The medians of the odd and of the even rounds' ratios. */
  readonly halves: readonly [number, number];
}

/** What the listing part of the bench measured. */
export interface ListingResults {
  readonly date: string;
  readonly delayMs: number;
  readonly rounds: number;
  readonly results: readonly ListingResult[];
  readonly target: string;
  readonly met: boolean;
}

/** Walks every key with `for await`; resolves with its time, its requests and the keys listed. */
async function walk(server: ServerProcess, pageConcurrency: number) {
  const client = createAtlasAiKeysClient({ baseUrl: server.url, logLevel: 'off', pageConcurrency });
  await server.takeCounters();
  let listed = 0;
  const begin = performance.now();
  for await (const _ of client.keys.list({ groupId: KEY.groupId })) listed++;
  const ms = performance.now() - begin;
  const { requests } = await server.takeCounters();
  return { ms, requests, listed };
}

/** Each case walked one page at a time and four at a time, in interleaved rounds. */
export async function measureListing(): Promise<ListingResults> {
  const server = await ServerProcess.start();
  try {
    await server.configure({ mode: 'none', delayMs: DELAY_MS });
    const results: ListingResult[] = [];
    for (const { label, keys, countError } of CASES) {
      await server.configure({ listSize: keys, totalCountError: countError });
      // note: a warm-up of each, so that neither pays for the first connection.
      await walk(server, 1);
      await walk(server, 4);
      const rounds: { sequential: WalkFigures; parallel: WalkFigures }[] = [];
      for (let round = 0; round < ROUNDS; round++) {
        // note: which goes first alternates, so that drift of the machine touches both alike.
        if (round % 2 === 0) {
          const sequential = await walk(server, 1);
          rounds.push({ sequential, parallel: await walk(server, 4) });
        } else {
          const parallel = await walk(server, 4);
          rounds.push({ sequential: await walk(server, 1), parallel });
        }
      }
      const figures = (way: 'sequential' | 'parallel'): WalkFigures => ({
        ms: median(rounds.map((r) => r[way].ms)),
        requests: Math.max(...rounds.map((r) => r[way].requests)),
        listed: Math.min(...rounds.map((r) => r[way].listed)),
      });
      const ratios = rounds.map((r) => r.parallel.ms / r.sequential.ms);
      results.push({
        label,
        keys,
        totalCount: keys + countError,
        sequential: figures('sequential'),
        parallel: figures('parallel'),
        ratio: median(ratios),
        halves: halves(ratios),
      });
    }
    const target = results.find((r) => r.keys === TARGET.keys && r.totalCount === TARGET.keys);
    const met =
      results.every((r) => r.sequential.listed === r.keys && r.parallel.listed === r.keys) &&
      target !== undefined &&
      target.ratio <= TARGET.ratio &&
      target.parallel.requests === TARGET.requests;
    return {
      date: new Date().toISOString(),
      delayMs: DELAY_MS,
      rounds: ROUNDS,
      results,
      target: `every key listed; ${TARGET.keys.toLocaleString('en')} keys counted exactly: ≤ ${TARGET.ratio}× the sequential walk's time, ${TARGET.requests} requests`,
      met,
    };
  } finally {
    await server.close();
  }
}

/** The results as Markdown, for the committed file and the console. */
export function listingMarkdown(results: ListingResults, load: string): string {
  const m = machine();
  const rows = results.results.map(
    (r) =>
      `| ${r.label} | ${r.totalCount} | ${r.sequential.ms.toFixed(0)} ms, ${r.sequential.requests} requests | ${r.parallel.ms.toFixed(0)} ms, ${r.parallel.requests} requests | **${r.ratio.toFixed(2)}×** (${r.halves.map((h) => h.toFixed(2)).join(', ')}) | ${r.parallel.listed} |`,
  );
  return `# Listing: pages one after another against pages in parallel

Written by \`pnpm bench -- --write\` (packages/bench/src/listing.ts); do not edit by hand.

- date: ${results.date}
- machine: ${m.cpu}, ${m.cores} cores, ${m.os}; Node.js ${m.node}; ${load}

Every key of a project with \`for await\`, 500 keys a page, against a server (its own process) that
adds ${results.delayMs} ms to every request. Sequential is \`pageConcurrency: 1\` (one page after
another); parallel is the default: page 1, then the pages its \`totalCount\` announces, 4 at a
time. Median of ${results.rounds} interleaved rounds; the ratio is the median of each round's
parallel time over its sequential time (in brackets: the medians of the odd and the even rounds).

| list | totalCount | sequential | parallel | parallel ÷ sequential | keys listed |
| --- | --- | --- | --- | --- | --- |
${rows.join('\n')}

Target: ${results.target}: ${results.met ? 'met' : '**not met**'}.
`;
}

/**
 * Runs the listing part of the bench and prints it; with `write`, also writes
 * results/listing.{md,json}, aside first. Resolves with whether its target was met.
 */
export async function listingBench(write: boolean, load: string): Promise<boolean> {
  process.stderr.write('measuring: listing, pages one after another and in parallel\n');
  const results = await measureListing();
  const markdown = listingMarkdown(results, load);
  process.stdout.write(`\n${markdown}`);
  if (write) await writeResults('listing', markdown, resultsJson(results));
  return results.met;
}
