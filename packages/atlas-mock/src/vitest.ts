import { inject } from 'vitest';
import { resetAtlasMock } from './reset-over-http.js';

declare module 'vitest' {
  export interface ProvidedContext {
    /** Base URL of the run's shared Atlas mock, set by `@org/atlas-mock/global-setup`. */
    atlasMockUrl: string;
  }
}

/** Base URL of the mock the global setup started for this test run. */
export function mockUrl(): string {
  const url = inject('atlasMockUrl');
  if (!url) {
    // Without this, a missing globalSetup shows up later as a confusing fetch of "undefined/...".
    throw new Error(
      "atlasMockUrl is not provided: add globalSetup: ['@org/atlas-mock/global-setup'] to vitest.config.ts",
    );
  }
  return url;
}

/** Resets the run's shared stateful mock: every project back to its first state. */
export function resetMock(): Promise<void> {
  return resetAtlasMock(mockUrl());
}
