import { connect, createServer, type Socket } from 'node:net';
import { describe, expect, test } from 'vitest';
import { excessOver, resourceCounts, settledExcess } from './support/process-guard.js';

// The other files in this folder rely on this check to find handles a call left open; these
// tests show that it does see such handles, and that it clears once they are gone.
describe('the leak check can fail', () => {
  test('it reports a socket and a server left open, and clears once they close', async () => {
    const baseline = resourceCounts();
    const server = createServer((socket) => socket.on('error', () => {}));
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const { port } = server.address() as { port: number };
    const socket: Socket = connect(port, '127.0.0.1');
    await new Promise((resolve) => socket.once('connect', resolve));

    const excess = await settledExcess(baseline, 50);
    expect(excess).toContain('TCPServerWrap +1');
    expect(excess.some((entry) => entry.startsWith('TCPSocketWrap +'))).toBe(true);

    socket.destroy();
    await new Promise<void>((resolve) => server.close(() => resolve()));
    expect(await settledExcess(baseline)).toEqual([]);
  });

  test('it reports a timer left running, and clears once it is cleared', () => {
    // note: checked without yielding, so no other timer in the process can start or end between.
    const baseline = resourceCounts();
    const timer = setTimeout(() => {}, 60_000);

    expect(excessOver(baseline)).toEqual(['Timeout +1']);

    clearTimeout(timer);
    expect(excessOver(baseline)).toEqual([]);
  });
});
