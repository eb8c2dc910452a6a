import path from 'node:path';
import { buildProblemReport } from '../../core/report/problem-report';
import { issueTrackerUrl } from '../../core/report/project-links';
import { defaultReportDir, saveReport } from '../../core/report/save-report';
import { IpcFailure } from '../errors';
import type { HandlerDeps, Impls } from './types';

const HOST_NAME = { electron: 'desktop app', preview: 'browser preview' } as const;

/** "Report a problem": built here for the user to read; saved only when they ask; never sent. */
export function reportHandlers({ ctx }: HandlerDeps): Impls<'report:build' | 'report:save'> {
  let lastName = '';
  return {
    'report:build': () => {
      const report = buildProblemReport({
        ws: ctx.workspace,
        appVersion: ctx.options.version,
        host: HOST_NAME[ctx.options.host],
        tracker: issueTrackerUrl(),
      });
      lastName = report.fileName;
      return report;
    },
    // The text shown is what is saved: the user read that one. The place is fixed (Downloads,
    // a new file), so the renderer cannot name a path to write to.
    'report:save': ({ text }) => {
      const dir = defaultReportDir(ctx.workspace.home);
      const name = lastName || `coditect-report-${new Date().toISOString().replace(/[:.]/g, '-')}.txt`;
      try {
        return { file: saveReport(path.join(dir, name), text) };
      } catch (err) {
        throw new IpcFailure('validation', (err as Error).message);
      }
    },
  };
}
