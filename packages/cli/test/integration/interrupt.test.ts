import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { describe, expect, test } from 'vitest';
import { runBuilt } from '../helpers/built-cli.js';

describe('Ctrl-C', () => {
  test('while a request is in flight exits 130 with nothing on stdout', async () => {
    // A server that takes requests and never answers: the command can only end by the signal.
    let arrived: () => void = () => {};
    const requestArrived = new Promise<void>((resolve) => {
      arrived = resolve;
    });
    const server = createServer(() => arrived());
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const { port } = server.address() as AddressInfo;
    try {
      const run = await runBuilt(['list', '--base-url', `http://127.0.0.1:${port}`], {
        onStart: (child) => {
          void requestArrived.then(() => child.kill('SIGINT'));
        },
      });
      expect(run.code).toBe(130);
      expect(run.stdout).toBe('');
      expect(run.stderr).toBe('');
    } finally {
      server.closeAllConnections();
      await new Promise((resolve) => server.close(resolve));
    }
  });
});
