// Running commands for the consumer test: their output on failure, and the mock in the background.
import { execFile, spawn } from 'node:child_process';
import { promisify } from 'node:util';

const exec = promisify(execFile);

/**
 * Runs a command, returning stdout (with `{ stderr: true }`, stdout and then stderr); on failure
 * the error carries the command's whole output.
 */
export async function run(command, args, { stderr: withStderr = false, ...options } = {}) {
  try {
    const { stdout, stderr } = await exec(command, args, {
      maxBuffer: 64 * 1024 * 1024,
      ...options,
    });
    return withStderr ? `${stdout}${stderr}` : stdout;
  } catch (error) {
    if (error.code === 'ENOENT') {
      throw new Error(`${command} is not on PATH; run this as \`pnpm test:consumer\``);
    }
    const output = [error.stdout, error.stderr].filter(Boolean).join('\n');
    throw new Error(`${command} ${args.join(' ')} failed (exit ${error.code}):\n${output}`);
  }
}

/**
 * `npm install` of `specs` into the project at `cwd`, as a user would, without a lockfile, audit
 * or install scripts (the packages here need none), and quiet unless it fails.
 */
export function npmInstall(cwd, specs) {
  const flags = ['--no-audit', '--no-fund', '--ignore-scripts', '--no-package-lock'];
  return run('npm', ['install', ...flags, '--prefer-offline', '--loglevel=error', ...specs], {
    cwd,
  });
}

/** Throws with `message` unless `condition` holds. */
export function check(condition, message) {
  if (!condition) throw new Error(`consumer test: ${message}`);
}

/**
 * Starts a long-running command and resolves, with its first match of `ready` on stdout and a
 * `stop()`, once that match appears; rejects with its output if it exits first or stays silent
 * for `timeoutMs`. `stop()` sends SIGTERM and resolves with the exit code.
 */
export function start(command, args, ready, { timeoutMs = 120_000, ...options } = {}) {
  const child = spawn(command, args, { stdio: ['ignore', 'pipe', 'pipe'], ...options });
  let output = '';
  const exited = new Promise((resolve) =>
    child.once('exit', (code, signal) => resolve(code ?? signal)),
  );
  return new Promise((resolve, reject) => {
    let started = false;
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      reject(
        new Error(`${command} ${args.join(' ')} did not start within ${timeoutMs} ms:\n${output}`),
      );
    }, timeoutMs);
    exited.then(() => clearTimeout(timer));
    // note: stdout is read to the end, so the command never blocks on a full pipe.
    child.stdout.setEncoding('utf8').on('data', (chunk) => {
      output += chunk;
      const match = started ? null : ready.exec(output);
      if (match === null) return;
      started = true;
      clearTimeout(timer);
      resolve({
        match,
        output: () => output,
        stop: () => {
          if (child.exitCode === null && child.signalCode === null) child.kill('SIGTERM');
          return exited;
        },
      });
    });
    child.stderr.setEncoding('utf8').on('data', (chunk) => {
      output += chunk;
    });
    child.once('error', reject);
    exited.then((code) =>
      reject(new Error(`${command} ${args.join(' ')} exited (${code}):\n${output}`)),
    );
  });
}
