import {
  DEFAULT_BASE_URL,
  DEFAULT_MAX_RETRIES,
  DEFAULT_RETRY_DELAYS,
  DEFAULT_TIMEOUT_MS,
  MAX_RETRIES,
  MAX_TIMEOUT_MS,
  worstCase,
} from '@org/atlas-ai-keys/defaults';
import { type Command, InvalidArgumentError, Option } from 'commander';
import { collectHeader } from './header-option.js';
import type { Env } from './io.js';

// note: only the client's `defaults` entry is loaded here, so `--help` states the client's real
// defaults without loading the client.

/** The options every command that calls Atlas takes, as commander parses them. */
export interface CommonOptions {
  readonly profile?: string;
  readonly baseUrl?: string;
  readonly apiVersion?: string;
  /** `--timeout`, already in milliseconds. */
  readonly timeout?: number;
  readonly maxRetries?: number;
  readonly verbose?: boolean;
  readonly debug?: boolean;
  /** `--header`, each as given. */
  readonly header?: readonly string[];
}

/** `ms` as a number of seconds for people: "30", "1.5". */
export const inSeconds = (ms: number) => `${Math.round(ms / 100) / 10}`;

/** Parses `--timeout <seconds>`: a number above 0, up to what a timer can wait. */
function parseTimeout(value: string): number {
  const seconds = Number(value);
  const ms = Math.round(seconds * 1000);
  if (value.trim() === '' || !Number.isFinite(seconds) || ms < 1 || ms > MAX_TIMEOUT_MS) {
    throw new InvalidArgumentError(
      `--timeout is a number of seconds above 0 and at most ${Math.floor(MAX_TIMEOUT_MS / 1000)}, such as 10 or 2.5`,
    );
  }
  return ms;
}

/** Parses `--max-retries <n>`: a whole number the client accepts. */
function parseMaxRetries(value: string): number {
  if (!/^\d+$/.test(value.trim()) || Number(value) > MAX_RETRIES) {
    throw new InvalidArgumentError(`--max-retries is a whole number from 0 to ${MAX_RETRIES}`);
  }
  return Number(value);
}

/** The base URL in effect without `--base-url`, for its help: the variables', else Atlas's. */
function baseUrlDefault(env: Env): string {
  for (const name of ['MONGODB_ATLAS_OPS_MANAGER_URL', 'MONGODB_ATLAS_BASE_URL']) {
    const value = env[name];
    // note: shown without any user name or password it might carry.
    if (value) return `${JSON.stringify(value.replace(/^[\s\S]*@/, '…@'))} from $${name}`;
  }
  return `${DEFAULT_BASE_URL}, or the profile's ops_manager_url`;
}

/** Adds the options of every command that calls Atlas: profile, where, which version, limits, headers, trace. */
export function withCommonOptions(command: Command, env: Env): Command {
  return command
    .addOption(
      new Option(
        '--profile <name>',
        'Atlas CLI profile to read credentials and defaults from (default: $MONGODB_ATLAS_PROFILE, else the only profile, else "default")',
      ),
    )
    .addOption(new Option('--base-url <url>', `Atlas base URL (default: ${baseUrlDefault(env)})`))
    .addOption(
      new Option(
        '--api-version <version>',
        'API version: a date such as 2025-03-12, or preview (default: the newest the client knows)',
      ),
    )
    .addOption(
      new Option(
        '--timeout <seconds>',
        `time limit of each attempt (default: ${inSeconds(DEFAULT_TIMEOUT_MS)})`,
      ).argParser(parseTimeout),
    )
    .addOption(
      new Option(
        '--max-retries <n>',
        `retries of a failed attempt, 0 to ${MAX_RETRIES} (default: ${DEFAULT_MAX_RETRIES})`,
      ).argParser(parseMaxRetries),
    )
    .addOption(
      new Option(
        '--header <header>',
        'send an HTTP header with every request, "Name: value" (repeatable); for example ' +
          '"Prefer: code=404" makes the Atlas mock answer that error',
      ).argParser(collectHeader),
    )
    .addOption(
      new Option('--verbose', 'announce each retry on stderr, even when it is not a terminal'),
    )
    .addOption(
      new Option(
        '--debug',
        'one line per HTTP exchange on stderr, credentials left out (also MONGODB_ATLAS_DEBUG=1)',
      ),
    );
}

/** What `--help` says about timeouts and retries, from the client's defaults. */
export function retriesHelp(): string {
  const worst = worstCase();
  const wait = inSeconds(DEFAULT_RETRY_DELAYS.maxRetryAfterMs);
  return `
Timeouts and retries:
  Each attempt may take --timeout seconds (default ${inSeconds(DEFAULT_TIMEOUT_MS)}); a failed one (a timeout, a
  connection failure, 429, or 5xx where repeating is safe) is retried up to --max-retries times
  (default ${DEFAULT_MAX_RETRIES}), after a pause of ${inSeconds(DEFAULT_RETRY_DELAYS.baseDelayMs)} s doubling each time. With the defaults a
  server that never answers is given up after ${worst.attempts} attempts, ${inSeconds(worst.silentMs)} s at most; one that asks to
  wait (Retry-After, up to ${wait} s) can stretch that to ${inSeconds(worst.retryAfterMs)} s. Each retry is announced on
  stderr on a terminal, or with --verbose.
`;
}
