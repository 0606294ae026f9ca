/** C0 and C1 control characters, ESC included: a server's or a name's text must not steer the terminal. */
// biome-ignore lint/suspicious/noControlCharactersInRegex: matching them is the point.
const CONTROL = /[\u0000-\u001f\u007f-\u009f]+/g;

/** Whether text holds any control character. */
export function hasControlCharacters(text: string): boolean {
  CONTROL.lastIndex = 0;
  return CONTROL.test(text);
}

/** The longest error line printed; a server's detail can be any length. */
const MAX_LINE = 500;

/** Squeezes text onto one printable line: control characters become spaces, length is capped. */
export function oneLine(text: string): string {
  const line = text.replace(CONTROL, ' ').replace(/ {2,}/g, ' ').trim();
  return line.length > MAX_LINE ? `${line.slice(0, MAX_LINE - 1)}…` : line;
}

/** Shows text from the API in a table cell: control characters are escaped, never interpreted. */
export function printable(text: string): string {
  return text.replace(CONTROL, (run) =>
    [...run].map((c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`).join(''),
  );
}
