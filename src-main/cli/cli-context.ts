import fs from 'node:fs';
import { openLog } from '../core/log/open-log';
import { resolveLogCap } from '../core/log/log-cap';
import type { Logger } from '../core/log/logger';
import { resolveWorkspace, type Workspace, type WorkspaceFlags } from '../core/workspace/resolve-workspace';

/** Everything a command needs to know about where it works (shared with the app: see resolve-workspace). */
export type CliContext = Workspace;
export type { WorkspaceFlags };

export function resolveContext(flags: WorkspaceFlags, env: NodeJS.ProcessEnv = process.env): CliContext {
  return resolveWorkspace(flags, env);
}

/** The shared rolling log of this memory directory, capped per settings and env. */
export function openContextLog(ctx: CliContext, mirror?: (line: string) => void): Logger {
  fs.mkdirSync(ctx.layout.localDir, { recursive: true });
  return openLog(ctx.layout.logFile, { maxLines: resolveLogCap(ctx.settings.logMaxLines, ctx.env), mirror });
}
