import { Command, CommanderError } from 'commander';
import { registerCheckpoints } from './commands/checkpoints';
import { registerCommit } from './commands/commit';
import { registerDoctor } from './commands/doctor';
import { registerExportDedup } from './commands/export-dedup';
import { registerLicense } from './commands/license';
import { registerLog } from './commands/log';
import { registerPreview } from './commands/preview';
import { registerReindex } from './commands/reindex';
import { registerReport } from './commands/report';
import { registerRepos } from './commands/repos';
import { registerScan } from './commands/scan';
import { registerSearch } from './commands/search';
import { registerSetup } from './commands/setup';
import { endQuietlyWhenReaderCloses } from './closed-reader';
import { registerSync } from './commands/sync';
import { processOutput, UsageError, type Output } from './output';
import { EXIT } from '../core/pipeline/run-summary';
import { LockBusyError } from '../core/pipeline/pipeline-lock';
import type { BuildKind } from '../core/license/public-key';
import { APP_VERSION } from '../core/version';

export const VERSION = APP_VERSION;

/**
 * The `coditect` command. Returns the exit code: 0 done, 1 failed, 2 usage, 3 partial.
 * `build`: 'packaged' for the CLI bundled in the app (entry.ts), whose license checks trust the
 * shipped vendor key only.
 */
export async function main(
  argv: string[],
  o: Output = processOutput,
  build: BuildKind = 'development',
): Promise<number> {
  if (o === processOutput)
    for (const stream of [process.stdout, process.stderr])
      endQuietlyWhenReaderCloses(stream, argv, (code) => process.exit(code));
  let exitCode: number = EXIT.done;
  const program = new Command('coditect')
    .description("CODITECT: keep Claude Code's working memory in git")
    .version(VERSION)
    .exitOverride()
    .configureOutput({ writeOut: (s) => o.out(s.trimEnd()), writeErr: (s) => o.err(s.trimEnd()) })
    .showHelpAfterError();
  const setExit = (code: number) => {
    exitCode = code;
  };
  registerExportDedup(program, o, setExit);
  registerScan(program, o);
  registerCheckpoints(program, o);
  registerSearch(program, o);
  registerReindex(program, o);
  registerLog(program, o);
  registerDoctor(program, o, setExit);
  registerPreview(program, o, VERSION);
  registerRepos(program, o, setExit);
  registerCommit(program, o, setExit);
  registerLicense(program, o, setExit, build);
  registerSetup(program, o, setExit);
  registerSync(program, o, setExit);
  registerReport(program, o, VERSION);
  try {
    await program.parseAsync(argv);
    return exitCode;
  } catch (err) {
    return reportError(err, o);
  }
}

function reportError(err: unknown, o: Output): number {
  if (err instanceof CommanderError) {
    if (
      err.code === 'commander.helpDisplayed' ||
      err.code === 'commander.version' ||
      err.code === 'commander.help'
    )
      return EXIT.done;
    return EXIT.usage;
  }
  if (err instanceof UsageError) {
    o.err(`coditect: ${err.message}`);
    return EXIT.usage;
  }
  if (err instanceof LockBusyError) {
    o.err(`coditect: ${err.message}`);
    return EXIT.failed;
  }
  o.err(`coditect: ${(err as Error).message ?? String(err)}`);
  return EXIT.failed;
}
