import { onLaunchersGone } from './launchers.js';
import { seededCurl } from './seed.js';
import type { AtlasMock } from './start-mock.js';

const rawPort = process.env.PORT ?? '4010';
const port = Number(rawPort);
if (!Number.isInteger(port) || port < 0 || port > 65535) {
  console.error(`PORT must be an integer from 0 to 65535, got "${rawPort}"`);
  process.exit(1);
}
const host = process.env.HOST ?? '127.0.0.1';
const dynamic = process.argv.includes('--dynamic');

/** The mock once it listens; a stop requested before then closes it as soon as it does. */
let mock: AtlasMock | undefined;
let stopping = false;

function closeAndExit(running: AtlasMock): void {
  running.close().then(
    () => process.exit(0),
    (error: unknown) => {
      console.error(`The mock did not close cleanly: ${String(error)}`);
      process.exit(1);
    },
  );
}

function stop(reason: string): void {
  // Ctrl-C under pnpm arrives twice (from the terminal and forwarded by pnpm); the handlers stay
  // installed so the repeat cannot fall through to the default action and kill us mid-close.
  if (stopping) return;
  stopping = true;
  console.log(`${reason}, stopping the mock.`);
  setTimeout(() => {
    console.error('The mock did not close within 5 s; exiting anyway.');
    process.exit(1);
  }, 5000).unref();
  if (mock) closeAndExit(mock);
}

// note: every way to stop is in place before anything can be opened or say it is ready, so a
// Ctrl-C during start-up ends like one afterwards: whatever was opened is closed, exit code 0.
process.on('SIGINT', () => stop('SIGINT received'));
process.on('SIGTERM', () => stop('SIGTERM received'));
onLaunchersGone(() => stop('The process that started the mock exited'));

// Prism takes about a second to load; it is loaded only once a signal can no longer kill us.
const { startMock } = await import('./start-mock.js');
if (stopping) process.exit(0);
let started: AtlasMock;
try {
  started = await startMock({ port, host, dynamic, log: (line) => console.log(line) });
} catch (error) {
  if (stopping) process.exit(0);
  const code = (error as { code?: unknown }).code;
  console.error(
    code === 'EADDRINUSE'
      ? `port ${port} is in use; set PORT to another port (PORT=0 picks a free one)`
      : String((error as Error).message ?? error),
  );
  process.exit(1);
}
if (stopping) {
  closeAndExit(started);
} else {
  mock = started;
  console.log(`Atlas mock (Prism${dynamic ? ', dynamic' : ''}) listening on ${mock.url}`);
  console.log('Try:');
  console.log(`  ${seededCurl(mock.url)}`);
  console.log('Ctrl-C stops it.');
}
