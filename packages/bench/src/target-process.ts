// One independent measurement of the local-server CPU targets, in a fresh process with its own
// server: `node target-process.js <concurrency>` prints the rows it measured as JSON. A process's
// JIT and heap settle differently from the next one's, which moves its ratios by several percent,
// so the targets take the median over several of these processes (JMH calls them forks).

import { measureCell } from './cell.js';
import { TARGET_SECTIONS } from './contenders.js';
import { PROFILES } from './profiles.js';
import { ServerProcess } from './remote-server.js';

const concurrency = Number(process.argv[2]);
if (concurrency !== 1 && concurrency !== 16) {
  process.stderr.write(`usage: node target-process.js 1|16 (got ${process.argv[2]})\n`);
  process.exit(2);
}
const local = PROFILES.find((profile) => profile.id === 'local');
if (!local) throw new Error('no local profile');
const server = await ServerProcess.start();
try {
  const rows = await measureCell(server, local, concurrency, TARGET_SECTIONS);
  process.stdout.write(JSON.stringify(rows));
} finally {
  await server.close();
}
