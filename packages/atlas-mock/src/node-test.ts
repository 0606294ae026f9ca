import { after, before } from 'node:test';
import { type AtlasMock, type AtlasMockOptions, startAtlasMock } from './start-atlas-mock.js';

/** The mock of a test file: available from its `before` hooks on. */
export interface AtlasMockHandle {
  /** Base URL of the running mock; throws before the mock has started. */
  readonly baseUrl: string;
  /** Forgets every change, back to the seeded key alone. */
  reset(): Promise<void>;
}

/**
 * For `node:test`: starts an Atlas mock before the tests of the file (or suite) that calls it,
 * and closes it after them.
 */
export function useAtlasMock(options: AtlasMockOptions = {}): AtlasMockHandle {
  let mock: AtlasMock | undefined;
  const running = (): AtlasMock => {
    if (mock === undefined) {
      throw new Error('The Atlas mock starts in a before() hook: use it inside tests and hooks');
    }
    return mock;
  };
  before(async () => {
    mock = await startAtlasMock(options);
  });
  after(() => mock?.close());
  return {
    get baseUrl() {
      return running().baseUrl;
    },
    reset: () => running().reset(),
  };
}
