import { type Contender, type Instance, SECTIONS, type Section } from './contenders.js';
import { median, rotate, runBatch } from './measure.js';
import { scaled } from './profiles.js';
import type { ServerProcess } from './remote-server.js';
import type { Profile, RowResult } from './report.js';

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

/**
 * Measures every row of `sections` under one profile at one concurrency: a warm-up each, then
 * interleaved rounds; ratios are to the first row of the first section.
 */
export async function measureCell(
  server: ServerProcess,
  profile: Profile,
  concurrency: 1 | 16,
  sections: readonly Section[] = SECTIONS,
): Promise<RowResult[]> {
  const rows = sections.flatMap((section) =>
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

  const baseline = perRound.get(sections[0]?.contenders[0] as Contender) ?? emptyTally();
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
