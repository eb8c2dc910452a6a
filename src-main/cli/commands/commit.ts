import fs from 'node:fs';
import path from 'node:path';
import type { Command } from 'commander';
import type { CommitMessage } from '../../core/git/commit-message';
import { describeFault } from '../../core/git/faults';
import type { GitLog } from '../../core/git/git-log';
import { commitPendingMemory } from '../../core/git/commit-pending';
import { failuresOf, type CommitReport, type RepoReport } from '../../core/git/run-commit';
import { EXIT } from '../../core/pipeline/run-summary';
import { openContextLog, resolveContext, type CliContext } from '../cli-context';
import { UsageError, type Output } from '../output';

interface Flags {
  root?: string;
  memory?: string;
  message?: string;
  push?: boolean;
  allChanges?: boolean;
  dryRun?: boolean;
  json?: boolean;
  wait: string;
}

export function registerCommit(program: Command, o: Output, setExit: (code: number) => void): void {
  program
    .command('commit')
    .description(
      'commit the pending memory artifacts in the memory repository and up its superprojects (what export-dedup does in step 6)',
    )
    .option('--root <dir>', 'projects root (default ~/PROJECTS or the settings)')
    .option('--memory <dir>', 'the MEMORY-CONTEXT directory (default: found under the root)')
    .option(
      '--message <text>',
      'the commit message (default: "checkpoint: <title of the newest checkpoint>")',
    )
    .option('--push', 'push the branches committed to (never forced)')
    .option(
      '--all-changes',
      'also commit every other pending change in every repository under the root (the list is printed first)',
    )
    .option('--dry-run', 'print the plan and change nothing')
    .option('--json', 'print one JSON document')
    .option('--wait <seconds>', 'how long to wait for a running export-dedup to finish', '10')
    .action(async (flags: Flags) => setExit(await commit(flags, o)));
}

async function commit(flags: Flags, o: Output): Promise<number> {
  if (flags.message !== undefined && !flags.message.trim()) throw new UsageError('--message needs some text');
  const ctx = resolveContext(flags);
  if (!fs.existsSync(ctx.root))
    throw new UsageError(`the projects root ${ctx.root} does not exist (pass --root DIR)`);
  // No memory directory yet: no log file to open either; git's actions go to stderr.
  const log = ctx.memoryFound && !flags.dryRun ? openContextLog(ctx) : null;
  try {
    const result = await commitPendingMemory({
      root: ctx.root,
      memoryDir: ctx.layout.root,
      message: flags.message,
      push: Boolean(flags.push),
      allChanges: flags.allChanges,
      dryRun: flags.dryRun,
      lock: { waitMs: Math.max(0, Number(flags.wait) || 0) * 1000, command: 'coditect commit' },
      log: log ?? stderrLog(o),
      // `--all-changes` shows its list before committing.
      onPlan: (preview, message) => {
        if (flags.allChanges && !flags.json) o.out(renderPlan(preview, message));
      },
    });
    if (result.status === 'no-memory') return nothingYet(o, flags, ctx, result.report);
    return finish(o, flags, result.report, result.message);
  } finally {
    log?.close();
  }
}

function nothingYet(o: Output, flags: Flags, ctx: CliContext, preview: CommitReport): number {
  if (flags.json)
    o.json({ ...preview, dryRun: false, summary: 'nothing to commit: no memory directory yet' });
  else
    o.out(
      `No memory directory at ${ctx.layout.root} yet (the first export-dedup creates it): nothing to commit.`,
    );
  return EXIT.done;
}

/** Git actions still go somewhere a person sees them when there is no log file. */
function stderrLog(o: Output): GitLog {
  const line = (level: string) => (step: string, message: string) => o.err(`${level} [${step}] ${message}`);
  return { info: line('INFO'), warn: line('WARN'), error: line('ERROR') };
}

function finish(o: Output, flags: Flags, report: CommitReport, message: CommitMessage): number {
  if (flags.json) o.json({ ...report, message });
  else o.out(report.dryRun ? renderPlan(report, message) : renderReport(report));
  if (report.dryRun) return report.ok ? EXIT.done : EXIT.partial;
  const failures = failuresOf(report.repos);
  if (!failures.length) return EXIT.done;
  return report.repos.some((r) => r.status === 'committed' || r.status === 'unchanged')
    ? EXIT.partial
    : EXIT.failed;
}

function renderPlan(report: CommitReport, message: CommitMessage): string {
  const lines = [`${report.dryRun ? 'Dry run (nothing changed). ' : ''}Message: ${message.subject}`];
  for (const r of report.repos) lines.push(...planLines(report.root, r));
  for (const s of report.skipped) lines.push(`  not committed: ${s.path} (${s.reason})`);
  return lines.join('\n');
}

function planLines(root: string, r: RepoReport): string[] {
  const name = path.relative(root, r.dir) || r.dir;
  const push = r.push.status === 'would-push' ? `; would push to ${r.push.target}` : '';
  if (r.status === 'failed') return [`${name}: would FAIL: ${describeFault(r.fault)}`];
  if (r.status !== 'planned') return [];
  const branch = r.branch ?? 'detached HEAD';
  if (!r.paths.length && !r.gitlinks.length) return [`${name} (${branch}): nothing to commit${push}`];
  return [
    `${name} (${branch}): ${r.paths.length} path(s)${r.gitlinks.length ? `, submodule(s) ${r.gitlinks.join(', ')}` : ''}${push}`,
    ...r.paths.map((p) => `    ${p}`),
  ];
}

function renderReport(report: CommitReport): string {
  const lines: string[] = [];
  for (const r of report.repos) {
    const name = path.relative(report.root, r.dir) || r.dir;
    if (r.status === 'committed')
      lines.push(`${name}: committed ${r.hash.slice(0, 12)} on ${r.branch} (${r.paths.length} path(s))`);
    else if (r.status === 'unchanged') lines.push(`${name}: nothing to commit`);
    if (r.push.status === 'pushed') lines.push(`${name}: pushed to ${r.push.target}`);
    if (r.push.status === 'held-back' && r.status !== 'failed')
      lines.push(`${name}: not pushed: ${r.push.reason}`);
  }
  for (const f of failuresOf(report.repos)) lines.push(`FAILED ${describeFault(f)}`);
  lines.push(`Git: ${report.summary}`);
  return lines.join('\n');
}
