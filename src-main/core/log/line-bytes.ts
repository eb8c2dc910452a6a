/**
 * Byte-level line helpers for the log. They work on Buffers so that trimming at the cap copies
 * bytes instead of decoding and re-encoding the whole file, and they share one rule: a line
 * exists only once its '\n' is there; an unterminated tail is a fragment, never a line.
 */

const NL = 0x0a;

/** Length of the prefix made of complete lines (everything up to and including the last '\n'). */
export function completeLength(buf: Buffer): number {
  return buf.lastIndexOf(NL) + 1;
}

export function countNewlines(buf: Buffer, end: number = buf.length): number {
  let count = 0;
  let at = buf.indexOf(NL);
  while (at >= 0 && at < end) {
    count++;
    at = buf.indexOf(NL, at + 1);
  }
  return count;
}

/** Offset where the line after the first `skip` lines starts (`end` if there are fewer). */
export function startOfLine(buf: Buffer, skip: number, end: number = buf.length): number {
  let offset = 0;
  for (let i = 0; i < skip; i++) {
    const at = buf.indexOf(NL, offset);
    if (at < 0 || at >= end) return end;
    offset = at + 1;
  }
  return offset;
}

export function splitCompleteLines(buf: Buffer): string[] {
  const whole = completeLength(buf);
  if (whole === 0) return [];
  return buf.toString('utf8', 0, whole - 1).split('\n');
}
