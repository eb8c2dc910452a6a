import type { Command } from 'commander';
import { settlePendingPaths } from '../../core/git/pending-paths';
import { reindex } from '../../core/memory/reindex';
import { acquirePipelineLock } from '../../core/pipeline/pipeline-lock';
import { openContextLog, resolveContext } from '../cli-context';
import type { Output } from '../output';

export function registerReindex(program: Command, o: Output): void {
  program
    .command('reindex')
    .description('rebuild the local index from the git-tracked dedup state (after a clone or pull)')
    .option('--root <dir>', 'projects root')
    .option('--memory <dir>', 'the MEMORY-CONTEXT directory')
    .option('--json', 'print one JSON document')
    .action(async (flags: { root?: string; memory?: string; json?: boolean }) => {
      const ctx = resolveContext(flags);
      const log = openContextLog(ctx);
      const release = await acquirePipelineLock(
        ctx.layout.lockTarget,
        ctx.layout.lockOwnerFile,
        ctx.layout.root,
        {
          waitMs: 10_000,
          command: 'coditect reindex',
        },
      );
      try {
        log.info('reindex', 'started', { memory: ctx.layout.root });
        const report = await reindex(ctx.layout);
        // A conversion of the memory's format is committed by the next run's git step.
        if (report.migrated.length) settlePendingPaths(ctx.layout.root, report.migrated, false);
        for (const p of report.problems) log.warn('reindex', p);
        log.info('reindex', 'succeeded', {
          messages: report.messages,
          checkpoints: report.checkpoints,
          occurrences: report.occurrences,
        });
        if (flags.json) o.json(report);
        else {
          o.out(
            `Rebuilt ${ctx.layout.storeFile}: ${report.messages} unique messages, ${report.checkpoints} checkpoints, ${report.sources} sources, ${report.occurrences} occurrences.`,
          );
          if (report.backup) o.out(`The previous index is kept at ${report.backup}.`);
          if (report.migrated.length)
            o.out(
              'The memory was converted to the current format; the next `coditect export-dedup` commits it.',
            );
          for (const p of report.problems) o.err(`warning: ${p}`);
        }
      } finally {
        await release();
        log.close();
      }
    });
}
