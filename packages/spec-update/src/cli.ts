#!/usr/bin/env node
import { resolve } from 'node:path';
import { inspect } from 'node:util';
import { parseCliArguments, USAGE } from './args.js';
import { SpecUpdateError } from './errors.js';
import { terminalSafeLines } from './terminal-text.js';
import { DEFAULT_ROOT } from './workspace.js';

// note: what is printed below can hold upstream text (names, lint reports, messages quoting
// the document), so it goes out escaped.
const print = (text: string) => console.log(terminalSafeLines(text));
const printError = (text: string) => console.error(terminalSafeLines(text));

/** Exit code of a bad input or an invalid result. */
const EXIT_BAD_INPUT = 2;

async function main(): Promise<number> {
  const args = parseCliArguments(process.argv.slice(2));
  if (args.help) {
    console.log(USAGE);
    return 0;
  }
  // note: loaded only now, so a bad argument is reported without loading the parsers.
  const { specUpdate } = await import('./spec-update.js');
  // note: pnpm runs scripts from the repository root; INIT_CWD is where the user typed the command.
  const cwd = process.env.INIT_CWD ?? process.cwd();
  const result = await specUpdate({
    from: args.from ?? '',
    check: args.check,
    root: args.root ? resolve(cwd, args.root) : DEFAULT_ROOT,
    cwd,
    timeoutMs: args.timeoutMs,
  });
  print(result.summary);
  if (result.typecheck) {
    const { describeTypecheck } = await import('./typecheck.js');
    printError(describeTypecheck(result.typecheck));
  }
  for (const note of result.notes) printError(`note: ${note}`);
  for (const path of result.written) printError(`wrote ${path}`);
  for (const path of result.removed) printError(`removed ${path}`);
  if (args.check) {
    console.error(
      result.changed
        ? 'the fragment is out of date: run the same command without --check to update it'
        : 'the fragment is up to date',
    );
    return result.changed ? 1 : 0;
  }
  if (!result.changed) console.error('the fragment is up to date; nothing written');
  return 0;
}

main().then(
  (code) => {
    process.exitCode = code;
  },
  (error: unknown) => {
    if (error instanceof SpecUpdateError) {
      printError(`spec:update: ${error.message}`);
      if (error.details) printError(error.details);
    } else {
      console.error('spec:update: unexpected failure');
      printError(inspect(error));
    }
    process.exitCode = EXIT_BAD_INPUT;
  },
);
