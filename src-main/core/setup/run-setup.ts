import { discoverRepos } from '../git/discover-repos';
import { applyAction, describeAction } from './actions';
import { appendToManifest, manifestPath, type ManifestEntry } from './manifest';
import { parentsToCreate } from './paths';
import type { MemoryChoice } from './memory-choice';
import type { SetupContext } from './setup-context';
import { SETUP_STEPS, type SetupStep, type SetupStepId } from './steps';

export interface StepReport {
  id: SetupStepId;
  title: string;
  /** One sentence per change made (or, in a plan, to be made); empty: nothing to do. */
  changes: string[];
  notes: string[];
}

export interface SetupPlan {
  root: string;
  memoryDir: string;
  memoryRepo: string;
  memoryChoice: MemoryChoice;
  /** Why the memory cannot be set up as chosen; its steps then plan nothing. */
  memoryProblem: string | null;
  /** The memory used so far, when the choice puts it elsewhere (copied over on request). */
  previousMemory: string | null;
  /** Set-ups that need the user's attention (the projects root or home made a repository). */
  warnings: string[];
  repositories: { dir: string; relPath: string; kind: string }[];
  steps: StepReport[];
}

/** What set-up would do, without doing it: the wizard's "what will be created" list. */
export async function planSetup(ctx: SetupContext): Promise<SetupPlan> {
  return {
    root: ctx.root,
    memoryDir: ctx.layout.root,
    memoryRepo: ctx.memoryRepo,
    memoryChoice: ctx.memoryChoice,
    memoryProblem: ctx.memoryProblem,
    previousMemory: ctx.previousMemory,
    warnings: ctx.warnings,
    repositories: await listRepositories(ctx.root),
    steps: SETUP_STEPS.map((s) => stepReport(s, ctx, s.plan(ctx).map(describeAction))),
  };
}

/** The repositories found under the root (none when it does not exist yet). */
async function listRepositories(root: string): Promise<SetupPlan['repositories']> {
  try {
    const found = await discoverRepos(root);
    return found.repos.map((r) => ({ dir: r.dir, relPath: r.relPath, kind: r.kind }));
  } catch {
    return [];
  }
}

/** Runs one step: plans what is missing, applies it, records it in the manifest. */
export function runSetupStep(ctx: SetupContext, id: SetupStepId): StepReport {
  const step = SETUP_STEPS.find((s) => s.id === id);
  if (!step) throw new Error(`no set-up step ${id}`);
  const actions = step.plan(ctx);
  const changes: string[] = [];
  for (const a of actions) {
    // The config dir may be set-up's doing too (the settings file or the manifest creates
    // it): recorded before the action, so it is removed after everything in it.
    const configDirs = parentsToCreate(ctx.configDir).map((p): ManifestEntry => ({ kind: 'dir', path: p }));
    const entry = applyAction(a);
    appendToManifest(ctx.configDir, [...configDirs, entry]);
    changes.push(describeAction(a).replace(/^(\w)/, (c) => c.toUpperCase()));
  }
  return stepReport(step, ctx, changes);
}

export interface SetupReport {
  steps: StepReport[];
  changed: boolean;
  manifestFile: string;
}

/** Every step in order; `onStep` lets the wizard show progress. */
export function runSetup(ctx: SetupContext, onStep?: (r: StepReport) => void): SetupReport {
  const steps = SETUP_STEPS.map((s) => {
    const r = runSetupStep(ctx, s.id);
    onStep?.(r);
    return r;
  });
  return {
    steps,
    changed: steps.some((s) => s.changes.length > 0),
    manifestFile: manifestPath(ctx.configDir),
  };
}

function stepReport(step: SetupStep, ctx: SetupContext, changes: string[]): StepReport {
  return { id: step.id, title: step.title, changes, notes: step.notes?.(ctx) ?? [] };
}
