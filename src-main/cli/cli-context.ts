import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { openLog } from '../core/log/open-log';
import { resolveLogCap } from '../core/log/log-cap';
import type { Logger } from '../core/log/logger';
import { loadSettings, settingsFile, type Settings } from '../core/settings/settings';
import { findMemoryDir } from '../core/workspace/find-memory-dir';
import { memoryLayout, type MemoryLayout } from '../core/workspace/memory-layout';

/** Everything a command needs to know about where it works, resolved once from flags, settings and env. */
export interface CliContext {
  root: string;
  layout: MemoryLayout;
  memoryFound: boolean;
  settings: Settings;
  settingsProblem: string | null;
  home: string;
  env: NodeJS.ProcessEnv;
}

export interface WorkspaceFlags {
  root?: string;
  memory?: string;
}

export function resolveContext(flags: WorkspaceFlags, env: NodeJS.ProcessEnv = process.env): CliContext {
  const home = env.HOME || env.USERPROFILE || os.homedir();
  const loaded = loadSettings(settingsFile(env, home));
  const root = path.resolve(
    expandHome(flags.root ?? loaded.settings.projectsRoot ?? path.join(home, 'PROJECTS'), home),
  );
  const explicitMemory = flags.memory ?? loaded.settings.memoryDir;
  const memory = explicitMemory
    ? { dir: path.resolve(expandHome(explicitMemory, home)), found: true }
    : findMemoryDir(root);
  return {
    root,
    layout: memoryLayout(memory.dir),
    memoryFound: memory.found && fs.existsSync(memory.dir),
    settings: loaded.settings,
    settingsProblem: loaded.problem,
    home,
    env,
  };
}

/** The shared rolling log of this memory directory, capped per settings and env. */
export function openContextLog(ctx: CliContext, mirror?: (line: string) => void): Logger {
  fs.mkdirSync(ctx.layout.localDir, { recursive: true });
  return openLog(ctx.layout.logFile, { maxLines: resolveLogCap(ctx.settings.logMaxLines, ctx.env), mirror });
}

function expandHome(p: string, home: string): string {
  return p === '~' ? home : p.startsWith('~/') ? path.join(home, p.slice(2)) : p;
}
