/**
 * "Report a problem": one plain-text file the user reads before sending anything — the app and
 * OS versions, the settings, `coditect doctor`'s results and the log's last lines — with the
 * home folder shown as `~` and every secret the redaction knows replaced. Building it sends
 * nothing; the user then copies it, saves it, or opens a prefilled issue (issueUrl).
 */
import os from 'node:os';
import { doctorLine, runDoctorChecks } from '../doctor/checks';
import { tailLines } from '../log/tail';
import { redactSecrets } from '../security/redact-secrets';
import type { Workspace } from '../workspace/resolve-workspace';
import { shortenHome } from './home-paths';
import { issueUrl } from './issue-url';

const REPORT_LOG_LINES = 500;
/** A report's most characters (the IPC contract's MAX_REPORT_CHARS): what the app can save. */
export const REPORT_MAX_CHARS = 600_000;
/** One log line's most characters in a report: a huge line must not crowd out the others. */
const LOG_LINE_CHARS = 1000;

export interface ReportSource {
  ws: Workspace;
  appVersion: string;
  /** Where it runs: the desktop app, the browser preview, the command line. */
  host: string;
  tracker: string;
  now?: Date;
  logLines?: number;
}

export interface ProblemReport {
  text: string;
  /** A suggested file name: coditect-report-<time>.txt. */
  fileName: string;
  issueUrl: string;
  /** Secrets replaced in the report. */
  redactions: number;
}

export function buildProblemReport(src: ReportSource): ProblemReport {
  const now = src.now ?? new Date();
  const raw = clip(sections(src, now).join('\n'), REPORT_MAX_CHARS - 200);
  const redacted = redactSecrets(shortenHome(raw, src.ws.home));
  const title = `Problem report: CODITECT ${src.appVersion} on ${process.platform}`;
  const body = `## What happened\n\n(Say what you did and what you saw.)\n\n${redacted.text}`;
  return {
    text: redacted.text,
    fileName: `coditect-report-${now.toISOString().replace(/[:.]/g, '-')}.txt`,
    issueUrl: issueUrl(src.tracker, title, body),
    redactions: redacted.count,
  };
}

function sections(src: ReportSource, now: Date): string[] {
  const { ws } = src;
  const log = tailLines(ws.layout.logFile, src.logLines ?? REPORT_LOG_LINES);
  const settings = { ...ws.settings, projectsRootInUse: ws.root, memoryDirInUse: ws.layout.root };
  return [
    '# CODITECT problem report',
    '',
    `Made ${now.toISOString()}. This file is all that is sent, and only when you send it: read it first.`,
    'Your home folder is shown as ~ and known secrets (keys, tokens, passwords) as [REDACTED:…].',
    '',
    '## Versions',
    `CODITECT ${src.appVersion} (${src.host})`,
    `Node.js ${process.versions.node}${process.versions.electron ? `, Electron ${process.versions.electron}` : ''}`,
    `${os.type()} ${os.release()} (${process.platform} ${process.arch})`,
    '',
    '## Settings',
    `File: ${ws.settingsFile}${ws.settingsProblem ? ` (problem: ${ws.settingsProblem})` : ''}`,
    JSON.stringify(settings, null, 2),
    '',
    '## coditect doctor',
    ...runDoctorChecks(ws).map(doctorLine),
    '',
    `## Log (the last ${log.length} lines of ${ws.layout.logFile})`,
    ...log.map((l) => clip(l, LOG_LINE_CHARS)),
    '',
  ];
}

function clip(text: string, max: number): string {
  return text.length > max ? `${text.slice(0, max)}… [cut: ${text.length - max} more characters]` : text;
}
