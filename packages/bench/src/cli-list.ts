import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { cliBin } from './cli-startup.js';
import { median } from './measure.js';
import { ServerProcess } from './remote-server.js';
import { machine } from './report.js';
import { resultsJson, writeResults } from './results-files.js';
import { KEY, now } from './server.js';

/** Keys the project holds: two pages of 500, as many as a team's project may have. */
const KEYS = 600;
/** The round trip the server adds to every request. */
const DELAY_MS = 50;
/** The build is faster than the baseline build when its median run is at least this much shorter. */
const TARGET_MS = 30;

/** One command measured: its median run and its median time to the first request. */
export interface CommandFigures {
  readonly command: string;
  /** Median wall time from spawn to exit, in milliseconds. */
  readonly ms: number;
  /** Median time from spawn to the server receiving the first request; undefined for none. */
  readonly firstRequestMs: number | undefined;
}

/** What the command-line listing part of the bench measured. */
export interface CliListResult {
  readonly date: string;
  readonly runs: number;
  readonly node: CommandFigures;
  readonly cli: CommandFigures;
  /** The same command of another build (`BENCH_BASELINE_CLI`), measured in the same runs. */
  readonly baseline?: CommandFigures & { readonly bin: string };
  /** Median over runs of the baseline's run minus this build's, in milliseconds. */
  readonly savedMs?: number;
  /** Median over runs of the baseline's time to first request minus this build's. */
  readonly firstRequestSavedMs?: number;
  /** Whether this build is at least `TARGET_MS` faster than the baseline; undefined without one. */
  readonly met?: boolean;
}

/** One spawn run to its end: its wall time, and when the server saw its first request. */
function run(server: ServerProcess, args: readonly string[], env: NodeJS.ProcessEnv) {
  return async () => {
    await server.takeCounters();
    const begin = now();
    const done = spawnSync(process.execPath, args, { stdio: ['ignore', 'ignore', 'pipe'], env });
    const end = now();
    if (done.status !== 0) throw new Error(`node ${args.join(' ')} failed: ${done.stderr}`);
    const { firstRequestAt } = await server.takeCounters();
    return { ms: end - begin, firstRequestMs: firstRequestAt ? firstRequestAt - begin : undefined };
  };
}

/**
 * Times `atlas-ai-keys list --json` over 600 keys at 50 ms a request against `node -e 0`, and
 * against the same command of a baseline build when `baselineBin` names one: each a fresh
 * process, interleaved, after untimed runs of each.
 */
export async function measureCliList(runs: number, baselineBin?: string): Promise<CliListResult> {
  const server = await ServerProcess.start();
  // note: an empty home, so that no Atlas CLI profile of the machine is read.
  const home = mkdtempSync(join(tmpdir(), 'atlas-bench-home-'));
  try {
    await server.configure({ mode: 'bearer', delayMs: DELAY_MS, listSize: KEYS });
    const env = {
      PATH: process.env.PATH,
      HOME: home,
      XDG_CONFIG_HOME: home,
      MONGODB_ATLAS_BASE_URL: server.url,
      MONGODB_ATLAS_ACCESS_TOKEN: await server.issueToken(),
    };
    const list = ['list', '--project', KEY.groupId, '--json'];
    const commands = [
      { command: 'node -e 0', run: run(server, ['-e', '0'], env) },
      { command: 'atlas-ai-keys list --json', run: run(server, [cliBin(), ...list], env) },
      ...(baselineBin
        ? [{ command: 'baseline', run: run(server, [baselineBin, ...list], env) }]
        : []),
    ];
    for (let i = 0; i < 3; i++) for (const { run } of commands) await run();
    const seen = commands.map(() => [] as { ms: number; firstRequestMs: number | undefined }[]);
    for (let i = 0; i < runs; i++) {
      for (const [j, { run }] of commands.entries()) seen[j]?.push(await run());
    }
    const figures = (j: number): CommandFigures => {
      const firsts = (seen[j] ?? []).flatMap((r) => r.firstRequestMs ?? []);
      return {
        command: commands[j]?.command ?? '',
        ms: median((seen[j] ?? []).map((r) => r.ms)),
        firstRequestMs: firsts.length > 0 ? median(firsts) : undefined,
      };
    };
    const result = { date: new Date().toISOString(), runs, node: figures(0), cli: figures(1) };
    if (!baselineBin) return result;
    const paired = (pick: (r: { ms: number; firstRequestMs: number | undefined }) => number) =>
      median((seen[2] ?? []).map((r, i) => pick(r) - pick(seen[1]?.[i] ?? r)));
    const savedMs = paired((r) => r.ms);
    return {
      ...result,
      baseline: { ...figures(2), bin: baselineBin },
      savedMs,
      firstRequestSavedMs: paired((r) => r.firstRequestMs ?? 0),
      met: savedMs >= TARGET_MS,
    };
  } finally {
    rmSync(home, { recursive: true, force: true });
    await server.close();
  }
}

const ms = (value: number | undefined) => (value === undefined ? '—' : `${value.toFixed(1)} ms`);

/** The result as Markdown, for the committed file and the console. */
export function cliListMarkdown(result: CliListResult, load: string): string {
  const m = machine();
  const rows = [result.node, result.cli, ...(result.baseline ? [result.baseline] : [])].map(
    (c) =>
      `| \`${c.command === 'baseline' ? 'atlas-ai-keys list --json` (baseline build)' : `${c.command}\``} | ${ms(c.ms)} | ${ms(c.firstRequestMs)} |`,
  );
  const verdict =
    result.met === undefined
      ? 'judged only against a baseline build: set `BENCH_BASELINE_CLI` to its `dist/bin.js`'
      : `${ms(result.savedMs)} shorter than the baseline build per run, ${ms(result.firstRequestSavedMs)} sooner to its first request (median of paired runs): ${result.met ? 'met' : '**not met**'}`;
  return `# The command line's listing

Written by \`pnpm bench\` (packages/bench/src/cli-list.ts); do not edit by hand.

- date: ${result.date}
- machine: ${m.cpu}, ${m.cores} cores, ${m.os}; Node.js ${m.node}; ${load}

\`atlas-ai-keys list --project … --json\` over ${KEYS} keys (two pages), the server in its own
process adding ${DELAY_MS} ms to every request, each run a fresh process with output discarded;
median of ${result.runs} interleaved runs after 3 untimed runs of each.${
    result.baseline ? ` The baseline build is \`${result.baseline.bin}\`.` : ''
  }

| command | median run | median time to the first request |
| --- | --- | --- |
${rows.join('\n')}

Target (at least ${TARGET_MS} ms shorter than the baseline build): ${verdict}.
`;
}

/**
 * Measures the command line's listing and prints the figures; with `write`, also writes
 * results/cli-list.{md,json}. Resolves with whether the target was met (true without a baseline).
 */
export async function cliListBench(write: boolean, load: string): Promise<boolean> {
  const scale = Number(process.env.BENCH_SCALE ?? '1') || 1;
  const baseline = process.env.BENCH_BASELINE_CLI || undefined;
  process.stderr.write('measuring: atlas-ai-keys list --json over 600 keys\n');
  const result = await measureCliList(Math.max(5, Math.round(21 * scale)), baseline);
  const markdown = cliListMarkdown(result, load);
  process.stdout.write(`\n${markdown}`);
  if (write) await writeResults('cli-list', markdown, resultsJson(result));
  return result.met !== false;
}
