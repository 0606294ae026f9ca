import { spawn } from 'node:child_process';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { BIN, childEnv } from './built-cli.js';

/** Something to type once the screen shows `when`. */
export interface Keystrokes {
  readonly when: string;
  readonly send: string;
}

/** How a command run on a pseudo-terminal ended. */
export interface TerminalRun {
  readonly code: number | null;
  /** What the terminal showed: stderr, and the prompts' echo. */
  readonly screen: string;
  /** stdout, sent to a file rather than the terminal so it can be told apart. */
  readonly stdout: string;
}

/** Quotes a word for sh. */
const quote = (word: string) => `'${word.replaceAll("'", `'\\''`)}'`;

/**
 * Runs the built command with stdin and stderr on a pseudo-terminal, made by util-linux
 * `script`, and its stdout in a file; types each of `keys` once the screen shows its cue.
 */
export async function runOnTerminal(
  args: readonly string[],
  keys: readonly Keystrokes[] = [],
  env: NodeJS.ProcessEnv = childEnv(),
): Promise<TerminalRun> {
  const dir = await mkdtemp(join(tmpdir(), 'atlas-cli-pty-'));
  const stdoutFile = join(dir, 'stdout');
  const command = [process.execPath, BIN, ...args].map(quote).join(' ');
  try {
    const { code, screen } = await new Promise<{ code: number | null; screen: string }>(
      (resolve, reject) => {
        // -q quiet, -f flush at once, -e the command's exit code, -c the command; no typescript file.
        const child = spawn('script', ['-qfec', `${command} > ${quote(stdoutFile)}`, '/dev/null'], {
          env: { ...env, TERM: 'xterm' },
          stdio: ['pipe', 'pipe', 'pipe'],
        });
        let screen = '';
        const pending = [...keys];
        // note: each cue is looked for only in what appeared after the previous keystrokes.
        let searchFrom = 0;
        child.stdout.setEncoding('utf8').on('data', (chunk: string) => {
          screen += chunk;
          const next = pending[0];
          if (next && screen.indexOf(next.when, searchFrom) !== -1) {
            pending.shift();
            searchFrom = screen.length;
            child.stdin.write(next.send);
          }
        });
        child.stderr.setEncoding('utf8').on('data', (chunk: string) => {
          screen += chunk;
        });
        child.on('error', reject);
        child.on('close', (exitCode) => {
          child.stdin.end();
          resolve({ code: exitCode, screen });
        });
      },
    );
    const stdout = await readFile(stdoutFile, 'utf8').catch(() => '');
    return { code, screen, stdout };
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}
