import { createRequire } from 'node:module';
import type { IHttpConfig } from '@stoplight/prism-http';
import { CONTROL_DOCUMENT } from './control.js';
import { startEmulator } from './emulator/emulator.js';
import { RESOURCES } from './emulator/resources.js';
import { loadOperations, startPrismServer } from './prism-server.js';

/** The OpenAPI fragment the mock serves unless told otherwise: the one `@org/atlas-types` ships. */
export const defaultSpecPath: string = createRequire(import.meta.url).resolve(
  '@org/atlas-types/openapi.yaml',
);

/** How the mock answers: from an in-memory emulator, or from the spec's examples. */
export type AtlasMockMode = 'stateful' | 'static';

/** Options of every mock; each has a default suited to tests. */
export interface CommonMockOptions {
  /** TCP port; 0 (the default) picks a free one, so parallel runs never collide. */
  port?: number;
  /** Interface to bind; loopback by default so the mock is never reachable from outside. */
  host?: string;
  /** OpenAPI document to serve; defaults to {@link defaultSpecPath}. */
  specPath?: string;
  /** Receives one line per Prism log message (requests, violations); silent when absent. */
  log?: (line: string) => void;
}

/**
 * A stateful mock: Prism's validation proxy, with `--errors`, in front of an in-memory emulator.
 * Keys created persist until deleted or until `reset()`.
 */
export interface StatefulMockOptions extends CommonMockOptions {
  mode?: 'stateful';
}

/** A static mock: Prism answers every call from the spec's examples. */
export interface StaticMockOptions extends CommonMockOptions {
  mode: 'static';
  /** Generate bodies from the schemas instead of serving the spec's examples (default false). */
  dynamic?: boolean;
  /** Answer 500 when an example breaks its own schema, like `prism mock --errors` (default true). */
  errors?: boolean;
}

/** Options of {@link startAtlasMock}. */
export type AtlasMockOptions = StatefulMockOptions | StaticMockOptions;

/** A running mock. */
export interface AtlasMock {
  /** Base URL without a trailing slash, e.g. `http://127.0.0.1:4010`. */
  readonly baseUrl: string;
  readonly mode: AtlasMockMode;
  /** Forgets every change, back to the seeded key alone; nothing to do for a static mock. */
  reset(): Promise<void>;
  /** Stops listening and drops open keep-alive connections; safe to call twice. */
  close(): Promise<void>;
}

/**
 * Starts an Atlas mock in this process: stateful (the default) or static. Every request and
 * every response is checked against the spec by Prism.
 */
export async function startAtlasMock(options: AtlasMockOptions = {}): Promise<AtlasMock> {
  const { port = 0, host = '127.0.0.1', specPath = defaultSpecPath, log } = options;
  const operations = await loadOperations(specPath);
  // The configuration `prism mock` and `prism proxy` build (prism-cli 5.14.2,
  // util/createServer.js): security and request checks on, responses checked against the spec.
  const checks = {
    validateRequest: true,
    validateResponse: true,
    checkSecurity: true,
    upstreamProxy: undefined,
  };

  if (options.mode === 'static') {
    const { dynamic = false, errors = true } = options;
    const config: IHttpConfig = {
      ...checks,
      isProxy: false,
      errors,
      mock: { dynamic, ignoreExamples: false },
    };
    const prism = await startPrismServer({ operations, config, port, host, log });
    return { baseUrl: prism.url, mode: 'static', reset: async () => {}, close: prism.close };
  }

  const emulator = await startEmulator(operations, RESOURCES);
  const config: IHttpConfig = {
    ...checks,
    isProxy: true,
    upstream: new URL(emulator.url),
    errors: true,
    mock: { dynamic: false, ignoreExamples: false },
  };
  let prism: Awaited<ReturnType<typeof startPrismServer>>;
  try {
    const control = await loadOperations(CONTROL_DOCUMENT);
    prism = await startPrismServer({
      operations: [...operations, ...control],
      config,
      port,
      host,
      log,
    });
  } catch (error) {
    await emulator.close();
    throw error;
  }
  emulator.publicUrl = prism.url;
  if (emulator.unemulated.length > 0) {
    log?.(`[EMULATOR] Answered from the spec's examples: ${emulator.unemulated.join(', ')}`);
  }
  let closing: Promise<void> | undefined;
  return {
    baseUrl: prism.url,
    mode: 'stateful',
    reset: async () => emulator.reset(),
    close() {
      closing ??= prism.close().then(() => emulator.close());
      return closing;
    },
  };
}
