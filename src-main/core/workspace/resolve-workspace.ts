import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { loadSettings, settingsFile, type Settings } from '../settings/settings';
import { findMemoryDir } from './find-memory-dir';
import { memoryLayout, type MemoryLayout } from './memory-layout';

/**
 * Where the app and the CLI work: the projects root, the memory directory and the settings,
 * resolved the same way by both (flags win over settings, settings over defaults).
 */
export interface Workspace {
  root: string;
  layout: MemoryLayout;
  memoryFound: boolean;
  settings: Settings;
  settingsFile: string;
  settingsProblem: string | null;
  home: string;
  env: NodeJS.ProcessEnv;
}

/** Command-line flags (`--root`, `--memory`) that override the settings for one process. */
export interface WorkspaceFlags {
  root?: string;
  memory?: string;
}

export function resolveWorkspace(flags: WorkspaceFlags, env: NodeJS.ProcessEnv = process.env): Workspace {
  const home = homeOf(env);
  const file = settingsFile(env, home);
  const loaded = loadSettings(file);
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
    settingsFile: file,
    settingsProblem: loaded.problem,
    home,
    env,
  };
}

export function homeOf(env: NodeJS.ProcessEnv): string {
  return env.HOME || env.USERPROFILE || os.homedir();
}

/** Settings files and flags may carry `~`; shells expand it only at word starts. */
export function expandHome(p: string, home: string): string {
  if (p === '~') return home;
  return p.startsWith('~/') || p.startsWith('~\\') ? path.join(home, p.slice(2)) : p;
}
