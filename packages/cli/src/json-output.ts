import { printableLines } from './one-line.js';

/**
 * A value as the JSON the API sent, indented, with a final newline. Characters that would steer a
 * terminal and that JSON.stringify leaves raw (DEL, C1 controls, bidi and zero-width characters)
 * are `\u` escapes of the same value; the only raw line breaks are the indentation's own.
 */
export function toJson(value: unknown): string {
  return `${printableLines(JSON.stringify(value, null, 2))}\n`;
}
