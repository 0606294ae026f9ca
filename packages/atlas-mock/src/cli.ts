import { seededCurl } from './seed.js';
import { startMock } from './start-mock.js';

const rawPort = process.env.PORT ?? '4010';
const port = Number(rawPort);
if (!Number.isInteger(port) || port < 0 || port > 65535) {
  console.error(`PORT must be an integer from 0 to 65535, got "${rawPort}"`);
  process.exit(1);
}
const host = process.env.HOST ?? '127.0.0.1';
const dynamic = process.argv.includes('--dynamic');

const mock = await startMock({ port, host, dynamic, log: (line) => console.log(line) });

let stopping = false;
const stop = (signal: NodeJS.Signals) => {
  // Ctrl-C under pnpm arrives twice (from the terminal and forwarded by pnpm); the handler stays
  // installed so the repeat cannot fall through to the default action and kill us mid-close.
  if (stopping) return;
  stopping = true;
  console.log(`${signal} received, stopping the mock.`);
  setTimeout(() => {
    console.error('The mock did not close within 5 s; exiting anyway.');
    process.exit(1);
  }, 5000).unref();
  mock.close().then(
    () => process.exit(0),
    (error: unknown) => {
      console.error(error);
      process.exit(1);
    },
  );
};
// note: the handlers go in before the ready lines, so a signal sent on reading them is handled.
process.on('SIGINT', stop);
process.on('SIGTERM', stop);

console.log(`Atlas mock (Prism${dynamic ? ', dynamic' : ''}) listening on ${mock.url}`);
console.log('Try:');
console.log(`  ${seededCurl(mock.url)}`);
console.log('Ctrl-C stops it.');
