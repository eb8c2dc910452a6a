import type { Command } from 'commander';
import { EXIT } from '../../core/pipeline/run-summary';
import { syncMemory } from '../../core/sync/memory-sync';
import { openContextLog, resolveContext } from '../cli-context';
import type { Output } from '../output';

interface Flags {
  root?: string;
  memory?: string;
  push?: boolean;
  json?: boolean;
  wait: string;
}

/** `coditect sync`: the memory repository with its remote (commit, fetch, rebase, index, push). */
export function registerSync(program: Command, o: Output, setExit: (code: number) => void): void {
  program
    .command('sync')
    .description(
      'sync the memory repository with its remote: commit pending memory, fetch, rebase, update the index, and with --push push (never forced)',
    )
    .option('--root <dir>', 'projects root (default ~/PROJECTS or the settings)')
    .option('--memory <dir>', 'the MEMORY-CONTEXT directory (default: the settings, or found under the root)')
    .option('--push', 'push after integrating what arrived (never forced)')
    .option('--wait <seconds>', 'how long to wait for a running import or commit to finish', '10')
    .option('--json', 'print one JSON document')
    .action(async (flags: Flags) => setExit(await sync(flags, o)));
}

async function sync(flags: Flags, o: Output): Promise<number> {
  const ctx = resolveContext(flags);
  // No memory yet: nothing to sync, and no place for a log (one would leave a stray folder).
  if (!ctx.memoryFound) {
    o.err(
      `No memory at ${ctx.layout.root} yet: nothing to sync. Run \`coditect setup\` to choose a memory repository.`,
    );
    return EXIT.failed;
  }
  const log = openContextLog(ctx);
  try {
    const report = await syncMemory({
      root: ctx.root,
      memoryDir: ctx.layout.root,
      push: Boolean(flags.push),
      log,
      lockWaitMs: Math.max(0, Number(flags.wait) || 0) * 1000,
    });
    if (flags.json) o.json(report);
    else (report.ok ? o.out : o.err).call(o, report.summary);
    return report.ok ? EXIT.done : EXIT.failed;
  } finally {
    log.close();
  }
}
