import type { Command } from 'commander';
import { followLog, tailLines } from '../../core/log/tail';
import { resolveContext } from '../cli-context';
import { UsageError, type Output } from '../output';

export function registerLog(program: Command, o: Output): void {
  const cmd = program.command('log').description('the rolling log shared by the app and the CLI');
  cmd
    .command('path')
    .option('--root <dir>', 'projects root')
    .option('--memory <dir>', 'the MEMORY-CONTEXT directory')
    .action((flags: { root?: string; memory?: string }) => o.out(resolveContext(flags).layout.logFile));
  cmd
    .command('tail')
    .option('--root <dir>', 'projects root')
    .option('--memory <dir>', 'the MEMORY-CONTEXT directory')
    .option('-n, --lines <n>', 'how many lines', '20')
    .option('-f, --follow', 'keep printing new lines')
    .action(async (flags: { root?: string; memory?: string; lines: string; follow?: boolean }) => {
      const n = Number(flags.lines);
      if (!Number.isInteger(n) || n < 0)
        throw new UsageError(`-n must be a whole number, not "${flags.lines}"`);
      const file = resolveContext(flags).layout.logFile;
      for (const line of tailLines(file, n)) o.out(line);
      if (!flags.follow) return;
      await new Promise<void>((resolve) => {
        const stop = followLog(file, (lines) => lines.forEach((l) => o.out(l)));
        const end = () => {
          stop();
          resolve();
        };
        process.once('SIGINT', end);
        process.once('SIGTERM', end);
      });
    });
}
