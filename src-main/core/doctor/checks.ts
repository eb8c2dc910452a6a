/**
 * `coditect doctor`'s checks of a set-up: folders, settings, free disk, index, license, log.
 * Shared by the command and the problem report (core/report), so both say the same.
 */
import fs from 'node:fs';
import { licenseStorageSummary } from '../license/storage-summary';
import { storeTotals } from '../memory/queries';
import { MemoryStore } from '../memory/store';
import { checkFreeSpace, formatBytes } from '../pipeline/preflight';
import type { Workspace } from '../workspace/resolve-workspace';

export type DoctorCheck = { name: string; ok: boolean; detail: string };

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
    check('settings', () => (ws.settingsProblem ? fail(ws.settingsProblem) : 'ok')),
    check('free disk', () =>
      formatBytes(checkFreeSpace(fs.existsSync(ws.layout.root) ? ws.layout.root : ws.home)),
    ),
    check('index', () => indexDetail(ws)),
    check('license', () => licenseStorageSummary(ws.env)),
    check('log', () =>
      fs.existsSync(ws.layout.logFile) ? ws.layout.logFile : `${ws.layout.logFile} (no log yet)`,
    ),
  ];
}

/** One line per check, as the command prints it. */
export function doctorLine(c: DoctorCheck): string {
  return `${c.ok ? 'ok  ' : 'FAIL'}  ${c.name}: ${c.detail}`;
}

function indexDetail(ws: Workspace): string {
  if (!fs.existsSync(ws.layout.storeFile)) return 'no index yet';
  const store = MemoryStore.open(ws.layout.storeFile, { readonly: true });
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
