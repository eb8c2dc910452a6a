import fs from 'node:fs';
import type { Command } from 'commander';
import { licenseStorageSummary } from '../../core/license/storage-summary';
import { MemoryStore } from '../../core/memory/store';
import { storeTotals } from '../../core/memory/queries';
import { checkFreeSpace, formatBytes } from '../../core/pipeline/preflight';
import { readReportedProblems } from '../../core/pipeline/reported-problems';
import { memoryOutsideGitNotice } from '../../core/git/memory-outside-git';
import { owningRepo } from '../../core/git/owning-repo';
import { configDir } from '../../core/settings/settings';
import { rootRepoWarnings } from '../../core/setup/root-repo-check';
import { resolveContext, type CliContext } from '../cli-context';
import type { Output } from '../output';

/** `warning`: works, but the user should know (the memory is not committed anywhere). */
type Check = { name: string; ok: boolean; detail: string; warning?: boolean };

export function registerDoctor(program: Command, o: Output, setExit: (code: number) => void): void {
  program
    .command('doctor')
    .description('check the set-up: folders, settings, index, log, disk')
    .option('--root <dir>', 'projects root')
    .option('--memory <dir>', 'the MEMORY-CONTEXT directory')
    .option('--json', 'print one JSON document')
    .action((flags: { root?: string; memory?: string; json?: boolean }) => {
      const checks = runChecks(resolveContext(flags));
      if (flags.json) o.json({ ok: checks.every((c) => c.ok), checks });
      else
        for (const c of checks)
          o.out(`${!c.ok ? 'FAIL' : c.warning ? 'warn' : 'ok  '}  ${c.name}: ${c.detail}`);
      setExit(checks.every((c) => c.ok) ? 0 : 1);
    });
}

function runChecks(ctx: CliContext): Check[] {
  return [
    check('projects root', () =>
      fs.existsSync(ctx.root)
        ? ctx.root
        : fail(`${ctx.root} does not exist (pass --root or set it in the settings)`),
    ),
    check('memory directory', () =>
      ctx.memoryFound
        ? ctx.layout.root
        : `${ctx.layout.root} (not there yet; the first export-dedup creates it)`,
    ),
    memoryRepoCheck(ctx),
    check('settings', () => (ctx.settingsProblem ? fail(ctx.settingsProblem) : 'ok')),
    check('free disk', () =>
      formatBytes(checkFreeSpace(fs.existsSync(ctx.layout.root) ? ctx.layout.root : ctx.home)),
    ),
    check('index', () => indexDetail(ctx)),
    check('license', () => licenseStorageSummary(ctx.env)),
    check('files skipped', () => skippedFilesDetail(ctx)),
    check('log', () =>
      fs.existsSync(ctx.layout.logFile) ? ctx.layout.logFile : `${ctx.layout.logFile} (no log yet)`,
    ),
  ];
}

/** Bad files the runs reported once and now pass over quietly (see reported-problems). */
function skippedFilesDetail(ctx: CliContext): string {
  const known = readReportedProblems(ctx.layout.localDir);
  if (known.length === 0) return 'none';
  return [
    `${known.length} file(s) left out of every run until they change:`,
    ...known.map((p) => `  ${p.path}: ${p.reason}`),
  ].join('\n');
}

/** The projects root made a repository (old set-ups did) fails; memory in no repository warns. */
function memoryRepoCheck(ctx: CliContext): Check {
  const name = 'memory repository';
  const warnings = rootRepoWarnings(ctx.root, ctx.home, configDir(ctx.env, ctx.home));
  if (warnings.length) return { name, ok: false, detail: warnings.join(' ') };
  const repo = owningRepo(ctx.layout.root, ctx.root);
  if (repo) return { name, ok: true, detail: repo.dir };
  return { name, ok: true, warning: true, detail: memoryOutsideGitNotice(ctx.layout.root, ctx.root) ?? '' };
}

function indexDetail(ctx: CliContext): string {
  if (!fs.existsSync(ctx.layout.storeFile)) return 'no index yet';
  const store = MemoryStore.open(ctx.layout.storeFile, { readonly: true });
  try {
    const problems = store.quickCheck();
    if (problems.length) fail(`quick_check: ${problems.slice(0, 3).join('; ')}; run \`coditect reindex\``);
    const t = storeTotals(store);
    return `${t.globalUniqueMessages} unique messages, ${t.checkpoints} checkpoints, ${t.exports} exports, ${t.transcripts} transcripts`;
  } finally {
    store.close();
  }
}

function check(name: string, fn: () => string): Check {
  try {
    return { name, ok: true, detail: fn() };
  } catch (err) {
    return { name, ok: false, detail: (err as Error).message };
  }
}

function fail(msg: string): never {
  throw new Error(msg);
}
