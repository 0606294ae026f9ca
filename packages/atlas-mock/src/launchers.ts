import { execFileSync } from 'node:child_process';
import { readFileSync, readlinkSync } from 'node:fs';
import { basename } from 'node:path';

const linux = process.platform === 'linux';

/** `ps` output for one process, or undefined once it has exited. */
function ps(pid: number, field: 'ppid' | 'comm'): string | undefined {
  try {
    const output = execFileSync('ps', ['-o', `${field}=`, '-p', String(pid)], {
      encoding: 'utf8',
      stdio: ['ignore', 'pipe', 'ignore'],
    });
    return output.trim() || undefined;
  } catch {
    return undefined;
  }
}

/** The parent of a running process; undefined once it has exited (a zombie has exited). */
function parentOf(pid: number): number | undefined {
  if (!linux) {
    const parent = Number(ps(pid, 'ppid'));
    return Number.isInteger(parent) && parent > 0 ? parent : undefined;
  }
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    // note: the command name in parentheses may itself hold spaces and parentheses.
    const [state, parent] = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    return state === 'Z' || state === 'X' ? undefined : Number(parent);
  } catch {
    return undefined;
  }
}

/** Whether a process is a package-manager launcher: Node.js (npx, pnpm) or pnpm's own binary. */
function isLauncher(pid: number | undefined): boolean {
  if (pid === undefined) return false;
  try {
    const executable = linux ? readlinkSync(`/proc/${pid}/exe`) : (ps(pid, 'comm') ?? '');
    return /^(node|pnpm)/.test(basename(executable));
  } catch {
    return false;
  }
}

/**
 * The processes whose exit ends a process started by `parent`: the parent, and above it each
 * launcher in an unbroken line, with the shells they run commands through (npm runs `sh -c`).
 * The line stops below the first process that is neither, such as the user's shell, so
 * `(pnpm mock &)` keeps the mock when its subshell ends at once.
 */
export function launchersFrom(parent: number): number[] {
  const chain = [parent];
  for (;;) {
    const above = parentOf(chain[chain.length - 1] as number);
    if (above === undefined || above <= 1) return chain;
    if (!isLauncher(above) && !isLauncher(parentOf(above))) return chain;
    chain.push(above);
  }
}

function alive(pid: number): boolean {
  if (linux) return parentOf(pid) !== undefined;
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/**
 * Calls `onGone` once a process that started this one exits, even with npx or pnpm in between:
 * a shell's `kill $!` of `npx pnpm mock &` ends npx alone, which passes no signal on, and the
 * processes below it would live on. Checks every `intervalMs` without keeping the process
 * alive; returns a function that stops watching.
 */
export function onLaunchersGone(onGone: () => void, intervalMs = 500): () => void {
  // note: Windows never hands an orphan to another parent, and its launchers pass Ctrl-C on.
  if (process.platform === 'win32') return () => {};
  const parent = process.ppid;
  const watched = launchersFrom(parent);
  const timer = setInterval(() => {
    if (process.ppid === parent && watched.every(alive)) return;
    clearInterval(timer);
    onGone();
  }, intervalMs);
  timer.unref();
  return () => clearInterval(timer);
}
