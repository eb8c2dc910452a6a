import { openLog } from '../../src-main/core/log/open-log';
import { runExportDedup, type ExportDedupOptions } from '../../src-main/core/pipeline/export-dedup';
import { workspaceRunOptions } from '../../src-main/core/pipeline/run-options';
import type { RunSummary } from '../../src-main/core/pipeline/run-summary';
import {
  resolveWorkspace,
  type Workspace as ResolvedWorkspace,
} from '../../src-main/core/workspace/resolve-workspace';
import type { Workspace } from './workspace';

/**
 * `export-dedup` run in this process over a test workspace, as the CLI would run it without git,
 * waiting or settling; `options` adds or overrides (an event sink, a parser, a git step).
 */
export async function runInProcess(
  w: Workspace,
  options: Partial<ExportDedupOptions> = {},
): Promise<{ summary: RunSummary; ws: ResolvedWorkspace }> {
  const ws = resolveWorkspace({ root: w.root }, w.env);
  const log = openLog(ws.layout.logFile, { maxLines: 5000 });
  try {
    const summary = await runExportDedup({
      ...workspaceRunOptions(ws, { cwd: w.home, tmpdir: w.base }),
      includeTemp: false,
      includeTranscripts: true,
      git: null,
      lockWaitMs: 0,
      settleMs: 0,
      logger: log,
      command: 'test',
      ...options,
    });
    return { summary, ws };
  } finally {
    log.close();
  }
}
