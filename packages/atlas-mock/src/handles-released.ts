import { setImmediate as nextLoopTurn } from 'node:timers/promises';

/**
 * Resolves once a closed server's socket handles are released: Node emits 'close' before libuv
 * releases them, and two loop turns later they are gone, so callers that check for leaked
 * handles right after closing see none.
 */
export async function handlesReleased(): Promise<void> {
  await nextLoopTurn();
  await nextLoopTurn();
}
