import { type ChildProcess, spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { afterEach, describe, expect, it } from 'vitest';
import { launchersFrom } from '../src/launchers.js';

const inShell = ['sh', fileURLToPath(new URL('./fixtures/in-shell.sh', import.meta.url))];
const launcher = [
  process.execPath,
  fileURLToPath(new URL('./fixtures/launcher.mjs', import.meta.url)),
];
/** The process whose child the mock would be: Node.js, as npx or pnpm are. */
const hold = [
  process.execPath,
  '-e',
  'console.log(`node ${process.pid}`); setInterval(() => {}, 1e9)',
];

const started: ChildProcess[] = [];

afterEach(() => {
  // note: each tree runs in its own process group, ended whole while its leader still runs.
  for (const child of started.splice(0)) {
    if (child.pid !== undefined && child.exitCode === null && child.signalCode === null)
      process.kill(-child.pid, 'SIGKILL');
  }
});

/**
 * Starts `command` in a process group of its own; resolves with the pids its processes named:
 * shells from the outermost, each launcher with the child it started, and the Node.js process.
 */
function startTree(command: string[], launchers: number) {
  const [file, ...args] = command as [string, ...string[]];
  // note: fd 3 is there for launcher.mjs, which hands it down.
  const child = spawn(file, args, { detached: true, stdio: ['ignore', 'pipe', 'inherit', 'pipe'] });
  started.push(child);
  let output = '';
  type Tree = { shells: number[]; launchers: Map<number, number>; node: number };
  return new Promise<Tree>((resolve, reject) => {
    child.stdout?.on('data', (chunk: Buffer) => {
      output += chunk.toString();
      const matches = (pattern: RegExp) => [...output.matchAll(pattern)];
      const [node] = matches(/^node (\d+)$/gm).map((match) => Number(match[1]));
      const found = matches(/^launcher (\d+) started (\d+)$/gm);
      if (node === undefined || found.length < launchers) return;
      resolve({
        shells: matches(/^shell (\d+)$/gm).map((match) => Number(match[1])),
        launchers: new Map(found.map((match) => [Number(match[1]), Number(match[2])])),
        node,
      });
    });
    child.once('exit', () => reject(new Error(`the process tree ended early:\n${output}`)));
  });
}

describe('the processes the mock watches', () => {
  it('stop at a shell whose own parent is a shell, as a subshell of the user’s shell running `(pnpm mock &)`', async () => {
    const tree = await startTree([...inShell, ...inShell, ...hold], 0);

    expect(tree.shells).toHaveLength(2);
    expect(launchersFrom(tree.node)).toEqual([tree.node]);
  });

  it('climb through launchers and the shells they run commands through, up to the user’s shell', async () => {
    const tree = await startTree([...inShell, ...inShell, ...launcher, ...inShell, ...hold], 1);
    const [, , launcherShell] = tree.shells;

    expect(tree.shells).toHaveLength(3);
    expect(launchersFrom(tree.node)).toEqual([tree.node, launcherShell, ...tree.launchers.keys()]);
  });

  it('climb through launchers in a line, as `npx pnpm mock`, up to the user’s shell', async () => {
    const tree = await startTree([...inShell, ...inShell, ...launcher, ...launcher, ...hold], 2);
    const startedBy = new Map([...tree.launchers].map(([pid, child]) => [child, pid]));
    const inner = startedBy.get(tree.node);
    const outer = startedBy.get(inner as number);

    expect(launchersFrom(tree.node)).toEqual([tree.node, inner, outer]);
  });
});
