import fs from 'node:fs';
import path from 'node:path';
import { loadSettings } from '../settings/settings';
import type { SetupAction } from './actions';
import { isDir, parentsToCreate } from './paths';
import type { SetupContext } from './setup-context';
import { gitignoreEntries, readTemplate, TEMPLATE } from './templates';

/** The wizard's "Install CODITECT" steps, in order. Each plans only what is missing. */
export type SetupStepId =
  'projects-root' | 'memory-repo' | 'memory-layout' | 'gitignore' | 'settings' | 'slash-command';

export interface SetupStep {
  id: SetupStepId;
  title: string;
  plan(ctx: SetupContext): SetupAction[];
  /** Why nothing was planned although something differs (e.g. a user's own slash command kept). */
  notes?(ctx: SetupContext): string[];
}

export const SETUP_STEPS: readonly SetupStep[] = [
  {
    id: 'projects-root',
    title: 'Projects root',
    plan: (ctx) => parentsToCreate(ctx.root).map((p) => ({ kind: 'mkdir', path: p })),
  },
  {
    id: 'memory-repo',
    title: 'Memory repository',
    plan: (ctx) =>
      ctx.memoryFound || fs.existsSync(path.join(ctx.memoryRepo, '.git'))
        ? []
        : [{ kind: 'git-init', path: ctx.memoryRepo }],
  },
  { id: 'memory-layout', title: 'MEMORY-CONTEXT folders', plan: planLayout },
  {
    id: 'gitignore',
    title: '.gitignore for machine-local files',
    plan: (ctx) => {
      const have = fs.existsSync(ctx.layout.gitignoreFile)
        ? fs.readFileSync(ctx.layout.gitignoreFile, 'utf8')
        : '';
      const lines = new Set(have.split(/\r?\n/).map((l) => l.trim()));
      const missing = gitignoreEntries(ctx.templatesDir).filter((e) => !lines.has(e));
      return missing.length ? [{ kind: 'gitignore', path: ctx.layout.gitignoreFile, lines: missing }] : [];
    },
  },
  {
    id: 'settings',
    title: 'Settings',
    plan: (ctx) => {
      const { settings, problem } = loadSettings(ctx.settingsFile);
      if (problem || settings.projectsRoot === ctx.root) return [];
      return [{ kind: 'settings', path: ctx.settingsFile, projectsRoot: ctx.root }];
    },
    notes: (ctx) => {
      const { problem } = loadSettings(ctx.settingsFile);
      return problem ? [`settings not changed: ${problem}`] : [];
    },
  },
  {
    id: 'slash-command',
    title: 'Claude Code /export-dedup command',
    plan: (ctx) => {
      if (fs.existsSync(ctx.slashCommandFile)) return [];
      const content = readTemplate(ctx.templatesDir, TEMPLATE.slashCommand);
      return [
        ...mkdirs(path.dirname(ctx.slashCommandFile)),
        { kind: 'write', path: ctx.slashCommandFile, content },
      ];
    },
    notes: (ctx) => {
      if (!fs.existsSync(ctx.slashCommandFile)) return [];
      const same =
        fs.readFileSync(ctx.slashCommandFile, 'utf8') ===
        readTemplate(ctx.templatesDir, TEMPLATE.slashCommand);
      return same
        ? []
        : [`kept your own ${ctx.slashCommandFile} (it differs from CODITECT's; not overwritten)`];
    },
  },
];

function planLayout(ctx: SetupContext): SetupAction[] {
  const l = ctx.layout;
  const dirs = [l.root, l.checkpointsDir, l.dedupStateDir, l.exportsArchiveDir, l.localDir];
  const actions: SetupAction[] = dirs.filter((d) => !isDir(d)).map((d) => ({ kind: 'mkdir', path: d }));
  const readme = path.join(l.root, 'README.md');
  if (!fs.existsSync(readme))
    actions.push({
      kind: 'write',
      path: readme,
      content: readTemplate(ctx.templatesDir, TEMPLATE.memoryReadme),
    });
  return actions;
}

function mkdirs(dir: string): SetupAction[] {
  return parentsToCreate(dir).map((p) => ({ kind: 'mkdir', path: p }));
}
