import { describe, expect, it } from 'vitest';
import { parseCliArguments, UsageError } from '../src/cli-arguments.js';

describe('atlas-mock arguments', () => {
  it.each([
    [
      'nothing: a stateful mock on 127.0.0.1:4010',
      [],
      {},
      { mode: 'stateful', port: 4010, host: '127.0.0.1' },
    ],
    [
      'PORT and HOST from the environment',
      [],
      { PORT: '0', HOST: '::1' },
      { mode: 'stateful', port: 0, host: '::1' },
    ],
    [
      '--port and --host over the environment',
      ['--port', '4011', '--host', '0.0.0.0'],
      { PORT: '1', HOST: 'x' },
      { port: 4011, host: '0.0.0.0' },
    ],
    ['--mode static', ['--mode', 'static'], {}, { mode: 'static', dynamic: false }],
    [
      '--mode static --dynamic',
      ['--mode', 'static', '--dynamic'],
      {},
      { mode: 'static', dynamic: true },
    ],
    ['--spec', ['--spec', 'other.yaml'], {}, { specPath: 'other.yaml' }],
  ])('reads %s', (_, args, env, want) => {
    const request = parseCliArguments(args, env);
    expect(request).toMatchObject({ kind: 'run', options: want });
  });

  it.each([
    [['--help'], 'help'],
    [['-h'], 'help'],
    [['--version'], 'version'],
    [['-v', '--port', 'x'], 'version'],
  ])('%j asks for %s', (args, kind) => {
    expect(parseCliArguments(args, {})).toEqual({ kind });
  });

  it.each([
    [['--port', '4010x'], {}, '--port must be an integer from 0 to 65535, got "4010x"'],
    [['--port', '65536'], {}, '--port must be an integer from 0 to 65535, got "65536"'],
    [['--port=-1'], {}, '--port must be an integer from 0 to 65535, got "-1"'],
    [[], { PORT: '4010x' }, 'PORT must be an integer from 0 to 65535, got "4010x"'],
    [['--mode', 'sometimes'], {}, '--mode must be stateful or static, got "sometimes"'],
    [['--dynamic'], {}, '--dynamic applies to --mode static only'],
    [['--host', ''], {}, '--host must name an interface, such as 127.0.0.1'],
    [['--nope'], {}, "Unknown option '--nope'"],
    [['serve'], {}, "Unexpected argument 'serve'"],
  ])('refuses %j %j, naming what is wrong', (args, env, message) => {
    expect(() => parseCliArguments(args, env)).toThrow(UsageError);
    expect(() => parseCliArguments(args, env)).toThrow(message);
  });
});
