import type { TestProject } from 'vitest/node';
import { startMock } from './start-mock.js';
import type {} from './vitest.js';

/** Vitest global setup: one mock per test run, its URL provided as `atlasMockUrl`. */
export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  const mock = await startMock();
  project.provide('atlasMockUrl', mock.url);
  return () => mock.close();
}
