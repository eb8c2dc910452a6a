import fs from 'node:fs';
import path from 'node:path';
import { owningRepo } from '../git/owning-repo';
import { configDir, loadSettings, settingsFile } from '../settings/settings';
import { findMemoryDir } from '../workspace/find-memory-dir';
import { memoryLayout, type MemoryLayout } from '../workspace/memory-layout';
import { expandHome, homeOf } from '../workspace/resolve-workspace';
import {
  choiceProblem,
  DEFAULT_MEMORY_REPO_NAME,
  memoryDirOf,
  memoryRepoDir,
  type MemoryChoice,
} from './memory-choice';
import { rootRepoWarnings } from './root-repo-check';
import { isDir } from './paths';
import { findTemplatesDir } from './templates';

/** Where set-up works: the chosen root, the memory repository and its MEMORY-CONTEXT, the user's config and ~/.claude. */
export interface SetupContext {
  root: string;
  home: string;
  configDir: string;
  settingsFile: string;
  templatesDir: string;
  layout: MemoryLayout;
  /** The directory that must be a git repository for the memory files to be committed. */
  memoryRepo: string;
  memoryChoice: MemoryChoice;
  /** True when an existing MEMORY-CONTEXT was found (then its repository is used as it is). */
  memoryFound: boolean;
  /** Why the memory repository cannot be set up as chosen (one sentence); set-up then changes nothing of the memory. */
  memoryProblem: string | null;
  /** The memory used so far, when the choice puts it elsewhere (`--move-memory` copies it over). */
  previousMemory: string | null;
  moveMemory: boolean;
  /** Set-ups that need the user's attention (the projects root made a repository). */
  warnings: string[];
  slashCommandFile: string;
}

export interface SetupChoiceOptions {
  memory?: MemoryChoice;
  /** Copy the memory used so far into the chosen repository. */
  moveMemory?: boolean;
}

export function setupContext(
  root: string,
  env: NodeJS.ProcessEnv = process.env,
  templatesDir?: string,
  opts: SetupChoiceOptions = {},
): SetupContext {
  const home = homeOf(env);
  const top = path.resolve(expandHome(root, home));
  const cfg = configDir(env, home);
  const current = currentMemory(top, home, settingsFile(env, home));
  const choice = opts.memory ?? defaultChoice(current);
  const memoryRepo = memoryRepoDir(top, choice);
  // Kept where it is unless the user chose: a memoryDir the settings name may not be called MEMORY-CONTEXT.
  const memoryDir = !opts.memory && current ? current.dir : memoryDirOf(memoryRepo);
  const claudeDir = env.CLAUDE_CONFIG_DIR || path.join(home, '.claude');
  return {
    root: top,
    home,
    configDir: cfg,
    settingsFile: settingsFile(env, home),
    templatesDir: templatesDir ?? findTemplatesDir(),
    layout: memoryLayout(memoryDir),
    memoryRepo,
    memoryChoice: choice,
    memoryFound: isDir(memoryDir),
    memoryProblem: choiceProblem(choice, top, home) ?? folderProblem(choice, memoryRepo),
    previousMemory: current && current.dir !== memoryDir ? current.dir : null,
    moveMemory: Boolean(opts.moveMemory),
    warnings: rootRepoWarnings(top, home, cfg),
    slashCommandFile: path.join(claudeDir, 'commands', 'export-dedup.md'),
  };
}

/** The memory in use: the one the settings name, else the one found under the root. */
function currentMemory(root: string, home: string, file: string): { dir: string } | null {
  const { settings } = loadSettings(file);
  if (settings.memoryDir) return { dir: path.resolve(expandHome(settings.memoryDir, home)) };
  const found = findMemoryDir(root);
  return found.found ? { dir: found.dir } : null;
}

/** Keep the memory where it is; with none yet, a new repository of its own. */
function defaultChoice(current: { dir: string } | null): MemoryChoice {
  // The repository that holds it already (it may sit deeper than the repository's top), else its folder.
  if (current) {
    const owner = owningRepo(current.dir, path.parse(current.dir).root);
    return { mode: 'existing', repo: owner?.dir ?? path.dirname(current.dir) };
  }
  return { mode: 'new', name: DEFAULT_MEMORY_REPO_NAME };
}

/** The chosen folder on disk: an existing repository must exist; a clone needs an empty or missing folder. */
function folderProblem(choice: MemoryChoice, dir: string): string | null {
  if (choice.mode === 'existing' && !isDir(dir))
    return `${dir} does not exist: choose a repository that is there, or a new one`;
  if (choice.mode === 'clone' && !isRepo(dir) && isDir(dir) && fs.readdirSync(dir).length)
    return `${dir} already exists and is not a git repository: choose another folder name for the clone`;
  return null;
}

export function isRepo(dir: string): boolean {
  return fs.existsSync(path.join(dir, '.git'));
}
