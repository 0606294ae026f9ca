#!/usr/bin/env node
import { createRequire } from 'node:module';
import { type CliRequest, parseCliArguments, USAGE, UsageError } from './cli-arguments.js';
import { onLaunchersGone } from './launchers.js';
import { resetCurl, seededCurl } from './seed.js';
import type { AtlasMock } from './start-atlas-mock.js';

let request: CliRequest;
try {
  request = parseCliArguments(process.argv.slice(2), process.env);
} catch (error) {
  if (!(error instanceof UsageError)) throw error;
  console.error(`atlas-mock: ${error.message}\n(atlas-mock --help for usage)`);
  process.exit(2);
}
if (request.kind === 'help') {
  process.stdout.write(USAGE);
  process.exit(0);
}
if (request.kind === 'version') {
  console.log((createRequire(import.meta.url)('../package.json') as { version: string }).version);
  process.exit(0);
}
const { options } = request;

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
const { startAtlasMock } = await import('./start-atlas-mock.js');
if (stopping) process.exit(0);
let started: AtlasMock;
try {
  started = await startAtlasMock({ ...options, log: (line) => console.log(line) });
} catch (error) {
  if (stopping) process.exit(0);
  const code = (error as { code?: unknown }).code;
  console.error(
    code === 'EADDRINUSE'
      ? `port ${options.port} is in use; pass --port or set PORT to another port (0 picks a free one)`
      : String((error as Error).message ?? error),
  );
  process.exit(1);
}
if (stopping) {
  closeAndExit(started);
} else {
  mock = started;
  const { baseUrl } = mock;
  if (mock.mode === 'stateful') {
    console.log(
      `Atlas mock, stateful (Prism's validation proxy in front of an in-memory emulator), listening on ${baseUrl}`,
    );
  } else {
    const bodies =
      options.mode === 'static' && options.dynamic ? 'generated' : "the spec's examples";
    console.log(`Atlas mock, static (Prism, ${bodies}), listening on ${baseUrl}`);
  }
  console.log('Try:');
  console.log(`  ${seededCurl(baseUrl)}`);
  if (mock.mode === 'stateful') console.log(`Reset it:\n  ${resetCurl(baseUrl)}`);
  console.log('Ctrl-C stops it.');
}
