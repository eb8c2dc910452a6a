import os from 'node:os';
import readline from 'node:readline/promises';
import type { Command } from 'commander';
import { createGitStep } from '../../core/git/checkpoint-commit';
import { dedupRate } from '../../core/model';
import { runExportDedup } from '../../core/pipeline/export-dedup';
import { workspaceRunOptions } from '../../core/pipeline/run-options';
import type { RunSummary } from '../../core/pipeline/run-summary';
import type { DiscoveryResult } from '../../core/discovery/types';
import type { Logger } from '../../core/log/logger';
import { openContextLog, requireGivenRoot, resolveContext } from '../cli-context';
import { EXPLICIT_RUN_SETTLE_WAIT } from '../../core/discovery/settle-wait';
import type { Output } from '../output';
import { progressPrinter } from '../progress';
import { WorkerParser } from '../../node/worker-parser';
import { backgroundStoreTasks } from '../../node/store-tasks';

interface Flags {
  root?: string;
  memory?: string;
  description?: string;
  yes?: boolean;
  json?: boolean;
  git: boolean;
  includeTemp?: boolean;
  transcripts: boolean;
  wait: string;
  keepOriginals?: boolean;
}

export function registerExportDedup(program: Command, o: Output, setExit: (code: number) => void): void {
  program
    .command('export-dedup')
    .description('find exports and transcripts, deduplicate them into the memory, archive, checkpoint')
    .option('--root <dir>', 'projects root (default ~/PROJECTS or the settings)')
    .option('--memory <dir>', 'the MEMORY-CONTEXT directory (default: found under the root)')
    .option('--description <text>', 'the checkpoint title')
    .option(
      '--yes',
      'do not ask before importing (on a terminal the run asks once; the /export-dedup slash command passes --yes)',
    )
    .option('--json', 'print one JSON document on stdout')
    .option('--no-git', 'do not commit (step 6)')
    .option('--include-temp', 'also look in the temp directory (files of the last 24 h)')
    .option('--no-transcripts', "skip Claude Code's JSONL transcripts")
    .option('--wait <seconds>', 'how long to wait for another run holding the lock', '10')
    .option('--keep-originals', 'copy exports into the archive and leave the originals (archiveMode copy)')
    .action(async (flags: Flags) => setExit(await exportDedup(flags, o)));
}

async function exportDedup(flags: Flags, o: Output): Promise<number> {
  const ctx = resolveContext(flags);
  requireGivenRoot(flags, ctx);
  if (ctx.settingsProblem) o.err(`warning: ${ctx.settingsProblem}`);
  const log = openContextLog(ctx);
  try {
    const summary = await runExportDedup({
      ...workspaceRunOptions(ctx, { cwd: process.cwd(), tmpdir: os.tmpdir() }),
      description: flags.description,
      includeTemp: Boolean(flags.includeTemp),
      includeTranscripts: flags.transcripts,
      archiveMode: flags.keepOriginals ? 'copy' : ctx.settings.archiveMode,
      git: flags.git ? createGitStep({ push: false, logger: log }) : null,
      lockWaitMs: Math.max(0, Number(flags.wait) || 0) * 1000,
      settleWait: EXPLICIT_RUN_SETTLE_WAIT,
      logger: log,
      createParser: () => WorkerParser.create(),
      storeTasks: backgroundStoreTasks,
      onEvent: progressPrinter(o, Boolean(flags.json) && !o.isTTY),
      confirm:
        flags.yes || flags.json || !process.stdin.isTTY || !process.stdout.isTTY ? undefined : askToImport,
      command: 'coditect export-dedup',
    });
    if (flags.json) o.json(summary);
    else o.out(renderSummary(summary));
    // With --json stderr stays quiet otherwise; a failed run still says why in one sentence.
    if (flags.json && summary.error) o.err(`coditect: ${summary.error}`);
    return summary.exitCode;
  } finally {
    closeLog(log);
  }
}

/** The summary above is the run's result; a log the disk refuses (full, read-only) does not change it. */
function closeLog(log: Logger): void {
  try {
    log.close();
  } catch {
    // Nothing more to say: the run's error, if any, names the folder.
  }
}

/** The one question a run asks, on a terminal only; `--yes` (the slash command) skips it. */
async function askToImport(found: DiscoveryResult): Promise<boolean> {
  const exports = found.files.filter((f) => f.kind === 'export').length;
  const rl = readline.createInterface({ input: process.stdin, output: process.stderr });
  try {
    const answer = await rl.question(
      `Import ${exports} export(s) and ${found.files.length - exports} transcript(s)? Exports are moved to the archive. [Y/n] `,
    );
    return !/^n/i.test(answer.trim());
  } finally {
    rl.close();
  }
}

/** What the archive did with each file that was not simply moved: kept, copied, a duplicate, failed. */
function archiveLines(s: RunSummary): string[] {
  return s.archived.flatMap((a) => {
    switch (a.status) {
      case 'copied':
        return [`  kept in place (imported by copy): ${a.from}: ${a.reason}`];
      case 'duplicate-archived':
        return [`  already imported, archived: ${a.from} (same as ${a.sameAs}) -> ${a.to}`];
      case 'duplicate-kept':
        return [`  already imported, kept in place: ${a.from} (same as ${a.sameAs}): ${a.reason}`];
      case 'failed':
        return [`  not archived: ${a.from}: ${a.reason}`];
      default:
        return [];
    }
  });
}

/** What the reader should know about a file it imported (bad lines, repairs); not where reading resumed. */
function isWorthSaying(note: string): boolean {
  return !note.startsWith('incremental from byte');
}

export function renderSummary(s: RunSummary): string {
  const lines = [
    `${s.outcome === 'done' ? 'Done' : s.outcome === 'partial' ? 'Partly done' : 'Failed'}: ${s.counts.read} messages read, ${s.counts.newUnique} new unique, ${s.counts.duplicates} duplicates (${(dedupRate(s.counts) * 100).toFixed(1)}% dedup) in ${s.durationMs} ms.`,
  ];
  if (s.error) lines.push(`Error: ${s.error}`);
  if (s.checkpoint)
    lines.push(
      `Checkpoint: ${s.checkpoint.document}${s.checkpoint.resumed ? ' (finished from an interrupted run)' : ''}`,
    );
  else if (!s.error) lines.push('Nothing new: no checkpoint written.');
  if (s.redactions) lines.push(`Secrets redacted before writing git-tracked files: ${s.redactions}`);
  for (const f of s.files.filter((x) => x.status === 'failed'))
    lines.push(`  failed: ${f.path}: ${'reason' in f ? f.reason : ''}`);
  lines.push(...archiveLines(s));
  for (const f of s.files)
    for (const note of f.status === 'imported' ? f.notes.filter(isWorthSaying) : [])
      lines.push(`  note: ${f.path}: ${note}`);
  if (s.waiting.length) lines.push(`Still being written (next run): ${s.waiting.join(', ')}`);
  for (const p of s.problems.filter((x) => x.scope === 'file'))
    lines.push(`  bad file: ${p.path}: ${p.reason}`);
  for (const l of s.skippedLinks) lines.push(`  link not followed: ${l.path} -> ${l.target}: ${l.reason}`);
  const dirs = s.problems.filter((x) => x.scope === 'directory').length;
  if (dirs) lines.push(`Directories that could not be searched: ${dirs} (see the log)`);
  if ('skipped' in s.git) lines.push(`Git: skipped (${s.git.skipped})`);
  // "nothing to commit" would read as success while the memory is never committed.
  else if (!s.memoryNotInGit) lines.push(`Git: ${s.git.summary}`);
  if (s.memoryNotInGit) lines.push(`Git: not committed. ${s.memoryNotInGit}`);
  lines.push(`Log: ${s.logFile}`);
  return lines.join('\n');
}
