import { spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { BIN } from './built-cli.js';

// What the README-session tests share: the README's sections and blocks, each `$ command` of a
// console block with what it prints, a shell to run it in, and `atlas-ai-keys` on a PATH.

/** The package's README. */
export const README = readFileSync(new URL('../../README.md', import.meta.url), 'utf8');

/** A section of the README, from its `## heading` to the next; throws when there is none. */
export function readmeSection(heading: string): string {
  const start = README.indexOf(`\n## ${heading}\n`);
  if (start < 0) throw new Error(`the README has no section "${heading}"`);
  const end = README.indexOf('\n## ', start + 1);
  return README.slice(start, end < 0 ? undefined : end);
}

/** The first fenced block of `language` in `text`, without its fences. */
export function fencedBlock(text: string, language: string): string {
  return new RegExp(`\`\`\`${language}\\n([\\s\\S]*?)\`\`\``).exec(text)?.[1] ?? '';
}

/** Each `$ command` of the first console block in `text`, and the lines after it up to the next. */
export function consoleSession(text: string): { command: string; output: string }[] {
  return fencedBlock(text, 'console')
    .split(/^\$ /m)
    .slice(1)
    .map((entry) => {
      const [command = '', ...output] = entry.replace(/\n+$/, '').split('\n');
      return { command, output: output.join('\n') };
    });
}

/** Runs one command in a shell; resolves with everything it printed, stdout and stderr in order. */
export function inShell(command: string, env: NodeJS.ProcessEnv, cwd?: string): Promise<string> {
  return new Promise((resolve, reject) => {
    const child = spawn('sh', ['-c', `{ ${command}\n} 2>&1`], {
      env,
      ...(cwd ? { cwd } : {}),
      stdio: ['ignore', 'pipe', 'inherit'],
    });
    let printed = '';
    child.stdout.setEncoding('utf8').on('data', (chunk: string) => {
      printed += chunk;
    });
    child.on('error', reject);
    child.on('close', () => resolve(printed));
  });
}

/** Writes `atlas-ai-keys`, which runs the built command, into `dir` (made if needed), for PATH. */
export async function cliOnPath(dir: string): Promise<string> {
  await mkdir(dir, { recursive: true });
  await writeFile(
    join(dir, 'atlas-ai-keys'),
    `#!/bin/sh\nexec "${process.execPath}" "${BIN}" "$@"\n`,
    {
      mode: 0o755,
    },
  );
  return dir;
}
