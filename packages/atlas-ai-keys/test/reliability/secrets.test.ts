import { inspect } from 'node:util';
import { describe, expect, test } from 'vitest';
import {
  AtlasConnectionError,
  type AtlasError,
  AtlasInvalidResponseError,
  AtlasNotFoundError,
  AtlasServerError,
  AtlasTimeoutError,
  type GetGroupAiModelApiKeyParams,
} from '../../src/index.js';
import { captureLogger } from '../helpers/capture-logger.js';
import { KEY, PARAMS } from '../helpers/observed-fetch.js';
import { faultClient, ROOMY_TIMEOUT_MS, settle } from './support/client.js';
import { type Fault, jsonFault } from './support/fault-server.js';
import {
  AUTH_KINDS,
  type AuthKind,
  authOptions,
  CREDENTIAL_LEAKS,
  guardedApi,
  SENTINEL,
} from './support/guarded-api.js';
import { failOnUnhandledRejections, useFaultServers } from './support/process-guard.js';

failOnUnhandledRejections();
const servers = useFaultServers();

const deep = (value: unknown) =>
  inspect(value, { depth: Number.POSITIVE_INFINITY, showHidden: true });
const json = (value: unknown) => JSON.stringify(value) ?? '';

type ErrorClass = abstract new (...args: never[]) => AtlasError;

interface Scenario {
  readonly name: string;
  /** What the guarded API answers once the credentials are accepted. */
  readonly answer: Fault;
  readonly outcome: ErrorClass | 'data';
  readonly params?: GetGroupAiModelApiKeyParams;
  /** A fetch that fails every authenticated API request, quoting its headers. */
  readonly echoingFetch?: boolean;
}

const keyWithSecret = { ...KEY, secret: SENTINEL.keySecret };
const bodyOf = (status: number, body: string): Fault => ({
  kind: 'raw',
  status,
  body,
  headers: { 'content-type': 'application/json' },
});

const scenarios: Scenario[] = [
  {
    name: 'a 200 with the key and its secret gives the secret only when read by name',
    answer: jsonFault(keyWithSecret),
    outcome: 'data',
  },
  {
    name: 'a 200 that is a JSON array quoting the secret is refused without echoing it',
    // note: the secret comes first, so the excerpt's length limit alone would not hide it.
    answer: bodyOf(200, JSON.stringify([{ secret: SENTINEL.keySecret, ...KEY }])),
    outcome: AtlasInvalidResponseError,
  },
  {
    name: 'a 200 cut short inside the secret is refused without echoing any of it',
    answer: bodyOf(
      200,
      `{"apiKeyId":"${KEY.apiKeyId}","secret":"${SENTINEL.keySecret.slice(0, 12)}`,
    ),
    outcome: AtlasInvalidResponseError,
  },
  {
    name: 'a 500 whose JSON body quotes the secret fails without echoing it',
    answer: bodyOf(500, JSON.stringify({ message: 'oops', secret: SENTINEL.keySecret })),
    outcome: AtlasServerError,
  },
  {
    name: 'an envelope whose failed content quotes the secret fails without echoing it',
    answer: jsonFault({ status: 404, content: { detail: 'gone', secret: SENTINEL.keySecret } }),
    outcome: AtlasNotFoundError,
    params: { ...PARAMS, envelope: true },
  },
  {
    name: 'a server that never answers times out',
    answer: { kind: 'hang' },
    outcome: AtlasTimeoutError,
  },
  {
    name: 'a fetch whose errors quote the request headers fails without passing them on',
    answer: jsonFault(keyWithSecret),
    outcome: AtlasConnectionError,
    echoingFetch: true,
  },
];

/** A fetch that fails authenticated API requests with an error quoting every header sent. */
const echoingFetch: typeof fetch = async (input, init) => {
  const request = new Request(input, init);
  if (request.url.includes('/api/atlas/') && request.headers.has('authorization')) {
    throw new TypeError(`refused: ${JSON.stringify(Object.fromEntries(request.headers))}`);
  }
  return fetch(request);
};

describe('secrets never show in logs, errors or inspection', () => {
  test.each(
    AUTH_KINDS.flatMap((kind) =>
      scenarios.map((scenario) => [kind, scenario.name, scenario] as const),
    ),
  )('with %s auth: %s', async (kind: AuthKind, _, scenario) => {
    const server = await servers.start();
    server.respond(guardedApi(kind, () => scenario.answer));
    const { logger, lines } = captureLogger();
    const client = faultClient(server.url, {
      auth: authOptions(kind),
      logger,
      logLevel: 'debug',
      // note: only the hanging server is about timing; the others get room on a loaded machine.
      ...(scenario.answer.kind === 'hang' ? {} : { timeoutMs: ROOMY_TIMEOUT_MS }),
      ...(scenario.echoingFetch ? { fetch: echoingFetch } : {}),
    });

    const result = await settle(() => client.keys.get(scenario.params ?? PARAMS).withResponse());
    await client.close();

    const shown = [
      ...lines,
      deep(client),
      json(client),
      ...(result.error
        ? [result.error.message, result.error.stack ?? '', deep(result.error), json(result.error)]
        : []),
    ];
    const key = result.data?.data;
    const data = [deep(key), json(key)];
    if (scenario.outcome === 'data') {
      expect(key?.secret).toBe(keyWithSecret.secret);
      expect({ ...key }).toEqual(KEY);
      // note: shown by default, the key keeps its secret out of JSON and inspection.
      shown.push(json(key), inspect(key), inspect(key, { depth: Number.POSITIVE_INFINITY }));
    } else {
      expect(result.error?.constructor).toBe(scenario.outcome);
    }
    expect(lines.length).toBeGreaterThan(0);
    for (const text of [...shown, ...data]) {
      for (const leak of CREDENTIAL_LEAKS) expect(text).not.toContain(leak);
    }
    // note: the key's secret is the user's data: in data by design, but nowhere else, not even
    // in part.
    for (const text of shown) expect(text).not.toContain(SENTINEL.keySecret.slice(0, 9));
  });
});
