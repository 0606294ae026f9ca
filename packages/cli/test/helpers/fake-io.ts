import type {
  AiModelApiKey,
  AiModelApiKeyWithSecret,
  AiModelRateLimit,
  AiModelRateLimitPage,
} from '@org/atlas-ai-keys';
import { createClient } from '../../src/client-factory.js';
import type { CliIo, Env, Output, Terminals } from '../../src/io.js';
import type { ClientSettings, KeyPage, KeysClient, LimitPage } from '../../src/keys-client.js';
import { main } from '../../src/main.js';

/** A stream that keeps what was written. */
export class Capture implements Output {
  text = '';
  /** When set, every write fails with this error, as a closed pipe does. */
  failWith: Error | undefined;

  write(chunk: string, callback?: (error?: Error | null) => void): boolean {
    if (this.failWith) {
      const error = this.failWith;
      queueMicrotask(() => callback?.(error));
      return false;
    }
    this.text += chunk;
    queueMicrotask(() => callback?.(null));
    return true;
  }
}

/** One call the fake client received: the method (`keys.get`) and its params. */
export interface Call {
  readonly method: string;
  readonly params: Record<string, unknown>;
}

/** What the fake client answers: by method, a value, an error to throw, or pages for lists. */
export interface Script {
  readonly pages?: readonly KeyPage[];
  readonly key?: AiModelApiKey;
  readonly created?: AiModelApiKey;
  readonly updated?: AiModelApiKey;
  /** Pages of rate limits, for `rateLimits.list` and `listForOrg`; `resetAll` answers their limits. */
  readonly limitPages?: readonly LimitPage[];
  /** The limit `rateLimits.get` and `reset` answer; `update` answers it with the limits sent. */
  readonly limit?: AiModelRateLimit;
  /** The limit `rateLimits.getForOrg` answers. */
  readonly orgLimit?: AiModelRateLimit;
  /** Errors by method (`keys.delete`). */
  readonly fail?: Readonly<Record<string, unknown>>;
}

/** A `KeysClient` that records calls and answers from a script; no network. */
export function fakeClient(script: Script, calls: Call[]): KeysClient & { closed: boolean } {
  const answer = async <T>(method: string, params: Record<string, unknown>, value: T) => {
    calls.push({ method, params });
    const error = script.fail?.[method];
    if (error !== undefined) throw error;
    return value;
  };
  const list =
    <Page>(method: string, pages: readonly Page[]) =>
    (params: Record<string, unknown>) => ({
      async *pages() {
        calls.push({ method, params });
        const error = script.fail?.[method];
        if (error !== undefined) throw error;
        yield* pages;
      },
    });
  const limitPages = script.limitPages ?? [];
  const limit = script.limit as AiModelRateLimit;
  const client = {
    closed: false,
    keys: {
      list: list('keys.list', script.pages ?? []),
      listForOrg: list('keys.listForOrg', script.pages ?? []),
      get: (params: Record<string, unknown>) =>
        answer('keys.get', params, script.key as AiModelApiKey),
      getForOrg: (params: Record<string, unknown>) =>
        answer('keys.getForOrg', params, script.key as AiModelApiKey),
      create: (params: Record<string, unknown>) =>
        answer('keys.create', params, script.created as AiModelApiKeyWithSecret),
      update: (params: Record<string, unknown>) =>
        answer('keys.update', params, script.updated as AiModelApiKey),
      delete: (params: Record<string, unknown>) => answer('keys.delete', params, undefined),
    },
    rateLimits: {
      list: list('rateLimits.list', limitPages),
      listForOrg: list('rateLimits.listForOrg', limitPages),
      get: (params: Record<string, unknown>) => answer('rateLimits.get', params, limit),
      getForOrg: (params: Record<string, unknown>) =>
        answer('rateLimits.getForOrg', params, script.orgLimit as AiModelRateLimit),
      update: (params: Record<string, unknown>) => {
        const { requestsPerMinuteLimit, tokensPerMinuteLimit } = params;
        const updated = { ...limit, requestsPerMinuteLimit, tokensPerMinuteLimit };
        return answer('rateLimits.update', params, updated as AiModelRateLimit);
      },
      reset: (params: Record<string, unknown>) => answer('rateLimits.reset', params, limit),
      resetAll: (params: Record<string, unknown>) => {
        const results = limitPages.flatMap((page) => page.results ?? []);
        const all = { results, totalCount: results.length, links: [] };
        return answer('rateLimits.resetAll', params, all as unknown as AiModelRateLimitPage);
      },
    },
    async close() {
      client.closed = true;
    },
  };
  return client;
}

/** How a test run is set up. */
export interface RunSetup {
  readonly tty?: Partial<Terminals>;
  readonly env?: Env;
  readonly script?: Script;
  /** Answers to the questions asked, in order; a function sees the run so far, then answers or throws. */
  readonly answers?: readonly (string | ((sofar: SoFar) => Promise<string>))[];
  /** Makes the factory itself fail, as missing credentials do. */
  readonly factoryError?: unknown;
  /** Aborts the run's signal before it starts, as Ctrl-C does. */
  readonly interrupted?: boolean;
  /** Makes stdout fail every write. */
  readonly stdoutError?: Error;
  /** Uses the real client factory (credentials from `env`) instead of the fake client. */
  readonly realFactory?: boolean;
}

/** What a run has done by the time a question is asked. */
export interface SoFar {
  readonly stdout: string;
  readonly calls: readonly Call[];
}

/** What a test run did. */
export interface RunResult {
  readonly exitCode: number;
  readonly stdout: string;
  readonly stderr: string;
  readonly calls: readonly Call[];
  readonly questions: readonly string[];
  readonly settings: readonly ClientSettings[];
  readonly clientClosed: boolean;
}

/** The environment of most tests: a project id, nothing else. */
export const PROJECT = '32b6e34b3d91647abb20e7b8';
/** An organisation id. */
export const ORG = '5f1d6c2b9e0a4b7c8d9e0f12';

/** Where the Atlas CLI's configuration is looked for in tests, unless one sets it: nowhere. */
export const HERMETIC = { HOME: '/nonexistent-home', XDG_CONFIG_HOME: '/nonexistent-config' };

/** Runs the program in memory with a fake client, fake streams and a fake terminal. */
export async function runCli(argv: readonly string[], setup: RunSetup = {}): Promise<RunResult> {
  const stdout = new Capture();
  const stderr = new Capture();
  stdout.failWith = setup.stdoutError;
  const calls: Call[] = [];
  const questions: string[] = [];
  const settings: ClientSettings[] = [];
  const answers = [...(setup.answers ?? [])];
  const controller = new AbortController();
  if (setup.interrupted) controller.abort();
  let client: ReturnType<typeof fakeClient> | undefined;
  const io: CliIo = {
    stdout,
    stderr,
    // note: no Atlas CLI configuration of whoever runs the tests is ever read.
    env: { ...HERMETIC, ...(setup.env ?? { MONGODB_ATLAS_PROJECT_ID: PROJECT }) },
    tty: { stdin: false, stdout: false, stderr: false, ...setup.tty },
    createClient: async (given) => {
      settings.push(given);
      if (setup.realFactory) return createClient(given);
      if (setup.factoryError !== undefined) throw setup.factoryError;
      client = fakeClient(setup.script ?? {}, calls);
      return client;
    },
    ask: async (question) => {
      questions.push(question);
      const next = answers.shift();
      if (next === undefined) throw new Error(`unexpected question: ${question}`);
      return typeof next === 'string' ? next : next({ stdout: stdout.text, calls: [...calls] });
    },
    signal: controller.signal,
  };
  const exitCode = await main(argv, io);
  return {
    exitCode,
    stdout: stdout.text,
    stderr: stderr.text,
    calls,
    questions,
    settings,
    clientClosed: client?.closed ?? false,
  };
}

/** Fields to change in a sample key; `lastUsedAt` is null for a key never used. */
export type KeyOverrides = Partial<Omit<AiModelApiKey, 'lastUsedAt'>> & {
  lastUsedAt?: string | null;
};

/** A key as the API returns it, with overrides. */
export function sampleKey(overrides: KeyOverrides = {}): AiModelApiKey {
  return {
    apiKeyId: 'a86r5kwrfsk5r5ku5tgvhmpj',
    name: 'ci',
    status: 'ACTIVE',
    maskedSecret: 'al-****odu2',
    createdAt: '2026-01-15T09:30:12Z',
    createdBy: 'someone@example.com',
    lastUsedAt: '2026-02-01T18:04:00Z',
    groupId: PROJECT,
    ...overrides,
  } as unknown as AiModelApiKey;
}

/** A created key whose one-time secret is hidden from JSON, as the client makes it. */
export function createdKey(secret: string, overrides: KeyOverrides = {}): AiModelApiKey {
  const key = sampleKey({ apiKeyId: 'newkey0000000000000000000', lastUsedAt: null, ...overrides });
  Object.defineProperty(key, 'secret', { value: secret, enumerable: false });
  return key;
}

/** Fields to change in a sample rate limit. */
export type LimitOverrides = Partial<AiModelRateLimit>;

/** A model group's rate limits as the API returns them, with overrides. */
export function sampleLimit(overrides: LimitOverrides = {}): AiModelRateLimit {
  return {
    cloud: 'ANY',
    endpoint: 'ai.mongodb.com',
    geography: 'ANY',
    modelGroupName: 'embed_large',
    modelNames: ['voyage-3-large', 'voyage-code-3'],
    requestsPerMinuteLimit: 2000,
    tokensPerMinuteLimit: 3_000_000,
    ...overrides,
  };
}
