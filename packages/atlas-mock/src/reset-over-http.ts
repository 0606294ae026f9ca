import { RESET_PATH } from './control.js';

/**
 * Resets the stateful mock at `baseUrl`, from any process: what `mock.reset()` does, over HTTP
 * (`POST /_atlas-mock/reset`). Resolves once the mock has forgotten every change.
 */
export async function resetAtlasMock(baseUrl: string): Promise<void> {
  const target = `${baseUrl.replace(/\/+$/, '')}${RESET_PATH}`;
  const response = await fetch(target, { method: 'POST' });
  await response.body?.cancel();
  if (response.status !== 204) {
    throw new Error(
      `POST ${target} answered ${response.status}, not 204: is ${baseUrl} a stateful Atlas mock?`,
    );
  }
}
