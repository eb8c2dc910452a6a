import type { Command } from 'commander';
import { CheckpointReader } from '../../core/memory/checkpoints';
import { matchesWhoWhere } from '../../core/checkpoint/who-where';
import { checkpointMessages } from '../../core/memory/checkpoint-messages';
import { withReadStore } from '../read-store';
import { table, UsageError, type Output } from '../output';

export function registerCheckpoints(program: Command, o: Output): void {
  const cmd = program.command('checkpoints').description('list and show checkpoints');
  cmd
    .command('list')
    .option('--root <dir>', 'projects root')
    .option('--memory <dir>', 'the MEMORY-CONTEXT directory')
    .option('--author <text>', 'only checkpoints whose author (git name or email) contains this')
    .option('--machine <text>', 'only checkpoints made on a machine whose name contains this')
    .option('--json', 'print one JSON document')
    .action((flags: { root?: string; memory?: string; json?: boolean; author?: string; machine?: string }) =>
      withReadStore(flags, (store) => {
        const list = new CheckpointReader(store).list().filter((c) => matchesWhoWhere(c, flags));
        if (flags.json) return o.json(list);
        const rows = list.map((c) => [
          c.id,
          String(c.read_count),
          String(c.new_count),
          String(c.dup_count),
          c.status,
          c.machine ?? '-',
          c.author ?? '-',
        ]);
        o.out(
          rows.length
            ? table([['ID', 'READ', 'NEW', 'DUPLICATES', 'STATUS', 'MACHINE', 'AUTHOR'], ...rows])
            : 'No checkpoints yet.',
        );
      }),
    );
  cmd
    .command('show <id>')
    .option('--root <dir>', 'projects root')
    .option('--memory <dir>', 'the MEMORY-CONTEXT directory')
    .option('--limit <n>', 'messages to show', '50')
    .option('--json', 'print one JSON document')
    .action((id: string, flags: { root?: string; memory?: string; json?: boolean; limit: string }) =>
      withReadStore(flags, (store) => {
        const repo = new CheckpointReader(store);
        const c = repo.get(id) ?? repo.list().find((x) => x.id.startsWith(id));
        if (!c) throw new UsageError(`no checkpoint "${id}" (see \`coditect checkpoints list\`)`);
        const limit = Number(flags.limit) || 50;
        const detail = {
          ...c,
          sources: repo.sourcesOf(c.id),
          messages: checkpointMessages(store, c.id, 0, limit),
        };
        if (flags.json) return o.json(detail);
        o.out(
          `${c.title}\n${c.id}  ${c.created_at}${c.machine ? `  on ${c.machine}` : ''}${c.author ? `  by ${c.author}` : ''}\n${c.read_count} read, ${c.new_count} new, ${c.dup_count} duplicates\n`,
        );
        o.out(
          table([
            ['KIND', 'FILE', 'READ', 'NEW'],
            ...detail.sources.map((s) => [s.kind, s.name, String(s.read_count), String(s.new_count)]),
          ]),
        );
        for (const m of detail.messages)
          o.out(`\n[${m.role}${m.duplicate ? ', seen before' : ''}] ${m.text.slice(0, 400)}`);
      }),
    );
}
