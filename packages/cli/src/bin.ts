#!/usr/bin/env node
import { ExitCode } from './exit-codes.js';
import type { CliIo } from './io.js';
import { main } from './main.js';

const interrupt = new AbortController();
process.on('SIGINT', () => {
  // A second Ctrl-C, or a first one that nothing is waiting on, ends the process at once.
  if (interrupt.signal.aborted) process.exit(ExitCode.interrupted);
  interrupt.abort();
  setTimeout(() => process.exit(ExitCode.interrupted), 2000).unref();
});

// note: a closed pipe (`atlas-ai-keys list | head -1`) fails the pending write, whose callback
// reports it; without a listener the stream's 'error' event would crash the process instead.
process.stdout.on('error', () => {});

const io: CliIo = {
  stdout: process.stdout,
  stderr: process.stderr,
  env: process.env,
  tty: {
    stdin: process.stdin.isTTY === true,
    stdout: process.stdout.isTTY === true,
    stderr: process.stderr.isTTY === true,
  },
  createClient: async (settings) => (await import('./client-factory.js')).createClient(settings),
  ask: async (question, signal) =>
    (await import('./terminal-question.js')).askOnTerminal(question, signal),
  signal: interrupt.signal,
};

process.exitCode = await main(process.argv.slice(2), io);
