/**
 * `coditect search … | head` (or `2>&1 | head`, progress lines included): once the reader of stdout or stderr has gone, what is left to print has
 * no one to read it. A command that only reads then ends at once and quietly, as Unix tools
 * do, instead of dying on an unhandled EPIPE with a stack trace. A command that changes
 * things (a run, a commit) is not cut short halfway: it finishes with its output dropped.
 * Any other output error is reported.
 */

/** Commands that change files, the store or git: never stopped midway by a closed reader. */
const CHANGING_COMMANDS: ReadonlySet<string> = new Set([
  'export-dedup',
  'commit',
  'setup',
  'reindex',
  'license',
]);

export function endQuietlyWhenReaderCloses(
  stream: NodeJS.WriteStream,
  argv: readonly string[],
  exit: (code: number) => void,
): void {
  const finishFirst = CHANGING_COMMANDS.has(commandName(argv));
  stream.on('error', (err: NodeJS.ErrnoException) => {
    if (err.code === 'EPIPE' || err.code === 'ERR_STREAM_DESTROYED') {
      if (!finishFirst) exit(0);
      return;
    }
    // Progress lines go to stderr: when stderr itself fails there is nowhere to say so.
    if (stream !== process.stderr)
      process.stderr.write(`coditect: cannot write the output: ${err.message}\n`);
    if (!finishFirst) exit(1);
  });
}

/** The first argument after the program that is not an option. */
function commandName(argv: readonly string[]): string {
  return argv.slice(2).find((a) => !a.startsWith('-')) ?? '';
}
