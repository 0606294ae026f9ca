import { cliListBench } from './cli-list.js';
import { cliStartup } from './cli-startup.js';
import { type Contender, type Instance, SECTIONS } from './contenders.js';
import { finish } from './finish.js';
import { listingBench } from './listing.js';
import { median, rotate, runBatch } from './measure.js';
import { type BenchOptions, parseOptions, USAGE } from './options.js';
import { ServerProcess } from './remote-server.js';
import {
  type BenchResults,
  type ColdResult,
  checkTargets,
  loadText,
  machine,
  type Profile,
  type RowResult,
} from './report.js';
import { resourceBench } from './resource.js';
import { writeResults } from './results-files.js';

// BENCH_SCALE shrinks or grows every batch, for a quick look or a steadier figure.
const SCALE = Number(process.env.BENCH_SCALE ?? '1') || 1;
const CONCURRENCIES = [1, 16] as const;
const COLD_CALLS = 100;

const PROFILES: readonly Profile[] = [
  {
    id: 'local',
    title: 'Local server, no added latency (client CPU cost)',
    delayMs: 0,
    // note: batches of a few hundred milliseconds of CPU each, so that one garbage collection or
    // one preemption moves a round's figure by little; 31 rounds keep the median steady run to run.
    rounds: 31,
    calls: { 1: 400, 16: 480 },
    warmup: { 1: 400, 16: 480 },
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

function scaled(n: number): number {
  return Math.max(1, Math.round(n * SCALE));
}

/** What one row accumulates over the rounds of a cell. */
interface Tally {
  readonly us: number[];
  readonly cpu: number[];
  failed: number;
  requests: number;
  challenges: number;
  tokenRequests: number;
}

function emptyTally(): Tally {
  return { us: [], cpu: [], failed: 0, requests: 0, challenges: 0, tokenRequests: 0 };
}

async function coldStarts(server: ServerProcess): Promise<ColdResult[]> {
  await server.configure({ delayMs: 0 });
  const results: ColdResult[] = [];
  for (const section of SECTIONS) {
    for (const contender of section.contenders) {
      if (contender.mode === 'none') continue;
      for (const concurrency of CONCURRENCIES) {
        const instance = contender.create(server.url);
        await server.configure({ mode: contender.mode });
        await server.takeCounters();
        const batch = await runBatch(instance.call, COLD_CALLS, concurrency);
        const { requests, challenges, tokenRequests } = await server.takeCounters();
        await instance.close();
        results.push({
          section: section.title,
          id: contender.id,
          label: contender.label,
          concurrency,
          calls: COLD_CALLS,
          requests,
          challenges,
          tokenRequests,
          failed: batch.failed,
        });
      }
    }
  }
  return results;
}

async function measureCell(
  server: ServerProcess,
  profile: Profile,
  concurrency: 1 | 16,
): Promise<RowResult[]> {
  const rows = SECTIONS.flatMap((section) =>
    section.contenders.map((contender) => ({ section: section.title, contender })),
  );
  const live = new Map<Contender, Instance>();
  for (const { contender } of rows) {
    const instance = contender.create(server.url);
    live.set(contender, instance);
    await server.configure({ mode: contender.mode });
    await runBatch(instance.call, scaled(profile.warmup[concurrency]), concurrency);
  }
  const calls = scaled(profile.calls[concurrency]);
  const perRound = new Map<Contender, Tally>();
  for (const { contender } of rows) perRound.set(contender, emptyTally());
  for (let round = 0; round < profile.rounds; round++) {
    for (const { contender } of rotate(rows, round)) {
      const instance = live.get(contender) as Instance;
      await server.configure({ mode: contender.mode });
      await server.takeCounters();
      const batch = await runBatch(instance.call, calls, concurrency);
      const counters = await server.takeCounters();
      const record = perRound.get(contender);
      if (!record) continue;
      record.us.push((batch.ms * 1000) / calls);
      record.cpu.push(batch.cpuUs / calls);
      record.failed += batch.failed;
      record.requests += counters.requests;
      record.challenges += counters.challenges;
      record.tokenRequests += counters.tokenRequests;
    }
  }
  for (const instance of live.values()) await instance.close();

  const baseline = perRound.get(SECTIONS[0]?.contenders[0] as Contender) ?? emptyTally();
  const total = calls * profile.rounds;
  // Each round's time is divided by the baseline of the same round, so drift cancels out.
  const ratio = (values: readonly number[], base: readonly number[]) =>
    median(values.map((value, i) => value / (base[i] as number)));
  return rows.map(({ section, contender }) => {
    const { us, cpu, failed, requests, challenges, tokenRequests } =
      perRound.get(contender) ?? emptyTally();
    return {
      profile: profile.id,
      concurrency,
      section,
      id: contender.id,
      label: contender.label,
      calls: total,
      usPerCall: median(us),
      ratioToRawFetch: ratio(us, baseline.us),
      cpuUsPerCall: median(cpu),
      cpuRatioToRawFetch: ratio(cpu, baseline.cpu),
      requestsPerCall: requests / total,
      challengesPer100: (100 * challenges) / total,
      tokenRequestsPer100: (100 * tokenRequests) / total,
      failed,
      usPerRound: us,
      cpuUsPerRound: cpu,
    };
  });
}

/**
 * Runs every profile and row and prints the tables; writes results/latest.{md,json} only when
 * `options.write` asks, and exits with 1 when a target is missed.
 */
export async function main(options: BenchOptions): Promise<void> {
  const server = await ServerProcess.start();
  const started = performance.now();
  try {
    const cold = await coldStarts(server);
    const rows: RowResult[] = [];
    for (const profile of PROFILES) {
      await server.configure({ delayMs: profile.delayMs });
      for (const concurrency of CONCURRENCIES) {
        process.stderr.write(`measuring: ${profile.id}, concurrency ${concurrency}\n`);
        rows.push(...(await measureCell(server, profile, concurrency)));
      }
    }
    const results: BenchResults = {
      date: new Date().toISOString(),
      machine: machine(),
      durationSeconds: Math.round((performance.now() - started) / 1000),
      scale: SCALE,
      profiles: PROFILES.map((p) => ({
        ...p,
        calls: { 1: scaled(p.calls[1]), 16: scaled(p.calls[16]) },
      })),
      rows,
      cold,
      targets: checkTargets(rows, cold),
    };
    process.exitCode = await finish(results, options, {
      writeResults: (markdown, json) => writeResults('latest', markdown, json),
      stdout: (text) => process.stdout.write(text),
      stderr: (text) => process.stderr.write(text),
    });
  } finally {
    await server.close();
  }
}

let options: BenchOptions;
try {
  options = parseOptions(process.argv.slice(2));
} catch (error) {
  process.stderr.write(`${(error as Error).message}\n${USAGE}\n`);
  process.exit(2);
}
const load = loadText();
await main(options);
// note: each part sets the exit code to 1 when it misses a target; none resets it.
if (!(await resourceBench(options.write))) process.exitCode = 1;
if (!(await listingBench(options.write, load))) process.exitCode = 1;
if (!(await cliListBench(options.write, load))) process.exitCode = 1;
if (!(await cliStartup(options.write))) process.exitCode = 1;
