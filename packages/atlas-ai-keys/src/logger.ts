/** Log levels, from most to least verbose. */
export type LogLevel = 'debug' | 'info' | 'warn' | 'error' | 'off';

/** The subset of `console` the client logs to; any object with these methods will do. */
export interface Logger {
  debug(message: string, fields?: Record<string, unknown>): void;
  info(message: string, fields?: Record<string, unknown>): void;
  warn(message: string, fields?: Record<string, unknown>): void;
  error(message: string, fields?: Record<string, unknown>): void;
}

/** Every level, most verbose first; all but the last are also the methods of a `Logger`. */
export const LOG_LEVELS: readonly LogLevel[] = ['debug', 'info', 'warn', 'error', 'off'];

const noop = () => {};

/** Wraps `target` so that only messages at `level` or above reach it. */
export function levelledLogger(target: Logger, level: LogLevel): Logger {
  const at = (name: Exclude<LogLevel, 'off'>) =>
    LOG_LEVELS.indexOf(name) >= LOG_LEVELS.indexOf(level)
      ? (message: string, fields?: Record<string, unknown>) => target[name](message, fields)
      : noop;
  return { debug: at('debug'), info: at('info'), warn: at('warn'), error: at('error') };
}
