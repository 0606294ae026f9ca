import { execFile } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { measureCell } from './cell.js';
import { cliListBench } from './cli-list.js';
import { cliStartup } from './cli-startup.js';
import { SECTIONS } from './contenders.js';
import { finish } from './finish.js';
import { listingBench } from './listing.js';
import { runBatch } from './measure.js';
import { type BenchOptions, parseOptions, USAGE } from './options.js';
import { CONCURRENCIES, PROFILES, SCALE, scaled } from './profiles.js';
import { ServerProcess } from './remote-server.js';
import {
  type BenchResults,
  type ColdResult,
  checkTargets,
  loadText,
  machine,
  type RowResult,
  type TargetRun,
} from './report.js';
import { resourceBench } from './resource.js';
import { writeResults } from './results-files.js';

const COLD_CALLS = 100;

/** Fresh processes that each measure the local-server CPU targets; their median decides them. */
const TARGET_PROCESSES = 5;

const TARGET_PROCESS = fileURLToPath(new URL('./target-process.js', import.meta.url));

/**
 * Runs `TARGET_PROCESSES` measurements of the CPU targets at each concurrency, one fresh process
 * at a time, alternating the concurrencies so that a slow spell of the machine falls on both.
 */
async function targetRuns(): Promise<TargetRun[]> {
  const runs: TargetRun[] = [];
  for (let i = 1; i <= TARGET_PROCESSES; i++) {
    for (const concurrency of CONCURRENCIES) {
      process.stderr.write(
        `measuring: local targets, concurrency ${concurrency}, process ${i} of ${TARGET_PROCESSES}\n`,
      );
      const { stdout } = await promisify(execFile)(
        process.execPath,
        [TARGET_PROCESS, String(concurrency)],
        { maxBuffer: 64 * 1024 * 1024 },
      );
      runs.push({ concurrency, rows: JSON.parse(stdout) as RowResult[] });
    }
  }
  return runs;
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
    const runs = await targetRuns();
    const results: BenchResults = {
      date: new Date().toISOString(),
      machine: machine(),
      durationSeconds: Math.round((performance.now() - started) / 1000),
      scale: SCALE,
      profiles: PROFILES.map((p) => ({
        ...p,
        calls: { 1: scaled(p.calls[1]), 16: scaled(p.calls[16]) },
      })),
      targetProcesses: TARGET_PROCESSES,
      rows,
      cold,
      targetRuns: runs,
      targets: checkTargets(rows, cold, runs),
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
