import path from 'node:path';
import type { Command } from 'commander';
import { buildProblemReport } from '../../core/report/problem-report';
import { issueTrackerUrl } from '../../core/report/project-links';
import { defaultReportDir, saveReport } from '../../core/report/save-report';
import { count } from '../../core/plural';
import { resolveContext } from '../cli-context';
import type { Output } from '../output';

/** `coditect report`: the problem report in a file to read before sending; nothing is sent. */
export function registerReport(program: Command, o: Output, version: string): void {
  program
    .command('report')
    .description('write a problem report (versions, settings, doctor, recent log; secrets removed) to a file')
    .option('--root <dir>', 'projects root')
    .option('--memory <dir>', 'the MEMORY-CONTEXT directory')
    .option('--out <file>', 'the file to write (default: a new file in Downloads)')
    .option('--json', 'print one JSON document (the report text included)')
    .action((flags: { root?: string; memory?: string; out?: string; json?: boolean }) => {
      const ws = resolveContext(flags);
      const report = buildProblemReport({
        ws,
        appVersion: version,
        host: 'command line',
        tracker: issueTrackerUrl(),
      });
      const file = saveReport(
        flags.out ?? path.join(defaultReportDir(ws.home), report.fileName),
        report.text,
      );
      if (flags.json) return o.json({ file, ...report });
      o.out(`Problem report written to ${file}`);
      o.out(
        `${report.redactions ? `${count(report.redactions, 'secret was', 'secrets were')} replaced. ` : ''}Read it, then attach it to an issue:`,
      );
      o.out(report.issueUrl);
    });
}
