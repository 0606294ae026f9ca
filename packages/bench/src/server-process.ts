// The bench's server in a process of its own, so that the client's CPU time is measured apart
// from the server's. The parent drives it with the messages of `ServerCommand` (src/remote-server.ts).

import type { ServerCommand, ServerReply } from './remote-server.js';
import { BenchServer } from './server.js';

const server = new BenchServer();
await server.listen();

const send = (reply: ServerReply) => process.send?.(reply);

process.on('message', async (command: ServerCommand) => {
  switch (command.kind) {
    case 'configure':
      server.configure(command.settings);
      return send({ id: command.id, value: undefined });
    case 'take-counters':
      return send({ id: command.id, value: server.takeCounters() });
    case 'issue-token':
      return send({ id: command.id, value: server.issueToken() });
    case 'close':
      await server.close();
      send({ id: command.id, value: undefined });
      return process.disconnect();
  }
});

send({ id: 0, value: server.url });
