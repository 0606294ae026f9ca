import { CONTROL_CHARACTER } from '@org/atlas-ai-keys/defaults';

/**
 * Characters that steer a terminal or hide text: the client's control characters (ESC, CSI
 * U+009B), format characters (bidi overrides such as U+202E, zero-width characters), line and
 * paragraph separators, and lone surrogates. Text from a server or a name must not carry them to
 * the screen.
 */
const UNSAFE = new RegExp(`[${CONTROL_CHARACTER.source}\\p{Cf}\\p{Zl}\\p{Zp}\\p{Cs}]`, 'u');
/** Runs of them, for `replace`, which starts a global pattern's search afresh each time. */
const UNSAFE_RUNS = new RegExp(`${UNSAFE.source}+`, 'gu');

/** Whether text holds any character that `printable` would escape. */
export function hasControlCharacters(text: string): boolean {
  return UNSAFE.test(text);
}

/** The longest error line printed; a server's detail can be any length. */
const MAX_LINE = 500;

/**
 * Shows outside text safely: every unsafe character becomes a `\uXXXX` escape, so it is seen, not
 * interpreted. In JSON text these characters only occur inside strings, where the escape is valid
 * JSON of the same value.
 */
export function printable(text: string): string {
  return text.replace(UNSAFE_RUNS, escaped);
}

/**
 * `printable` for text laid out over lines, such as indented JSON: each line break alone stays.
 * In JSON text the other unsafe characters only occur inside strings, where the escape is valid
 * JSON of the same value.
 */
export function printableLines(text: string): string {
  return text.replace(UNSAFE_RUNS, (run) => (run === '\n' ? run : escaped(run)));
}

/** Every code unit of `run` as a `\uXXXX` escape, so a character beyond U+FFFF as its pair. */
function escaped(run: string): string {
  let text = '';
  for (let i = 0; i < run.length; i++) {
    text += `\\u${run.charCodeAt(i).toString(16).padStart(4, '0')}`;
  }
  return text;
}

/** Squeezes text onto one printable line: whitespace runs become a space, length is capped. */
export function oneLine(text: string): string {
  const line = text.replace(/\s+/g, ' ').trim();
  return printable(line.length > MAX_LINE ? `${line.slice(0, MAX_LINE - 1)}…` : line);
}
