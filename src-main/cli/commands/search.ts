import type { Command } from 'commander';
import { ROLES, type Role } from '../../core/model';
import { searchMessages } from '../../core/memory/queries';
import { withReadStore } from '../read-store';
import { UsageError, type Output } from '../output';

interface Flags {
  root?: string;
  memory?: string;
  limit: string;
  json?: boolean;
  role?: string;
  project?: string;
  source?: string;
  author?: string;
  machine?: string;
}

export function registerSearch(program: Command, o: Output): void {
  program
    .command('search <query...>')
    .description('full-text search across every message')
    .option('--root <dir>', 'projects root')
    .option('--memory <dir>', 'the MEMORY-CONTEXT directory')
    .option('--limit <n>', 'how many results', '20')
    .option('--role <role>', `only this role (${ROLES.join(', ')})`)
    .option('--project <text>', 'only messages from projects whose path contains this')
    .option('--source <kind>', 'export or transcript')
    .option('--author <text>', 'only messages of checkpoints whose author (git name or email) contains this')
    .option('--machine <text>', 'only messages of checkpoints made on a machine whose name contains this')
    .option('--json', 'print one JSON document')
    .action((words: string[], flags: Flags) => {
      const limit = Number(flags.limit);
      if (!Number.isInteger(limit) || limit < 1)
        throw new UsageError(`--limit must be a positive whole number, not "${flags.limit}"`);
      if (flags.role && !ROLES.includes(flags.role as Role))
        throw new UsageError(`--role must be one of ${ROLES.join(', ')}`);
      if (flags.source && flags.source !== 'export' && flags.source !== 'transcript')
        throw new UsageError('--source must be export or transcript');
      withReadStore(flags, (store) => {
        const hits = searchMessages(store, words.join(' '), limit, {
          role: flags.role as Role | undefined,
          project: flags.project,
          source: flags.source as 'export' | 'transcript' | undefined,
          author: flags.author,
          machine: flags.machine,
        });
        if (flags.json) return o.json({ query: words.join(' '), hits });
        if (!hits.length) return o.out('No matches.');
        for (const h of hits)
          o.out(
            `${h.role.padEnd(11)} ${h.snippet.replace(/\s+/g, ' ')}  (${h.firstSource ?? '?'}${h.checkpointId ? `, ${h.checkpointId}` : ''})`,
          );
      });
    });
}
