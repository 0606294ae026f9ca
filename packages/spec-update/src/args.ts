import { parseArgs } from 'node:util';
import { SpecUpdateError } from './errors.js';

/** Default bound on fetching a URL: generous for 4 MB, short enough for a scheduled job. */
export const DEFAULT_TIMEOUT_MS = 30_000;

/** The command line, checked. */
export interface CliArguments {
  readonly from: string | undefined;
  readonly check: boolean;
  readonly help: boolean;
  readonly root: string | undefined;
  readonly timeoutMs: number;
}

/** The `--help` text. */
export const USAGE = `Usage: pnpm spec:update --from <file or https URL> [--check]

Cuts spec/atlas-ai-model-api-keys.yaml from the upstream Atlas Administration API document
(the operations selected in spec/spec-update.yaml, with exactly the components they reach),
regenerates @org/atlas-types, lints the result, classifies the change against the fragment it
replaces and writes its changeset. The first line printed is "spec change: " followed by
breaking, feature, fix or none; one line per change follows.

Options:
  --from <file|url>    the upstream document, YAML or JSON (plain http only to loopback)
  --check              write nothing; exit 1 if the fragment would change, 0 if it is up to date
  --timeout-ms <n>     bound on fetching a URL, in milliseconds (default ${DEFAULT_TIMEOUT_MS})
  --root <dir>         the repository to update (default: this one)
  --help               this text

Exit codes: 0 done or up to date, 1 out of date (--check), 2 bad input or invalid result.

Examples:
  pnpm spec:update --from ../shared/upstream/atlas-admin-api-2026-08-21.yml
  pnpm spec:update --check --from https://example.com/atlas-admin-api.yml`;

/** Parses and checks the command line; a bad argument is a {@link SpecUpdateError}. */
export function parseCliArguments(argv: readonly string[]): CliArguments {
  let values: Record<string, string | boolean | undefined>;
  try {
    ({ values } = parseArgs({
      args: [...argv],
      options: {
        from: { type: 'string' },
        check: { type: 'boolean', default: false },
        help: { type: 'boolean', default: false },
        root: { type: 'string' },
        'timeout-ms': { type: 'string' },
      },
      strict: true,
      allowPositionals: false,
    }));
  } catch (error) {
    throw new SpecUpdateError(`${(error as Error).message} (see --help)`);
  }
  const help = values.help === true;
  const from = values.from as string | undefined;
  if (!help && (from === undefined || from.trim() === '')) {
    throw new SpecUpdateError('--from must name the upstream document: a file or an https URL');
  }
  const rawTimeout = values['timeout-ms'] as string | undefined;
  const timeoutMs = rawTimeout === undefined ? DEFAULT_TIMEOUT_MS : Number(rawTimeout);
  if (!Number.isInteger(timeoutMs) || timeoutMs < 1 || timeoutMs > 600_000) {
    throw new SpecUpdateError(
      `--timeout-ms must be an integer from 1 to 600000, got "${rawTimeout}"`,
    );
  }
  return {
    from,
    check: values.check === true,
    help,
    root: values.root as string | undefined,
    timeoutMs,
  };
}
