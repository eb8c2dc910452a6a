import os from 'node:os';
import type { Command } from 'commander';
import { defaultSources, discover } from '../../core/discovery/discover';
import { workspaceRunOptions } from '../../core/pipeline/run-options';
import { requireGivenRoot, resolveContext } from '../cli-context';
import { table, type Output } from '../output';

export function registerScan(program: Command, o: Output): void {
  program
    .command('scan')
    .description('discovery only: list the exports and transcripts a run would import; changes nothing')
    .option('--root <dir>', 'projects root')
    .option('--memory <dir>', 'the MEMORY-CONTEXT directory')
    .option('--include-temp', 'also look in the temp directory')
    .option('--no-transcripts', "skip Claude Code's JSONL transcripts")
    .option('--json', 'print one JSON document')
    .action(
      async (flags: {
        root?: string;
        memory?: string;
        json?: boolean;
        includeTemp?: boolean;
        transcripts: boolean;
      }) => {
        const ctx = resolveContext(flags);
        requireGivenRoot(flags, ctx);
        if (ctx.settingsProblem) o.err(`warning: ${ctx.settingsProblem}`);
        const result = await discover(
          defaultSources({
            ...workspaceRunOptions(ctx, { cwd: process.cwd(), tmpdir: os.tmpdir() }),
            includeTemp: Boolean(flags.includeTemp),
            includeTranscripts: flags.transcripts,
          }),
        );
        if (flags.json) return o.json({ root: ctx.root, memoryDir: ctx.layout.root, ...result });
        const rows = result.files.map((f) => [f.kind, f.source, String(f.size), f.path]);
        o.out(
          rows.length
            ? table([['KIND', 'SOURCE', 'BYTES', 'PATH'], ...rows])
            : 'No exports or transcripts found.',
        );
        for (const w of result.waiting) o.out(`waiting (still being written): ${w.path}`);
        for (const p of result.problems) o.err(`skipped ${p.path}: ${p.reason}`);
        for (const l of result.skippedLinks)
          o.err(`link not followed: ${l.path} -> ${l.target}: ${l.reason}`);
      },
    );
}
