import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { KEY } from './observed-fetch.js';

/** What the server does with one page request instead of answering it at once. */
export type PageAnswer =
  | { readonly kind: 'page' }
  /** Answers with these keys' page instead (a server ignoring pageNum). */
  | { readonly kind: 'page-of'; readonly pageNum: number }
  | { readonly kind: 'status'; readonly status: number; readonly headers?: Record<string, string> }
  /** Never answers; the client has to give up. */
  | { readonly kind: 'hang' }
  /** Answers once the test calls `release()`. */
  | { readonly kind: 'held' };

/** One request the server saw. */
export interface SeenRequest {
  readonly pageNum: number;
  /** When it arrived and when it ended, in ms of the test's clock. */
  readonly arrivedAt: number;
  endedAt: number | undefined;
  /** True when the client went away before the answer was complete. */
  aborted: boolean;
}

/** Settings of a list server; each can change between requests. */
export interface ListServerSettings {
  /** The keys the list holds. */
  keys: number;
  /** The `totalCount` a page reports (undefined: none), by page. */
  totalCount: (pageNum: number) => number | undefined;
  /** How long each answer takes, in ms. */
  delayMs: number;
  /** What to do with a page; an ordinary page by default. */
  answer: (pageNum: number, attempt: number) => PageAnswer;
}

/** `count` keys numbered from `from`, as the list server serves them. */
export const listKeys = (count: number, from = 0) =>
  Array.from({ length: Math.max(0, count) }, (_, i) => ({ ...KEY, apiKeyId: `key-${from + i}` }));

/**
 * A local Atlas-style list server on 127.0.0.1 (`pageNum`, `itemsPerPage`, `totalCount`) that
 * counts requests, records how many were in flight at once and which the client aborted, and can
 * answer a page with another status (429 with `Retry-After`, 500), another page, or nothing.
 */
export async function startListServer(settings: Partial<ListServerSettings> = {}) {
  const config: ListServerSettings = {
    keys: 0,
    totalCount: () => config.keys,
    delayMs: 10,
    answer: () => ({ kind: 'page' }),
    ...settings,
  };
  const seen: SeenRequest[] = [];
  const attempts = new Map<number, number>();
  let inFlight = 0;
  let maxInFlight = 0;
  let held: (() => void)[] | undefined = [];
  const started = performance.now();
  const clock = () => performance.now() - started;

  const handle = (request: IncomingMessage, response: ServerResponse) => {
    const url = new URL(request.url ?? '/', 'http://list.test');
    const pageNum = Number(url.searchParams.get('pageNum') ?? 1);
    const size = Number(url.searchParams.get('itemsPerPage') ?? 100);
    const attempt = attempts.get(pageNum) ?? 0;
    attempts.set(pageNum, attempt + 1);
    const record: SeenRequest = { pageNum, arrivedAt: clock(), endedAt: undefined, aborted: false };
    seen.push(record);
    maxInFlight = Math.max(maxInFlight, ++inFlight);
    let done = false;
    const end = () => {
      if (done) return;
      done = true;
      inFlight--;
      record.endedAt = clock();
    };
    response.on('close', () => {
      if (!response.writableFinished) record.aborted = true;
      end();
    });
    const answer = config.answer(pageNum, attempt);
    if (answer.kind === 'hang') return;
    const reply = () => {
      if (response.destroyed) return;
      if (answer.kind === 'status') {
        response.writeHead(answer.status, {
          'content-type': 'application/json',
          ...answer.headers,
        });
        response.end(
          JSON.stringify({ error: answer.status, errorCode: 'ERROR', detail: 'refused' }),
        );
        return;
      }
      const from = ((answer.kind === 'page-of' ? answer.pageNum : pageNum) - 1) * size;
      const results = listKeys(Math.min(size, config.keys - from), from);
      const totalCount = config.totalCount(pageNum);
      const body = JSON.stringify({ results, ...(totalCount === undefined ? {} : { totalCount }) });
      response.writeHead(200, { 'content-type': 'application/vnd.atlas.2025-03-12+json' });
      response.end(body);
    };
    if (answer.kind === 'held' && held) held.push(reply);
    else setTimeout(reply, config.delayMs);
  };

  const server = createServer(handle);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    settings: config,
    seen,
    /**
     * The page numbers requested, in ascending order: pages sent at once over several
     * connections may arrive in any order.
     */
    pageNums: () => seen.map((request) => request.pageNum).sort((a, b) => a - b),
    maxInFlight: () => maxInFlight,
    inFlight: () => inFlight,
    clock,
    /** Answers every held request, and from now on answers held ones at once. */
    release(): void {
      const waiting = held ?? [];
      held = undefined;
      for (const reply of waiting) reply();
    },
    /** Waits until `count` requests are in flight. */
    async inFlightReaches(count: number): Promise<void> {
      while (inFlight < count) await new Promise((resolve) => setTimeout(resolve, 2));
    },
    /** Waits until the server has no request in flight (aborted ones included). */
    async settled(): Promise<void> {
      while (inFlight > 0) await new Promise((resolve) => setTimeout(resolve, 5));
    },
    async close(): Promise<void> {
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
