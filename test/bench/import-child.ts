/**
 * Runs one export-dedup in its own process so that its peak RSS is its own, and prints
 * { ms, maxRssBytes, summary } as JSON. Used by `npm run bench`.
 */
import fs from 'node:fs';
import os from 'node:os';
import { openLog } from '../../src-main/core/log/open-log';
import { runExportDedup } from '../../src-main/core/pipeline/export-dedup';
import { workspaceRunOptions } from '../../src-main/core/pipeline/run-options';
import { resolveWorkspace } from '../../src-main/core/workspace/resolve-workspace';
import { memoryLayout } from '../../src-main/core/workspace/memory-layout';
import { WorkerParser } from '../../src-main/node/worker-parser';
import { backgroundStoreTasks } from '../../src-main/node/store-tasks';
import { stepDurations } from './cli-import';

async function main(): Promise<void> {
  const [root, memory, home] = process.argv.slice(2) as [string, string, string];
  const layout = memoryLayout(memory);
  const log = openLog(layout.logFile, { maxLines: 5000 });
  const t0 = performance.now();
  // The bench's HOME holds no settings: the workspace is the root and memory given, with defaults.
  const ws = resolveWorkspace({ root, memory }, { HOME: home });
  const summary = await runExportDedup({
    ...workspaceRunOptions(ws, { cwd: root, tmpdir: os.tmpdir() }),
    includeTemp: false,
    includeTranscripts: true,
    git: null,
    lockWaitMs: 0,
    logger: log,
    createParser: () => WorkerParser.create(),
    storeTasks: backgroundStoreTasks,
    command: 'bench',
  });
  const ms = performance.now() - t0;
  log.close();
  const steps = stepDurations(fs.readFileSync(layout.logFile, 'utf8'));
  process.stdout.write(
    JSON.stringify({
      ms,
      maxRssBytes: process.resourceUsage().maxRSS * 1024,
      outcome: summary.outcome,
      counts: summary.counts,
      files: summary.files.length,
      steps,
    }) + '\n',
  );
}

void main();
