/** Where command output goes; swapped in tests and by `--json` (one document on stdout). */
export interface Output {
  out(text: string): void;
  err(text: string): void;
  json(value: unknown): void;
  isTTY: boolean;
}

export const processOutput: Output = {
  out: (t) => process.stdout.write(t.endsWith('\n') ? t : `${t}\n`),
  err: (t) => process.stderr.write(t.endsWith('\n') ? t : `${t}\n`),
  json: (v) => process.stdout.write(JSON.stringify(v, null, 2) + '\n'),
  get isTTY() {
    return Boolean(process.stderr.isTTY);
  },
};

/** A usage error: exit code 2, message names the flag or argument. */
export class UsageError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'UsageError';
  }
}

export function table(rows: string[][]): string {
  if (!rows.length) return '';
  const widths = rows[0]!.map((_, i) => Math.max(...rows.map((r) => (r[i] ?? '').length)));
  return rows
    .map((r) => r.map((c, i) => (i === r.length - 1 ? c : c.padEnd(widths[i]!))).join('  '))
    .join('\n');
}
