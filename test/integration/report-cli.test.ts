/**
 * `coditect report` through bin/coditect.js over a real workspace: the report holds versions,
 * settings, doctor's results and the log's last lines, with the home folder as ~ and no secret
 * that was planted in the settings or the log; it goes to a new file (an existing one is never
 * replaced); the issue link is a well-formed URL on the project's tracker, short enough to open.
 */
import fs from 'node:fs';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { formatLogLine } from '../../src-main/core/log/log-line';
import { MAX_ISSUE_URL } from '../../src-main/core/report/issue-url';
import { makeWorkspace, rmWorkspace, runCli, type Workspace } from '../helpers/workspace';
import packageJson from '../../package.json';

const TOKEN = 'ghp_16C7e42F292c6912E7710c838347Ae178B4a';
const ANTHROPIC = 'sk-ant-api03-abcdefghijklmnopqrstuvwxyz0123456789ABCDEF_-ghij';
const AWS = 'AKIAIOSFODNN7EXAMPLE';

let ws: Workspace;

beforeEach(() => {
  ws = makeWorkspace({ exports: [], transcripts: false });
  // A secret in the settings (a folder named like a token) and in the log (600 lines, so some fall off).
  const odd = path.join(ws.home, `exports-${TOKEN}`);
  fs.mkdirSync(odd);
  fs.mkdirSync(path.join(ws.home, '.coditect'), { recursive: true });
  fs.writeFileSync(
    path.join(ws.home, '.coditect', 'settings.json'),
    JSON.stringify({ projectsRoot: ws.root, exportLocations: [odd] }),
  );
  const logFile = path.join(ws.memory, '.local', 'coditect.log');
  fs.mkdirSync(path.dirname(logFile), { recursive: true });
  const lines = Array.from({ length: 600 }, (_, i) =>
    formatLogLine({
      time: new Date(Date.now() - (600 - i) * 1000),
      level: i === 599 ? 'ERROR' : 'INFO',
      step: 'test',
      message: i === 599 ? `upload failed with key ${ANTHROPIC} and ${AWS}` : `line ${i}`,
    }),
  );
  fs.writeFileSync(logFile, lines.join('\n') + '\n');
});

afterEach(() => rmWorkspace(ws));

describe('coditect report', () => {
  it('writes a readable report with no secret and the home folder as ~', () => {
    const out = path.join(ws.base, 'report.txt');
    const r = runCli(ws, ['report', '--out', out]);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).toContain(`Problem report written to ${out}`);
    const text = fs.readFileSync(out, 'utf8');
    for (const heading of ['## Versions', '## Settings', '## coditect doctor', '## Log (the last 500 lines'])
      expect(text).toContain(heading);
    expect(text).toMatch(/CODITECT 0\.1\.0 \(command line\)/);
    expect(text).toMatch(/^ok {2}\s*projects root: ~\/PROJECTS$/m);
    expect(text).not.toContain('line 99\n');
    expect(text).toContain('line 100\n');
    for (const secret of [TOKEN, ANTHROPIC, AWS]) expect(text).not.toContain(secret);
    expect(text).toContain('[REDACTED');
    expect(text).not.toContain(ws.home);
    expect(r.stdout).toMatch(/\d+ secrets were replaced/);
  });

  it('prints a well-formed issue link on the project tracker, and --json the whole report', () => {
    const r = runCli(ws, ['report', '--json', '--out', path.join(ws.base, 'r.txt')]);
    expect(r.code, r.stderr).toBe(0);
    const doc = JSON.parse(r.stdout) as { file: string; text: string; issueUrl: string; redactions: number };
    expect(fs.readFileSync(doc.file, 'utf8')).toBe(doc.text);
    const url = new URL(doc.issueUrl);
    expect(`${url.origin}${url.pathname}`).toBe(`${packageJson.bugs.url}/new`);
    expect(doc.issueUrl.length).toBeLessThanOrEqual(MAX_ISSUE_URL);
    expect(url.searchParams.get('title')).toBe(`Problem report: CODITECT 0.1.0 on ${process.platform}`);
    const body = url.searchParams.get('body')!;
    expect(body).toContain('## What happened');
    expect(body).toContain('attach the full report file');
    for (const secret of [TOKEN, ANTHROPIC, AWS]) expect(doc.issueUrl).not.toContain(secret);
    expect(decodeURIComponent(doc.issueUrl)).not.toContain(ws.home);
  });

  it('never replaces an existing file', () => {
    const out = path.join(ws.base, 'mine.txt');
    fs.writeFileSync(out, 'my notes\n');
    const r = runCli(ws, ['report', '--out', out]);
    expect(r.code).not.toBe(0);
    expect(r.stderr).toContain(`${out} already exists`);
    expect(fs.readFileSync(out, 'utf8')).toBe('my notes\n');
  });

  it('goes to Downloads by default', () => {
    const r = runCli(ws, ['report']);
    expect(r.code, r.stderr).toBe(0);
    const written = fs.readdirSync(ws.downloads).filter((f) => f.startsWith('coditect-report-'));
    expect(written).toHaveLength(1);
  });
});
