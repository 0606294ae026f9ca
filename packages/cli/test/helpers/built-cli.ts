import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';

/** The built command, as npm links it. */
export const BIN = fileURLToPath(new URL('../../dist/bin.js', import.meta.url));

/** A token the mock accepts (it checks only that a Bearer token is there); it must never be printed. */
export const TOKEN = 'SENTINEL-token-of-the-cli-tests';

/** The project and key the mock serves from the spec's examples. */
export const SEEDED = { groupId: '32b6e34b3d91647abb20e7b8', apiKeyId: 'a86r5kwrfsk5r5ku5tgvhmpj' };

/** How a spawned command ended. */
export interface Finished {
  readonly code: number | null;
  readonly signal: NodeJS.Signals | null;
  readonly stdout: string;
  readonly stderr: string;
}

/**
 * A child's environment with nothing from ours but PATH: the mock's token and the seeded project,
 * no colour settings, no credentials of whoever runs the tests.
 */
export function childEnv(extra: Record<string, string | undefined> = {}): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = {
    PATH: process.env.PATH,
    MONGODB_ATLAS_ACCESS_TOKEN: TOKEN,
    MONGODB_ATLAS_PROJECT_ID: SEEDED.groupId,
  };
  for (const [name, value] of Object.entries(extra)) {
    if (value === undefined) delete env[name];
    else env[name] = value;
  }
  return env;
}

/** Runs the built command with pipes for stdin, stdout and stderr (so no terminal), to its end. */
export function runBuilt(
  args: readonly string[],
  options: {
    env?: NodeJS.ProcessEnv;
    cwd?: string;
    onStart?: (child: ReturnType<typeof spawn>) => void;
  } = {},
): Promise<Finished> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [BIN, ...args], {
      env: options.env ?? childEnv(),
      ...(options.cwd ? { cwd: options.cwd } : {}),
      stdio: ['pipe', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    child.stdout.setEncoding('utf8').on('data', (chunk: string) => {
      stdout += chunk;
    });
    child.stderr.setEncoding('utf8').on('data', (chunk: string) => {
      stderr += chunk;
    });
    child.on('error', reject);
    child.on('close', (code, signal) => resolve({ code, signal, stdout, stderr }));
    child.stdin.end();
    options.onStart?.(child);
  });
}
