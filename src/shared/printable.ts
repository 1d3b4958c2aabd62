/**
 * Text from a user's file or command line, made safe to put in a message: control bytes
 * and terminal escapes shown as \xNN, and cut to a length, so an error about a 20 MB line
 * or a binary file stays one short, readable line.
 */
export function printable(s: string, max = 80): string {
  // eslint-disable-next-line no-control-regex
  const safe = s.slice(0, max + 1).replace(/[\x00-\x1f\x7f-\x9f]/g, (c) => `\\x${c.charCodeAt(0).toString(16).padStart(2, '0')}`);
  return safe.length > max ? `${safe.slice(0, max - 1)}…` : safe;
}

/** User text in double quotes for a message, made printable (JSON.stringify would leave DEL and C1 bytes raw). */
export function quoted(s: string, max = 60): string {
  return `"${printable(s, max)}"`;
}
