import { parseArgs } from 'node:util';
import type { AtlasMockOptions } from './start-atlas-mock.js';

/** `atlas-mock --help`. */
export const USAGE = `Usage: atlas-mock [options]

A local MongoDB Atlas AI model API keys API, for development and tests.

Options:
  --mode <mode>  stateful (default): Prism's validation proxy in front of an in-memory
                 emulator, where keys persist until deleted; static: Prism answers every
                 call from the spec's examples
  --port <port>  TCP port (default: $PORT, else 4010; 0 picks a free one)
  --host <host>  interface to bind (default: $HOST, else 127.0.0.1)
  --dynamic      static mode only: bodies generated from the schemas, not the examples
  --spec <file>  the OpenAPI document to serve (default: the one @org/atlas-types ships)
  -h, --help     show this help
  -v, --version  print the version

Any bearer token passes: Authorization: Bearer <anything>. Errors on demand: send
Prefer: code=<status> (a status the operation declares). Reset a stateful mock with
POST /_atlas-mock/reset. Ctrl-C stops it.
`;

/** What the command line asks for. */
export type CliRequest =
  | { readonly kind: 'help' }
  | { readonly kind: 'version' }
  | { readonly kind: 'run'; readonly options: AtlasMockOptions & { port: number; host: string } };

/** Arguments that cannot be used: the message names the argument and what it must be. */
export class UsageError extends Error {}

const PORT_RANGE = 'an integer from 0 to 65535';

function portFrom(raw: string, name: string): number {
  const port = Number(raw);
  if (!/^\d+$/.test(raw) || port > 65535) {
    throw new UsageError(`${name} must be ${PORT_RANGE}, got "${raw}"`);
  }
  return port;
}

/** Reads the arguments, with `PORT` and `HOST` from `env` as the defaults of `--port` and `--host`. */
export function parseCliArguments(
  args: readonly string[],
  env: Readonly<Record<string, string | undefined>>,
): CliRequest {
  let values: ReturnType<typeof parse>['values'];
  try {
    values = parse(args).values;
  } catch (error) {
    throw new UsageError((error as Error).message);
  }
  if (values.help) return { kind: 'help' };
  if (values.version) return { kind: 'version' };

  const port =
    values.port !== undefined
      ? portFrom(values.port, '--port')
      : portFrom(env.PORT ?? '4010', 'PORT');
  const host = values.host ?? env.HOST ?? '127.0.0.1';
  if (host === '') throw new UsageError('--host must name an interface, such as 127.0.0.1');
  const common = { port, host, ...(values.spec === undefined ? {} : { specPath: values.spec }) };
  const mode = values.mode ?? 'stateful';
  if (mode === 'static') {
    return { kind: 'run', options: { ...common, mode, dynamic: values.dynamic ?? false } };
  }
  if (mode !== 'stateful') {
    throw new UsageError(`--mode must be stateful or static, got "${mode}"`);
  }
  if (values.dynamic) throw new UsageError('--dynamic applies to --mode static only');
  return { kind: 'run', options: { ...common, mode } };
}

function parse(args: readonly string[]) {
  return parseArgs({
    args: [...args],
    strict: true,
    allowPositionals: false,
    options: {
      mode: { type: 'string' },
      port: { type: 'string' },
      host: { type: 'string' },
      dynamic: { type: 'boolean' },
      spec: { type: 'string' },
      help: { type: 'boolean', short: 'h' },
      version: { type: 'boolean', short: 'v' },
    },
  });
}
