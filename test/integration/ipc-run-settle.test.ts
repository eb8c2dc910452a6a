import fs from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { EventOf } from '../../src-main/ipc/contract';
import type { IpcService } from '../../src-main/ipc/service';
import { makeWorkspace, rmWorkspace, type Workspace } from '../helpers/workspace';
import { call, recordEvents, serviceFor, value, waitFor } from '../unit/ipc/helpers';

/**
 * The app's Run button right after `/export`: the run waits for the export still being
 * written to settle, says so in its progress, and imports it (issue 13, item 3). Real IPC
 * service, real worker thread, real store.
 */

const open: { ws: Workspace; service: IpcService }[] = [];
afterEach(async () => {
  for (const { ws, service } of open.splice(0)) {
    await service.close();
    rmWorkspace(ws);
  }
});

describe('the Run button with an export written seconds ago', () => {
  it('waits for it to settle, says so, and imports all of it', async () => {
    const ws = makeWorkspace({ exports: [], transcripts: false });
    // The default settle time (the shared helper sets 0, which makes every file settled at once).
    const service = serviceFor(ws, { settleMs: 5000 });
    open.push({ ws, service });
    const events = recordEvents(service);
    const file = path.join(ws.downloads, '2026-11-01-just-exported.txt');
    fs.writeFileSync(file, '> a question\n\n⏺ An answer.\n');

    value(await call(service, 'pipeline:start', { description: 'Run button' }));
    // Keep writing, as /export would, until the run says it waits; then stop.
    const progress = () =>
      events
        .filter((e) => e.event === 'pipeline:event')
        .map((e) => (e.payload as EventOf<'pipeline:event'>).event);
    let k = 0;
    while (!progress().some((e) => e.type === 'waiting-for-writes')) {
      fs.appendFileSync(file, `\n> more ${k}\n\n⏺ Reply ${k}.\n`);
      k++;
      await new Promise((r) => setTimeout(r, 200));
      if (events.some((e) => e.event === 'pipeline:done')) break;
    }
    await waitFor(() => events.some((e) => e.event === 'pipeline:done'), 60_000, 'pipeline:done');
    expect(progress().find((e) => e.type === 'waiting-for-writes')).toMatchObject({ paths: [file] });
    const done = events.find((e) => e.event === 'pipeline:done')!.payload as EventOf<'pipeline:done'>;
    expect(done.summary.waiting).toEqual([]);
    expect(done.summary.counts).toMatchObject({ read: 2 + 2 * k, newUnique: 2 + 2 * k });
    expect(done.summary.exitCode).toBe(0);
  }, 120_000);
});
