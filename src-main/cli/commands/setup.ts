import type { Command } from 'commander';
import { EXIT } from '../../core/pipeline/run-summary';
import { removeSetup } from '../../core/setup/remove-setup';
import { planSetup, runSetup, type StepReport } from '../../core/setup/run-setup';
import { setupContext } from '../../core/setup/setup-context';
import { configDir } from '../../core/settings/settings';
import { homeOf } from '../../core/workspace/resolve-workspace';
import type { Output } from '../output';

interface Flags {
  root?: string;
  yes?: boolean;
  json?: boolean;
  remove?: boolean;
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
    .option('--json', 'print one JSON document')
    .action(async (f: Flags) => setExit(await setup(f, o)));
}

async function setup(f: Flags, o: Output): Promise<number> {
  if (f.remove) return remove(f, o);
  const ctx = setupContext(f.root ?? '~/PROJECTS');
  if (!f.yes) {
    const plan = await planSetup(ctx);
    if (f.json) o.json({ applied: false, ...plan });
    else {
      o.out(`Projects root ${plan.root}: ${plan.repositories.length} repositories found.`);
      printSteps(o, plan.steps, 'would');
      o.out('Nothing changed. Run again with --yes to do this.');
    }
    return EXIT.done;
  }
  const report = runSetup(ctx, f.json ? undefined : (s) => printSteps(o, [s], 'did'));
  if (f.json) o.json({ applied: true, ...report });
  else
    o.out(
      report.changed
        ? `Set-up done; record of changes: ${report.manifestFile}`
        : 'Already set up: nothing changed.',
    );
  return EXIT.done;
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
