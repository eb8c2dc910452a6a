import path from 'node:path';
import type { Command } from 'commander';
import { EXIT } from '../../core/pipeline/run-summary';
import { removeSetup } from '../../core/setup/remove-setup';
import { planSetup, runSetup, type StepReport } from '../../core/setup/run-setup';
import {
  DEFAULT_MEMORY_REPO_NAME,
  describeChoice,
  nameFromUrl,
  type MemoryChoice,
} from '../../core/setup/memory-choice';
import { setupContext, type SetupContext } from '../../core/setup/setup-context';
import { configDir } from '../../core/settings/settings';
import { homeOf } from '../../core/workspace/resolve-workspace';
import type { Output } from '../output';

interface Flags {
  root?: string;
  yes?: boolean;
  json?: boolean;
  remove?: boolean;
  useRepo?: string;
  newRepo?: string | boolean;
  clone?: string;
  name?: string;
  moveMemory?: boolean;
}

/** `coditect setup`: the wizard's "Install CODITECT" steps, headless. Without --yes it only shows the plan. */
export function registerSetup(program: Command, o: Output, setExit: (code: number) => void): void {
  program
    .command('setup')
    .description(
      'install CODITECT into a projects root (memory repository, MEMORY-CONTEXT, .gitignore, settings, /export-dedup)',
    )
    .option('--root <dir>', 'projects root (default ~/PROJECTS)')
    .option('--yes', 'make the changes (without it: show what would be done)')
    .option('--remove', 'remove what set-up created (never your data)')
    .option('--use-repo <dir>', 'keep the memory in this existing repository under the root')
    .option(
      '--new-repo [name]',
      `keep the memory in a new repository <root>/<name> (default ${DEFAULT_MEMORY_REPO_NAME})`,
    )
    .option('--clone <url>', 'clone the memory repository another machine pushed (https, ssh or file://)')
    .option('--name <folder>', 'the folder under the root for --clone (default: from the address)')
    .option('--move-memory', 'copy the memory used so far into the chosen repository (the original stays)')
    .option('--json', 'print one JSON document')
    .action(async (f: Flags) => setExit(await setup(f, o)));
}

async function setup(f: Flags, o: Output): Promise<number> {
  if (f.remove) return remove(f, o);
  const choice = memoryChoiceOf(f);
  if ('usage' in choice) {
    o.err(`coditect setup: ${choice.usage}`);
    return EXIT.usage;
  }
  const ctx = setupContext(f.root ?? '~/PROJECTS', process.env, undefined, {
    memory: choice.memory,
    moveMemory: f.moveMemory,
  });
  if (!f.yes) {
    const plan = await planSetup(ctx);
    if (f.json) o.json({ applied: false, ...plan });
    else {
      o.out(`Projects root ${plan.root}: ${plan.repositories.length} repositories found.`);
      printMemory(o, ctx);
      printSteps(o, plan.steps, 'would');
      o.out('Nothing changed. Run again with --yes to do this.');
    }
    return EXIT.done;
  }
  if (!f.json) printMemory(o, ctx);
  const report = runSetup(ctx, f.json ? undefined : (s) => printSteps(o, [s], 'did'));
  if (f.json) o.json({ applied: true, memoryProblem: ctx.memoryProblem, warnings: ctx.warnings, ...report });
  else if (ctx.memoryProblem)
    o.out('The memory repository is not set up (see above); nothing else of the memory changed.');
  else
    o.out(
      report.changed
        ? `Set-up done; record of changes: ${report.manifestFile}`
        : 'Already set up: nothing changed.',
    );
  return ctx.memoryProblem ? EXIT.failed : EXIT.done;
}

/** At most one of --use-repo, --new-repo, --clone; none: keep the memory where it is (or a new repository). */
function memoryChoiceOf(f: Flags): { memory?: MemoryChoice } | { usage: string } {
  const given = [f.useRepo, f.newRepo, f.clone].filter((x) => x !== undefined).length;
  if (given > 1) return { usage: 'choose one of --use-repo, --new-repo and --clone' };
  if (f.name && !f.clone) return { usage: '--name goes with --clone (for --new-repo, give the name to it)' };
  if (f.useRepo) return { memory: { mode: 'existing', repo: path.resolve(f.useRepo) } };
  if (f.newRepo !== undefined)
    return {
      memory: { mode: 'new', name: typeof f.newRepo === 'string' ? f.newRepo : DEFAULT_MEMORY_REPO_NAME },
    };
  if (f.clone) return { memory: { mode: 'clone', url: f.clone, name: f.name ?? nameFromUrl(f.clone) } };
  return {};
}

function printMemory(o: Output, ctx: SetupContext): void {
  for (const w of ctx.warnings) o.out(`Warning: ${w}`);
  o.out(`Memory repository: ${describeChoice(ctx.memoryChoice, ctx.root)}; memory in ${ctx.layout.root}.`);
  if (ctx.memoryProblem)
    o.out(
      `Problem: ${ctx.memoryProblem}. Choose with --new-repo [name], --clone <url> or --use-repo <dir> (add --move-memory to copy your memory there).`,
    );
}

function remove(f: Flags, o: Output): number {
  const r = removeSetup(configDir(process.env, homeOf(process.env)));
  if (f.json) o.json(r);
  else {
    for (const p of r.removed) o.out(`removed  ${p}`);
    for (const k of r.kept) o.out(`kept     ${k.path} (${k.reason})`);
    if (!r.removed.length && !r.kept.length) o.out('Nothing to remove: no set-up recorded.');
  }
  return EXIT.done;
}

function printSteps(o: Output, steps: StepReport[], verb: 'would' | 'did'): void {
  for (const s of steps) {
    const head = s.changes.length ? '' : verb === 'would' ? ' (nothing to do)' : ' (unchanged)';
    o.out(`${s.title}${head}`);
    for (const c of s.changes) o.out(`  ${verb === 'would' ? '· ' : '✓ '}${c}`);
    for (const n of s.notes) o.out(`  note: ${n}`);
  }
}
