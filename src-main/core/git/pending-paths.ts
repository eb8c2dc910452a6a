import fs from 'node:fs';
import path from 'node:path';
import { writeFileAtomic } from '../workspace/atomic-write';
import { memoryLayout } from '../workspace/memory-layout';

/**
 * Paths a run touched but could not commit everywhere, kept machine-locally (`.local/`) so
 * that `coditect commit`, once the fault is fixed, finishes exactly that work: the removal
 * of an archived original in a submodule is not among the memory artifacts it would
 * otherwise look at. Paths that got committed meanwhile are simply found unchanged.
 */
export function pendingPathsFile(memoryDir: string): string {
  return path.join(memoryLayout(memoryDir).localDir, 'git-pending.json');
}

export function readPendingPaths(memoryDir: string): string[] {
  try {
    const data = JSON.parse(fs.readFileSync(pendingPathsFile(memoryDir), 'utf8')) as { paths?: unknown };
    return Array.isArray(data.paths) ? data.paths.filter((p): p is string => typeof p === 'string') : [];
  } catch {
    return []; // none yet, or unreadable: the memory artifacts themselves are still found
  }
}

/** After a run: everything it handled stays pending if anything failed, else nothing does. */
export function settlePendingPaths(memoryDir: string, handled: readonly string[], ok: boolean): void {
  const file = pendingPathsFile(memoryDir);
  if (ok) {
    fs.rmSync(file, { force: true });
    return;
  }
  fs.mkdirSync(path.dirname(file), { recursive: true });
  const paths = [...new Set([...readPendingPaths(memoryDir), ...handled])].sort();
  writeFileAtomic(file, `${JSON.stringify({ paths }, null, 2)}\n`);
}
