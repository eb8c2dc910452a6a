import type { Command } from 'commander';
import { parseSearchQuery } from '../../core/memory/fts-query';
import { MESSAGE_KINDS, ROLES, type MessageKind, type Role } from '../../core/model';
import { searchMessages } from '../../core/memory/search-queries';
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
  kind?: string;
  /** commander's `--no-meta`: false when given. */
  meta: boolean;
  author?: string;
  machine?: string;
}

const KIND_CHOICES = [...MESSAGE_KINDS, 'ordinary'];

/** `--kind` or `--no-meta` (only ordinary messages); both at once is a contradiction. */
function kindFilter(flags: Flags): MessageKind | 'ordinary' | undefined {
  if (flags.kind && !KIND_CHOICES.includes(flags.kind))
    throw new UsageError(`--kind must be one of ${KIND_CHOICES.join(', ')}`);
  if (flags.kind && !flags.meta) throw new UsageError('--kind and --no-meta cannot be used together');
  if (!flags.meta) return 'ordinary';
  return flags.kind as MessageKind | 'ordinary' | undefined;
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
    .option('--kind <kind>', `only messages of this kind (${KIND_CHOICES.join(', ')})`)
    .option(
      '--no-meta',
      'leave out what the person never typed: agent prompts, commands, notifications, markers…',
    )
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
      const parsed = parseSearchQuery(words.join(' '));
      if (parsed.kind === 'invalid')
        throw new UsageError(`the query "${words.join(' ')}": ${parsed.problem}`);
      const kind = kindFilter(flags);
      withReadStore(flags, (store) => {
        const hits = searchMessages(store, words.join(' '), limit, {
          role: flags.role as Role | undefined,
          project: flags.project,
          source: flags.source as 'export' | 'transcript' | undefined,
          kind,
          author: flags.author,
          machine: flags.machine,
        });
        if (flags.json) return o.json({ query: words.join(' '), hits });
        if (!hits.length) return o.out('No matches.');
        for (const h of hits)
          o.out(
            `${(h.kind ? `${h.role}/${h.kind}` : h.role).padEnd(11)} ${h.snippet.replace(/\s+/g, ' ')}  (${h.firstSource ?? '?'}${h.checkpointId ? `, ${h.checkpointId}` : ''})`,
          );
      });
    });
}
