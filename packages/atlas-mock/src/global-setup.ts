import type { TestProject } from 'vitest/node';
import { type AtlasMockOptions, startAtlasMock } from './start-atlas-mock.js';
import type {} from './vitest.js';

/** A vitest global setup: one mock per test run, its base URL provided as `atlasMockUrl`. */
export function atlasMockGlobalSetup(
  options: AtlasMockOptions = {},
): (project: TestProject) => Promise<() => Promise<void>> {
  return async (project) => {
    const mock = await startAtlasMock(options);
    project.provide('atlasMockUrl', mock.baseUrl);
    return () => mock.close();
  };
}

/** Vitest global setup of a stateful mock, shared by the whole run. */
export default atlasMockGlobalSetup();
