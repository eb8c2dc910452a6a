import fs from 'node:fs';
import { openLog } from '../core/log/open-log';
import { resolveLogCap } from '../core/log/log-cap';
import type { Logger } from '../core/log/logger';
import { UsageError } from './output';
import { resolveWorkspace, type Workspace, type WorkspaceFlags } from '../core/workspace/resolve-workspace';

/** Everything a command needs to know about where it works (shared with the app: see resolve-workspace). */
export type CliContext = Workspace;
export type { WorkspaceFlags };

export function resolveContext(flags: WorkspaceFlags, env: NodeJS.ProcessEnv = process.env): CliContext {
  return resolveWorkspace(flags, env);
}

/**
 * For the commands that walk the root: a `--root` that is not there is a typo until shown
 * otherwise, and a run would create `<root>/MEMORY-CONTEXT` in it without a word.
 */
export function requireGivenRoot(flags: WorkspaceFlags, ctx: CliContext): void {
  if (flags.root === undefined) return;
  let stat: fs.Stats | undefined;
  try {
    stat = fs.statSync(ctx.root);
  } catch {
    throw new UsageError(`--root ${ctx.root}: no such folder; nothing was created (check the path)`);
  }
  if (!stat.isDirectory()) throw new UsageError(`--root ${ctx.root}: not a folder`);
}

/** The shared rolling log of this memory directory, capped per settings and env. */
export function openContextLog(ctx: CliContext, mirror?: (line: string) => void): Logger {
  try {
    fs.mkdirSync(ctx.layout.localDir, { recursive: true });
  } catch {
    // A memory folder that cannot be written: the command's own checks say so in words (the
    // run's preflight names the folder); the log keeps its lines until they can be written.
  }
  return openLog(ctx.layout.logFile, { maxLines: resolveLogCap(ctx.settings.logMaxLines, ctx.env), mirror });
}
