#!/usr/bin/env node
import { resolve } from 'node:path';
import { parseCliArguments, USAGE } from './args.js';
import { SpecUpdateError } from './errors.js';
import { specUpdate } from './spec-update.js';
import { DEFAULT_ROOT } from './workspace.js';

/** Exit code of a bad input or an invalid result. */
const EXIT_BAD_INPUT = 2;

async function main(): Promise<number> {
  const args = parseCliArguments(process.argv.slice(2));
  if (args.help) {
    console.log(USAGE);
    return 0;
  }
  // note: pnpm runs scripts from the repository root; INIT_CWD is where the user typed the command.
  const cwd = process.env.INIT_CWD ?? process.cwd();
  const result = await specUpdate({
    from: args.from ?? '',
    check: args.check,
    root: args.root ? resolve(cwd, args.root) : DEFAULT_ROOT,
    cwd,
    timeoutMs: args.timeoutMs,
  });
  for (const path of result.written) console.error(`wrote ${path}`);
  for (const path of result.removed) console.error(`removed ${path}`);
  if (args.check) return result.changed ? 1 : 0;
  return 0;
}

main().then(
  (code) => {
    process.exitCode = code;
  },
  (error: unknown) => {
    if (error instanceof SpecUpdateError) {
      console.error(`spec:update: ${error.message}`);
      if (error.details) console.error(error.details);
    } else {
      console.error('spec:update: unexpected failure');
      console.error(error);
    }
    process.exitCode = EXIT_BAD_INPUT;
  },
);
