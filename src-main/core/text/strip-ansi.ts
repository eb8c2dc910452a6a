/**
 * Terminal escape sequences (colours, cursor moves, hyperlinks) that tools print into their
 * output: unreadable in a document or a window, so removed. CSI (`ESC [ … final`), OSC
 * (`ESC ] … BEL` or `ESC ] … ESC \`), and two-character escapes; also the 8-bit CSI (U+009B).
 */
const ANSI =
  /\u001b\][^\u0007\u001b]*(?:\u0007|\u001b\\)|(?:\u001b\[|\u009b)[0-?]*[ -/]*[@-~]|\u001b[@-Z\\-_]/g;

export function stripAnsi(text: string): string {
  return text.includes('\u001b') || text.includes('\u009b') ? text.replace(ANSI, '') : text;
}
