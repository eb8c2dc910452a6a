import type { Command } from 'commander';
import { doctorLine, runDoctorChecks } from '../../core/doctor/checks';
import { resolveContext } from '../cli-context';
import type { Output } from '../output';

export function registerDoctor(program: Command, o: Output, setExit: (code: number) => void): void {
  program
    .command('doctor')
    .description('check the set-up: folders, settings, index, log, disk')
    .option('--root <dir>', 'projects root')
    .option('--memory <dir>', 'the MEMORY-CONTEXT directory')
    .option('--json', 'print one JSON document')
    .action((flags: { root?: string; memory?: string; json?: boolean }) => {
      const checks = runDoctorChecks(resolveContext(flags));
      if (flags.json) o.json({ ok: checks.every((c) => c.ok), checks });
      else for (const c of checks) o.out(doctorLine(c));
      setExit(checks.every((c) => c.ok) ? 0 : 1);
    });
}
