import fs from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { IpcService } from '../../src-main/ipc/service';
import { makeWorkspace, rmWorkspace, runCli, type Workspace } from '../helpers/workspace';
import { call, serviceFor, value } from '../unit/ipc/helpers';

const open: { ws: Workspace; service?: IpcService }[] = [];
afterEach(async () => {
  for (const { ws, service } of open.splice(0)) {
    await service?.close();
    rmWorkspace(ws);
  }
});

function lastRunFile(ws: Workspace): string {
  return path.join(ws.memory, '.local', 'last-run.json');
}

/** A real run's summary, as `coditect export-dedup --json` prints it. */
function cliSummary(ws: Workspace): Record<string, unknown> {
  const r = runCli(ws, ['export-dedup', '--root', ws.root, '--yes', '--json', '--no-git']);
  expect(r.code).toBe(0);
  return JSON.parse(r.stdout) as Record<string, unknown>;
}

function start(ws: Workspace): IpcService {
  const service = serviceFor(ws);
  open.push({ ws, service });
  return service;
}

describe('the last run kept beside the index', () => {
  it('is served as the run wrote it, every field typed by the contract', async () => {
    const ws = makeWorkspace();
    open.push({ ws });
    const summary = cliSummary(ws);
    fs.writeFileSync(lastRunFile(ws), JSON.stringify(summary));
    const service = start(ws);
    expect(value(await call(service, 'dashboard:summary', undefined)).lastRun).toEqual(summary);
    expect(value(await call(service, 'pipeline:status', undefined)).last).toEqual(summary);
  });

  it('written by an older version (fewer fields): no last run, and the dashboard still answers', async () => {
    const ws = makeWorkspace();
    open.push({ ws });
    const { skippedLinks: _links, memoryNotInGit: _notice, ...older } = cliSummary(ws);
    fs.writeFileSync(lastRunFile(ws), JSON.stringify(older));
    const service = start(ws);
    const dashboard = value(await call(service, 'dashboard:summary', undefined));
    expect(dashboard.lastRun).toBeNull();
    expect(dashboard.totals.messagesRead).toBeGreaterThan(0);
    expect(value(await call(service, 'pipeline:status', undefined)).last).toBeNull();
  });
});
