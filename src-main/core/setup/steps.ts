import fs from 'node:fs';
import path from 'node:path';
import { loadSettings } from '../settings/settings';
import type { SetupAction } from './actions';
import { isDir, parentsToCreate } from './paths';
import { isRepo, type SetupContext } from './setup-context';
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
    plan: planMemoryRepo,
    notes: (ctx) => (ctx.memoryProblem ? [`memory not set up: ${ctx.memoryProblem}`] : []),
  },
  { id: 'memory-layout', title: 'MEMORY-CONTEXT folders', plan: planLayout, notes: layoutNotes },
  {
    id: 'gitignore',
    title: '.gitignore for machine-local files',
    plan: (ctx) => {
      if (ctx.memoryProblem) return [];
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
      if (problem) return [];
      const actions: SetupAction[] = [];
      if (settings.projectsRoot !== ctx.root)
        actions.push({ kind: 'settings', path: ctx.settingsFile, field: 'projectsRoot', value: ctx.root });
      // The chosen memory is remembered, so the app and the CLI stop guessing it from the root.
      if (!ctx.memoryProblem && settings.memoryDir !== ctx.layout.root)
        actions.push({
          kind: 'settings',
          path: ctx.settingsFile,
          field: 'memoryDir',
          value: ctx.layout.root,
        });
      return actions;
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

/** Never the projects root or home (choiceProblem refuses them): only the chosen repository's own folder. */
function planMemoryRepo(ctx: SetupContext): SetupAction[] {
  if (ctx.memoryProblem || isRepo(ctx.memoryRepo)) return [];
  const c = ctx.memoryChoice;
  if (c.mode === 'clone') return [{ kind: 'git-clone', url: c.url, path: ctx.memoryRepo }];
  return [...mkdirs(ctx.memoryRepo), { kind: 'git-init', path: ctx.memoryRepo }];
}

function planLayout(ctx: SetupContext): SetupAction[] {
  if (ctx.memoryProblem) return [];
  const l = ctx.layout;
  const copy: SetupAction[] =
    ctx.moveMemory && ctx.previousMemory && !isDir(l.root) && isDir(ctx.previousMemory)
      ? [{ kind: 'copy-memory', from: ctx.previousMemory, to: l.root }]
      : [];
  if (copy.length) return copy;
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

function layoutNotes(ctx: SetupContext): string[] {
  if (!ctx.previousMemory || ctx.memoryProblem) return [];
  if (!ctx.moveMemory)
    return [
      `your memory so far is in ${ctx.previousMemory}; it stays there (add --move-memory to copy it into ${ctx.layout.root})`,
    ];
  // Copied only into a folder with no memory yet: two memories are never merged by set-up.
  return [
    `${ctx.previousMemory} is copied only while ${ctx.layout.root} does not exist yet; the original stays where it is: delete it yourself once you have checked the copy`,
  ];
}

function mkdirs(dir: string): SetupAction[] {
  return parentsToCreate(dir).map((p) => ({ kind: 'mkdir', path: p }));
}
