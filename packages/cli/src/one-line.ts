/**
 * Characters that steer a terminal or hide text: C0 and C1 controls (ESC, CSI U+009B), format
 * characters (bidi overrides such as U+202E, zero-width characters), line and paragraph
 * separators, and lone surrogates. Text from a server or a name must not carry them to the screen.
 */
const UNSAFE = /[\p{Cc}\p{Cf}\p{Zl}\p{Zp}\p{Cs}]+/gu;

/** Whether text holds any character that `printable` would escape. */
export function hasControlCharacters(text: string): boolean {
  UNSAFE.lastIndex = 0;
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
  return text.replace(UNSAFE, (run) => {
    let escaped = '';
    // note: code units, so a character beyond U+FFFF is escaped as its surrogate pair.
    for (let i = 0; i < run.length; i++) {
      escaped += `\\u${run.charCodeAt(i).toString(16).padStart(4, '0')}`;
    }
    return escaped;
  });
}

/** Squeezes text onto one printable line: whitespace runs become a space, length is capped. */
export function oneLine(text: string): string {
  const line = text.replace(/\s+/g, ' ').trim();
  return printable(line.length > MAX_LINE ? `${line.slice(0, MAX_LINE - 1)}…` : line);
}
