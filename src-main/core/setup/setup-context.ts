import path from 'node:path';
import { configDir, settingsFile } from '../settings/settings';
import { findMemoryDir } from '../workspace/find-memory-dir';
import { memoryLayout, type MemoryLayout } from '../workspace/memory-layout';
import { expandHome, homeOf } from '../workspace/resolve-workspace';
import { findTemplatesDir } from './templates';

/** Where set-up works: the chosen root, the memory directory in it, the user's config and ~/.claude. */
export interface SetupContext {
  root: string;
  home: string;
  configDir: string;
  settingsFile: string;
  templatesDir: string;
  layout: MemoryLayout;
  /** The directory that must be a git repository for the memory files to be committed. */
  memoryRepo: string;
  /** True when an existing MEMORY-CONTEXT was found (then its repository is used as it is). */
  memoryFound: boolean;
  slashCommandFile: string;
}

export function setupContext(
  root: string,
  env: NodeJS.ProcessEnv = process.env,
  templatesDir?: string,
): SetupContext {
  const home = homeOf(env);
  const top = path.resolve(expandHome(root, home));
  const memory = findMemoryDir(top);
  const claudeDir = env.CLAUDE_CONFIG_DIR || path.join(home, '.claude');
  return {
    root: top,
    home,
    configDir: configDir(env, home),
    settingsFile: settingsFile(env, home),
    templatesDir: templatesDir ?? findTemplatesDir(),
    layout: memoryLayout(memory.dir),
    memoryRepo: path.dirname(memory.dir),
    memoryFound: memory.found,
    slashCommandFile: path.join(claudeDir, 'commands', 'export-dedup.md'),
  };
}
