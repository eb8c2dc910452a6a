/**
 * `coditect doctor`'s checks of a set-up: folders, the memory repository, settings, free disk,
 * index, license, files skipped, log.
 * Shared by the command and the problem report (core/report), so both say the same.
 */
import fs from 'node:fs';
import { licenseStorageSummary } from '../license/storage-summary';
import { storeTotals } from '../memory/totals';
import { ReadStore } from '../memory/store';
import { checkFreeSpace, formatBytes } from '../pipeline/preflight';
import { readReportedProblems } from '../pipeline/reported-problems';
import { memoryOutsideGitNotice } from '../git/memory-outside-git';
import { owningRepo } from '../git/owning-repo';
import { configDir } from '../settings/settings';
import { rootRepoWarnings } from '../setup/root-repo-check';
import type { Workspace } from '../workspace/resolve-workspace';

/** `warning`: works, but the user should know (the memory is not committed anywhere). */
export type DoctorCheck = { name: string; ok: boolean; detail: string; warning?: boolean };

export function runDoctorChecks(ws: Workspace): DoctorCheck[] {
  return [
    check('projects root', () =>
      fs.existsSync(ws.root)
        ? ws.root
        : fail(`${ws.root} does not exist (pass --root or set it in the settings)`),
    ),
    check('memory directory', () =>
      ws.memoryFound
        ? ws.layout.root
        : `${ws.layout.root} (not there yet; the first export-dedup creates it)`,
    ),
    memoryRepoCheck(ws),
    check('settings', () => (ws.settingsProblem ? fail(ws.settingsProblem) : 'ok')),
    check('free disk', () =>
      formatBytes(checkFreeSpace(fs.existsSync(ws.layout.root) ? ws.layout.root : ws.home)),
    ),
    check('index', () => indexDetail(ws)),
    check('license', () => licenseStorageSummary(ws.env)),
    check('files skipped', () => skippedFilesDetail(ws)),
    check('log', () =>
      fs.existsSync(ws.layout.logFile) ? ws.layout.logFile : `${ws.layout.logFile} (no log yet)`,
    ),
  ];
}

/** One line per check, as the command prints it. */
export function doctorLine(c: DoctorCheck): string {
  return `${!c.ok ? 'FAIL' : c.warning ? 'warn' : 'ok  '}  ${c.name}: ${c.detail}`;
}

/** Bad files the runs reported once and now pass over quietly (see reported-problems). */
function skippedFilesDetail(ws: Workspace): string {
  const known = readReportedProblems(ws.layout.localDir);
  if (known.length === 0) return 'none';
  return [
    `${known.length} file(s) left out of every run until they change:`,
    ...known.map((p) => `  ${p.path}: ${p.reason}`),
  ].join('\n');
}

/** The projects root made a repository (old set-ups did) fails; memory in no repository warns. */
function memoryRepoCheck(ws: Workspace): DoctorCheck {
  const name = 'memory repository';
  const warnings = rootRepoWarnings(ws.root, ws.home, configDir(ws.env, ws.home));
  if (warnings.length) return { name, ok: false, detail: warnings.join(' ') };
  const repo = owningRepo(ws.layout.root, ws.root);
  if (repo) return { name, ok: true, detail: repo.dir };
  return { name, ok: true, warning: true, detail: memoryOutsideGitNotice(ws.layout.root, ws.root) ?? '' };
}

function indexDetail(ws: Workspace): string {
  if (!fs.existsSync(ws.layout.storeFile)) return 'no index yet';
  const store = ReadStore.openReadOnly(ws.layout.storeFile);
  try {
    const problems = store.quickCheck();
    if (problems.length) fail(`quick_check: ${problems.slice(0, 3).join('; ')}; run \`coditect reindex\``);
    const t = storeTotals(store);
    return `${t.globalUniqueMessages} unique messages, ${t.checkpoints} checkpoints, ${t.exports} exports, ${t.transcripts} transcripts`;
  } finally {
    store.close();
  }
}

function check(name: string, fn: () => string): DoctorCheck {
  try {
    return { name, ok: true, detail: fn() };
  } catch (err) {
    return { name, ok: false, detail: (err as Error).message };
  }
}

function fail(msg: string): never {
  throw new Error(msg);
}
