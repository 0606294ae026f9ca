/**
 * Characters that steer a terminal or hide text: controls (C0 with ESC, DEL, C1 with CSI and
 * OSC), format characters (bidi overrides and isolates, zero-width characters, tag characters),
 * line and paragraph separators, and lone surrogates.
 */
const UNSAFE = /[\p{Cc}\p{Cf}\p{Zl}\p{Zp}\p{Cs}]/gu;

function asEscape(char: string): string {
  const code = char.codePointAt(0) ?? 0;
  return code > 0xffff ? `\\u{${code.toString(16)}}` : `\\u${code.toString(16).padStart(4, '0')}`;
}

/**
 * Text from outside made safe to print: every character in {@link UNSAFE} is written as its
 * escape (`\u001b`), so it shows instead of acting. Line breaks are escaped too: one line of
 * upstream text stays one line.
 */
export function terminalSafe(text: string): string {
  return text.replace(UNSAFE, asEscape);
}

/** Lines of text made safe one by one, keeping the breaks between them. */
export function terminalSafeLines(text: string): string {
  return text.split('\n').map(terminalSafe).join('\n');
}
