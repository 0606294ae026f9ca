import { arch, cpus, loadavg, release, type } from 'node:os';
import { halves, median } from './measure.js';

/** One latency profile of the server and how much each batch does under it. */
export interface Profile {
  readonly id: string;
  readonly title: string;
  readonly delayMs: number;
  readonly rounds: number;
  /** Calls per timed batch, by concurrency. */
  readonly calls: Readonly<Record<1 | 16, number>>;
  /** Untimed calls before the rounds, by concurrency. */
  readonly warmup: Readonly<Record<1 | 16, number>>;
}

/** The figures of one row at one concurrency under one profile. */
export interface RowResult {
  readonly profile: string;
  readonly concurrency: number;
  readonly section: string;
  readonly id: string;
  readonly label: string;
  /** Timed calls, all rounds together. */
  readonly calls: number;
  /** Median over rounds of the time per call, in microseconds. */
  readonly usPerCall: number;
  /** Median over rounds of the time per call divided by raw fetch's in the same round. */
  readonly ratioToRawFetch: number;
  /** Median over rounds of the client's CPU time per call, in microseconds. */
  readonly cpuUsPerCall: number;
  /** Median over rounds of the CPU time per call divided by raw fetch's in the same round. */
  readonly cpuRatioToRawFetch: number;
  readonly requestsPerCall: number;
  readonly challengesPer100: number;
  readonly tokenRequestsPer100: number;
  /** Calls that did not end with the key. */
  readonly failed: number;
  readonly usPerRound: readonly number[];
  readonly cpuUsPerRound: readonly number[];
}

/** What a new client costs for its first calls. */
export interface ColdResult {
  readonly section: string;
  readonly id: string;
  readonly label: string;
  readonly concurrency: number;
  readonly calls: number;
  readonly requests: number;
  readonly challenges: number;
  readonly tokenRequests: number;
  readonly failed: number;
}

/** One target of the client, with the figure that decides it. */
export interface TargetResult {
  readonly target: string;
  readonly figure: string;
  readonly met: boolean;
}

/** The machine the figures come from. */
export interface Machine {
  readonly cpu: string;
  readonly cores: number;
  readonly os: string;
  readonly node: string;
}

/** The target rows on the local server at one concurrency, measured by a fresh process. */
export interface TargetRun {
  readonly concurrency: 1 | 16;
  readonly rows: readonly RowResult[];
}

/** Everything one run measured. */
export interface BenchResults {
  readonly date: string;
  readonly machine: Machine;
  readonly durationSeconds: number;
  readonly scale: number;
  readonly profiles: readonly Profile[];
  /** How many fresh processes measured the local-server CPU targets at each concurrency. */
  readonly targetProcesses: number;
  readonly rows: readonly RowResult[];
  readonly cold: readonly ColdResult[];
  readonly targetRuns: readonly TargetRun[];
  readonly targets: readonly TargetResult[];
}

/** Describes this machine and Node version. */
export function machine(): Machine {
  const cores = cpus();
  return {
    cpu: cores[0]?.model.trim() ?? 'unknown',
    cores: cores.length,
    os: `${type()} ${release()} ${arch()}`,
    node: process.version,
  };
}

/** The machine's load averages now, as the results state them: other processes share its cores. */
export function loadText(): string {
  const [one, five, fifteen] = loadavg().map((value) => value.toFixed(2));
  return `load average ${one}, ${five}, ${fifteen} (1, 5, 15 min) at the start`;
}

function row(rows: readonly RowResult[], profile: string, id: string, c: number) {
  return rows.find((r) => r.profile === profile && r.id === id && r.concurrency === c);
}

/** What a ratio divides: the client's CPU time, or wall time. */
export type Measure = 'cpu' | 'wall';

/** Each round's time per call of `id` divided by `baseline`'s in the same round. */
export function pairedRatios(
  rows: readonly RowResult[],
  profile: string,
  id: string,
  baseline: string,
  c: number,
  measure: Measure = 'wall',
): number[] {
  const perRound = (r: RowResult | undefined) =>
    (measure === 'cpu' ? r?.cpuUsPerRound : r?.usPerRound) ?? [];
  const b = perRound(row(rows, profile, baseline, c));
  return perRound(row(rows, profile, id, c)).map((us, i) => us / (b[i] as number));
}

/** Median over rounds of `id`'s time per call divided by `baseline`'s in the same round. */
export function pairedRatio(
  rows: readonly RowResult[],
  profile: string,
  id: string,
  baseline: string,
  c: number,
  measure: Measure = 'wall',
): number {
  return median(pairedRatios(rows, profile, id, baseline, c, measure));
}

/**
 * For each process of `runs` at concurrency `c`, the median over its rounds of `id`'s CPU time per
 * call divided by `baseline`'s in the same round.
 */
export function processRatios(
  runs: readonly TargetRun[],
  id: string,
  baseline: string,
  c: number,
): number[] {
  return runs
    .filter((run) => run.concurrency === c)
    .map((run) => pairedRatio(run.rows, 'local', id, baseline, c, 'cpu'));
}

/** A CPU target on the local server: the median over processes, with each process's figure. */
function processTarget(target: string, ratios: readonly number[], limit: number): TargetResult {
  const ratio = median(ratios);
  const each = ratios.map((r) => `${r.toFixed(3)}×`).join(', ');
  return { target, figure: `${ratio.toFixed(3)}× (processes ${each})`, met: ratio <= limit };
}

/** A ratio target: the median of the per-round ratios, with the medians of each half of the rounds. */
function ratioTarget(target: string, ratios: readonly number[], limit: number): TargetResult {
  const ratio = median(ratios);
  const [a, b] = halves(ratios);
  return {
    target,
    figure: `${ratio.toFixed(3)}× (halves ${a.toFixed(3)}×, ${b.toFixed(3)}×)`,
    met: ratio <= limit,
  };
}

/**
 * Decides the client's targets from the measured figures: the local-server CPU targets from the
 * processes in `runs`, the others from the main tables.
 */
export function checkTargets(
  rows: readonly RowResult[],
  cold: readonly ColdResult[],
  runs: readonly TargetRun[],
): TargetResult[] {
  const targets: TargetResult[] = [];
  const profiles = [...new Set(rows.map((r) => r.profile))];
  // note: on the local server a call is CPU time, so the client's CPU time is compared (the server
  // runs in another process); at 10 ms a call is mostly waiting, so wall time is.
  for (const profile of profiles) {
    for (const c of [1, 16]) {
      const local = profile === 'local';
      const target = `no auth, ${profile}, c=${c}: ${local ? 'CPU time' : 'time'} per call ≤ 1.05× bare openapi-fetch`;
      targets.push(
        local
          ? processTarget(target, processRatios(runs, 'ours-none', 'openapi-fetch', c), 1.05)
          : ratioTarget(target, pairedRatios(rows, profile, 'ours-none', 'openapi-fetch', c), 1.05),
      );
    }
  }
  for (const [id, label] of [
    ['ours-digest', 'digest'],
    ['ours-service-account', 'service account'],
  ] as const) {
    for (const c of [1, 16]) {
      targets.push(
        processTarget(
          `${label} steady state, local, c=${c}: CPU time per call ≤ 1.10× the client's no-auth call`,
          processRatios(runs, id, 'ours-none', c),
          1.1,
        ),
      );
    }
  }
  for (const profile of profiles) {
    for (const c of [1, 16]) {
      const digest = row(rows, profile, 'ours-digest', c);
      targets.push({
        target: `digest steady state, ${profile}, c=${c}: 1.00 request per call, no challenge`,
        figure: `${digest?.requestsPerCall.toFixed(2)} req/call, ${digest?.challengesPer100.toFixed(1)} challenges/100`,
        met: digest?.requestsPerCall === 1 && digest.challengesPer100 === 0,
      });
    }
  }
  for (const c of [1, 16]) {
    const first = cold.find((r) => r.id === 'ours-digest' && r.concurrency === c);
    targets.push({
      target: `digest, new client, c=${c}: one challenge for its first ${first?.calls} calls`,
      figure: `${first?.challenges} challenge(s), ${first?.requests} requests`,
      met: first?.challenges === 1 && first.failed === 0,
    });
  }
  for (const profile of profiles) {
    for (const c of [1, 16]) {
      const ours = row(rows, profile, 'ours-digest-refused', c);
      const peers = ['digest-fetch-refused', 'urllib-refused'].map((id) =>
        row(rows, profile, id, c),
      );
      // note: a peer whose calls failed made fewer requests for them; it is shown, not compared.
      const shown = (peer: RowResult | undefined) =>
        `${peer?.requestsPerCall.toFixed(2)}${peer?.failed ? ` with ${peer.failed} failed calls` : ''}`;
      targets.push({
        target: `digest, server refuses reuse, ${profile}, c=${c}: 2.00 requests per call, never more than peers`,
        figure: `${ours?.requestsPerCall.toFixed(2)} (peers ${peers.map(shown).join(', ')})`,
        met:
          ours?.requestsPerCall === 2 &&
          peers.every(
            (peer) => peer !== undefined && (peer.failed > 0 || peer.requestsPerCall >= 2),
          ),
      });
    }
  }
  const sa = cold.find((r) => r.id === 'ours-service-account' && r.concurrency === 16);
  targets.push({
    target: `service account, new client, c=16: one token request for ${sa?.calls} calls`,
    figure: `${sa?.tokenRequests} token request(s)`,
    met: sa?.tokenRequests === 1 && sa.failed === 0,
  });
  const oursFailed = [...rows, ...runs.flatMap((run) => run.rows)]
    .filter((r) => r.id.startsWith('ours-'))
    .reduce((sum, r) => sum + r.failed, 0);
  targets.push({
    target: 'our client: no failed call',
    figure: `${oursFailed}`,
    met: oursFailed === 0,
  });
  return targets;
}

function table(head: readonly string[], body: readonly (readonly string[])[]): string {
  const lines = [head, head.map(() => '---'), ...body].map((cells) => `| ${cells.join(' | ')} |`);
  return `${lines.join('\n')}\n`;
}

function rowsTable(rows: readonly RowResult[]): string {
  const order = [...new Set(rows.map((r) => r.id))];
  const sorted = [...rows].sort(
    (a, b) => order.indexOf(a.id) - order.indexOf(b.id) || a.concurrency - b.concurrency,
  );
  return table(
    [
      'scenario',
      'client',
      'c',
      'µs/call',
      '× raw fetch',
      'CPU µs/call',
      'CPU × raw fetch',
      'HTTP req/call',
      'challenges/100 calls',
      'token req/100 calls',
      'failed calls',
    ],
    sorted.map((r) => [
      r.section,
      r.label,
      `${r.concurrency}`,
      r.usPerCall.toFixed(0),
      `${r.ratioToRawFetch.toFixed(2)}×`,
      r.cpuUsPerCall.toFixed(0),
      `${r.cpuRatioToRawFetch.toFixed(2)}×`,
      r.requestsPerCall.toFixed(2),
      r.challengesPer100.toFixed(1),
      r.tokenRequestsPer100.toFixed(1),
      `${r.failed}/${r.calls}`,
    ]),
  );
}

function coldTable(cold: readonly ColdResult[]): string {
  return table(
    ['scenario', 'client', 'c', 'HTTP requests', 'challenges', 'token requests', 'failed calls'],
    cold.map((r) => [
      r.section,
      r.label,
      `${r.concurrency}`,
      `${r.requests}`,
      `${r.challenges}`,
      `${r.tokenRequests}`,
      `${r.failed}/${r.calls}`,
    ]),
  );
}

function targetsTable(targets: readonly TargetResult[]): string {
  return table(
    ['target', 'measured', 'met'],
    targets.map((t) => [t.target, t.figure, t.met ? 'yes' : '**no**']),
  );
}

/** The results as the committed markdown file. */
export function toMarkdown(results: BenchResults): string {
  const { machine: m } = results;
  const parts = [
    '# Benchmark results\n',
    'Written by `pnpm bench` (packages/bench); do not edit by hand.\n',
    `- date: ${results.date}`,
    `- machine: ${m.cpu}, ${m.cores} cores, ${m.os}`,
    `- Node.js: ${m.node}`,
    `- run time: ${results.durationSeconds} s${results.scale === 1 ? '' : `, BENCH_SCALE=${results.scale}`}\n`,
    '`× raw fetch` is the median over rounds of the time per call divided by raw fetch’s in the',
    'same round, at the same concurrency (c) and latency profile. Requests, challenges and token',
    'requests are counted by the server over every timed call (warm-up excluded).\n',
    '## Targets\n',
    `On the local server the CPU targets are decided by ${results.targetProcesses} fresh processes at each`,
    'concurrency, each measuring raw fetch, bare openapi-fetch and the client with no auth, Digest and a',
    'service account as the table below does (same rounds and warm-up); the figure is the median of',
    'their ratios, and each process’s own follows it. The other targets come from the tables.\n',
    targetsTable(results.targets),
  ];
  for (const profile of results.profiles) {
    parts.push(
      `## ${profile.title}\n`,
      `${profile.rounds} interleaved rounds of ${profile.calls[1]} calls (c=1) and ${profile.calls[16]} calls (c=16) per row, after a warm-up.\n`,
      rowsTable(results.rows.filter((r) => r.profile === profile.id)),
    );
  }
  parts.push(
    `## New client: its first ${results.cold[0]?.calls ?? 0} calls (local server)\n`,
    coldTable(results.cold),
  );
  return `${parts.join('\n')}`;
}

/** The targets a run missed; any of them makes `pnpm bench` exit with 1. */
export function missedTargets(results: Pick<BenchResults, 'targets'>): TargetResult[] {
  return results.targets.filter((target) => !target.met);
}

/** The results as printed to the terminal; `written` says whether results/ was updated. */
export function toText(results: BenchResults, written: boolean): string {
  const where = written
    ? 'written to packages/bench/results/latest.md and latest.json'
    : 'not written: `pnpm bench -- --write` updates packages/bench/results/';
  return `\n${toMarkdown(results)}\n${where}\n`;
}

/** The lines that end a run that missed targets, one per target. */
export function missedText(missed: readonly TargetResult[]): string {
  const lines = missed.map((target) => `  ${target.target}: measured ${target.figure}`);
  return `${missed.length} target(s) missed:\n${lines.join('\n')}\n`;
}
