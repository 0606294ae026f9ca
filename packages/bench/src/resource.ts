import {
  type AtlasAuth,
  accessTokenAuth,
  createAtlasAiKeysClient,
  digestAuth,
  serviceAccountAuth,
} from '@org/atlas-ai-keys';
import { machine } from './report.js';
import { resultsJson, writeResults } from './results-files.js';
import { type AuthMode, BenchServer, CREDENTIALS, KEY } from './server.js';

const groupId = KEY.groupId;
const LIST_SIZES = [1_000, 5_000] as const;
const WRITE_PAIRS = 50;

/** Requests to list every key of a project, at one page size. */
export interface ListingResult {
  readonly keys: number;
  readonly itemsPerPage: number | 'default (iteration: 500)';
  readonly requests: number;
  readonly listed: number;
}

/** HTTP requests per create and per delete, with one kind of credentials. */
export interface WriteResult {
  readonly auth: string;
  readonly pairs: number;
  /** Requests to the API (challenges included) per call, token requests apart. */
  readonly requestsPerCall: number;
  readonly challenges: number;
  readonly tokenRequests: number;
}

/** What the resource part of the bench measured. */
export interface ResourceResults {
  readonly date: string;
  readonly listings: readonly ListingResult[];
  readonly writes: readonly WriteResult[];
  readonly met: boolean;
}

/** Iterates every key with `for await`, at the client's page size or `itemsPerPage`. */
async function listing(server: BenchServer, keys: number, itemsPerPage?: number) {
  server.mode = 'none';
  server.listSize = keys;
  const client = createAtlasAiKeysClient({ baseUrl: server.url, logLevel: 'off' });
  server.takeCounters();
  let listed = 0;
  for await (const _ of client.keys.list({ groupId, itemsPerPage })) listed++;
  const { requests } = server.takeCounters();
  return {
    keys,
    itemsPerPage: itemsPerPage ?? ('default (iteration: 500)' as const),
    requests,
    listed,
  };
}

/** Creates and deletes `WRITE_PAIRS` keys, one at a time, with a new client using `auth`. */
async function writes(server: BenchServer, label: string, mode: AuthMode, auth: AtlasAuth) {
  server.mode = mode;
  const client = createAtlasAiKeysClient({ baseUrl: server.url, logLevel: 'off', auth });
  server.takeCounters();
  for (let i = 0; i < WRITE_PAIRS; i++) {
    const key = await client.keys.create({ groupId, name: `bench-${i}` });
    await client.keys.delete({ groupId, apiKeyId: key.apiKeyId as string });
  }
  const { requests, challenges, tokenRequests } = server.takeCounters();
  await client.close();
  return {
    auth: label,
    pairs: WRITE_PAIRS,
    requestsPerCall: (requests - tokenRequests) / (2 * WRITE_PAIRS),
    challenges,
    tokenRequests,
  };
}

/** Measures listing at each page size and writes with each kind of credentials. */
export async function measureResource(server: BenchServer): Promise<ResourceResults> {
  server.delayMs = 0;
  const listings: ListingResult[] = [];
  for (const keys of LIST_SIZES) {
    listings.push(await listing(server, keys), await listing(server, keys, 100));
  }
  const token = server.issueToken();
  const kinds = [
    ['access token', 'bearer', accessTokenAuth({ accessToken: token })],
    ['service account', 'bearer', serviceAccountAuth(CREDENTIALS)],
    ['digest', 'digest', digestAuth(CREDENTIALS)],
  ] as const;
  const results: WriteResult[] = [];
  for (const [label, mode, auth] of kinds) results.push(await writes(server, label, mode, auth));
  // note: a list whose totalCount is exact takes ⌈keys / page size⌉ requests, no empty page after.
  const met =
    listings.every(
      (l) =>
        l.listed === l.keys &&
        l.requests === Math.ceil(l.keys / (l.itemsPerPage === 100 ? 100 : 500)),
    ) &&
    results.every((w) => w.requestsPerCall <= 1 + 1 / (2 * WRITE_PAIRS) && w.tokenRequests <= 1);
  return { date: new Date().toISOString(), listings, writes: results, met };
}

/** The results as Markdown, for the committed file and the console. */
export function resourceMarkdown(results: ResourceResults): string {
  const m = machine();
  const listRows = results.listings.map(
    (l) => `| ${l.keys} | ${l.itemsPerPage} | ${l.requests} | ${l.listed} |`,
  );
  const writeRows = results.writes.map(
    (w) =>
      `| ${w.auth} | ${w.pairs} | ${w.requestsPerCall.toFixed(2)} | ${w.challenges} | ${w.tokenRequests} |`,
  );
  return `# The resource: listing and writes

Written by \`pnpm bench -- --write\` (packages/bench/src/resource.ts); do not edit by hand.

- date: ${results.date}
- machine: ${m.cpu}, ${m.cores} cores, ${m.os}; Node.js ${m.node}

## Requests to list every key with \`for await\`

| keys | itemsPerPage | HTTP requests | keys listed |
| --- | --- | --- | --- |
${listRows.join('\n')}

## Requests per create and per delete (${WRITE_PAIRS} of each, one at a time, a new client)

| credentials | pairs | API requests per call | Digest challenges | token requests |
| --- | --- | --- | --- | --- |
${writeRows.join('\n')}

Target: every key listed in ⌈keys / page size⌉ requests; at most one request per call after a
single Digest challenge, and one token for the whole run: ${results.met ? 'met' : '**not met**'}.
`;
}

/**
 * Runs the resource part of the bench and prints it; with `write`, also writes
 * results/resource.{md,json}, aside first. Resolves with whether its target was met.
 */
export async function resourceBench(write: boolean): Promise<boolean> {
  process.stderr.write('measuring: listing and writes of the resource\n');
  const server = new BenchServer();
  await server.listen();
  const results = await measureResource(server).finally(() => server.close());
  const markdown = resourceMarkdown(results);
  process.stdout.write(`\n${markdown}`);
  if (write) await writeResults('resource', markdown, resultsJson(results));
  return results.met;
}
