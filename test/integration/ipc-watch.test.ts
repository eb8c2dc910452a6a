import fs from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { openLog } from '../../src-main/core/log/open-log';
import type { EventOf } from '../../src-main/ipc/contract';
import type { IpcService } from '../../src-main/ipc/service';
import { FIXTURES, makeWorkspace, rmWorkspace, type Workspace } from '../helpers/workspace';
import { call, recordEvents, serviceFor, value, waitFor } from '../unit/ipc/helpers';

const open: { ws: Workspace; service: IpcService }[] = [];
afterEach(async () => {
  for (const { ws, service } of open.splice(0)) {
    await service.close();
    rmWorkspace(ws);
  }
});

async function setup(settleMs = 0) {
  const ws = makeWorkspace({ exports: [] });
  const service = serviceFor(ws, { watch: true, autoImportDelayMs: 300, settleMs });
  open.push({ ws, service });
  const events = recordEvents(service);
  await service.watching();
  return { ws, service, events };
}

const changes = (events: ReturnType<typeof recordEvents>) =>
  events.filter((e) => e.event === 'exports:changed').map((e) => e.payload as EventOf<'exports:changed'>);

describe('watching: exports, transcripts and the live log', () => {
  it('streams a new log line as log:lines', async () => {
    const { ws, events } = await setup();
    const log = openLog(path.join(ws.memory, '.local', 'coditect.log'));
    const marker = `written by the test ${Date.now()}`;
    log.info('test', marker);
    log.flush();
    const seen = await waitFor(
      () => events.find((e) => e.event === 'log:lines' && JSON.stringify(e.payload).includes(marker)),
      5000,
      'the log line',
    );
    log.close();
    const line = (seen.payload as EventOf<'log:lines'>).lines.find((l) => l.message === marker)!;
    expect(line).toMatchObject({ level: 'INFO', step: 'test' });
  });

  it('reports a new export, a grown one, and a new transcript; ignores other files', async () => {
    const { ws, events } = await setup();
    const target = path.join(ws.downloads, 'conversation.txt');
    fs.writeFileSync(path.join(ws.downloads, 'notes.txt'), 'just my shopping list\n');
    fs.copyFileSync(path.join(FIXTURES, 'export-v1-macos.txt'), target);
    await waitFor(
      () => changes(events).find((c) => c.path === target && c.change === 'added'),
      5000,
      'added',
    );
    fs.appendFileSync(target, '\n> one more question\n');
    await waitFor(
      () => changes(events).find((c) => c.path === target && c.change === 'grown'),
      5000,
      'grown',
    );
    const transcript = path.join(ws.claudeProjects, '-Users-demo-PROJECTS-demo-master', 'new-session.jsonl');
    fs.writeFileSync(
      transcript,
      JSON.stringify({ type: 'user', uuid: 'n1', sessionId: 'n', message: { role: 'user', content: 'hi' } }) +
        '\n',
    );
    await waitFor(() => changes(events).find((c) => c.path === transcript), 5000, 'transcript');
    expect(changes(events).some((c) => c.path.endsWith('notes.txt'))).toBe(false);
  });

  it('reports a large export each time it grows, never a large note growing beside it', async () => {
    const { ws, events } = await setup();
    const target = path.join(ws.downloads, 'long-conversation.txt');
    const note = path.join(ws.downloads, 'long-notes.md');
    const more = (n: number) =>
      Array.from({ length: n }, (_, i) => `> question ${i}\n\nanswer ${i}\n\n`).join('');
    fs.writeFileSync(
      target,
      fs.readFileSync(path.join(FIXTURES, 'export-v1-macos.txt'), 'utf8') + more(4000),
    );
    fs.writeFileSync(note, 'my notes\n'.repeat(10_000));
    expect(fs.statSync(target).size).toBeGreaterThan(64 * 1024);
    await waitFor(() => changes(events).find((c) => c.path === target), 5000, 'added');
    for (let round = 1; round <= 2; round++) {
      // Past the one-second window in which a repeated notice is dropped.
      await new Promise((r) => setTimeout(r, 1100));
      fs.appendFileSync(target, more(10));
      fs.appendFileSync(note, 'more notes\n'.repeat(100));
      await waitFor(
        () => changes(events).filter((c) => c.path === target && c.change === 'grown').length >= round,
        5000,
        `grown ${round}`,
      );
    }
    expect(changes(events).some((c) => c.path === note)).toBe(false);
  });

  it('tells when a file that was still being written has settled, so the waiting panel moves it', async () => {
    const { ws, service, events } = await setup(1500);
    const target = path.join(ws.downloads, 'just-exported.txt');
    fs.copyFileSync(path.join(FIXTURES, 'export-v1-macos.txt'), target);
    await waitFor(
      () => changes(events).find((c) => c.path === target && c.change === 'added'),
      5000,
      'added',
    );
    const before = value(await call(service, 'exports:pending', undefined));
    expect(before.waiting.map((f) => f.path)).toContain(target);
    const settled = await waitFor(
      () =>
        events.find((e) => e.event === 'exports:changed' && JSON.stringify(e.payload).includes('settled')),
      10_000,
      'settled',
    );
    expect(settled.payload).toEqual({ path: target, change: 'settled' });
    const after = value(await call(service, 'exports:pending', undefined));
    expect(after.files.map((f) => f.path)).toContain(target);
    expect(after.waiting.map((f) => f.path)).not.toContain(target);
  });

  it('imports a new export by itself when auto-import is on', async () => {
    const { ws, service, events } = await setup();
    value(await call(service, 'settings:update', { autoImport: true }));
    await service.watching();
    const target = path.join(ws.downloads, 'export-v2-linux-overlap.txt');
    fs.copyFileSync(path.join(FIXTURES, 'export-v2-linux-overlap.txt'), target);
    const done = await waitFor(
      () => events.find((e) => e.event === 'pipeline:done'),
      30_000,
      'an automatic run',
    );
    const summary = (done.payload as EventOf<'pipeline:done'>).summary as unknown as {
      files: { path: string; status: string }[];
    };
    expect(summary.files.find((f) => f.path === target)?.status).toBe('imported');
    expect(fs.existsSync(target)).toBe(false); // archived
  });

  it('tries again once an export that was still being written has settled', async () => {
    const { ws, service, events } = await setup(1500);
    value(await call(service, 'settings:update', { autoImport: true }));
    await service.watching();
    const target = path.join(ws.downloads, 'export-v1-macos.txt');
    fs.copyFileSync(path.join(FIXTURES, 'export-v1-macos.txt'), target);
    const runs = () =>
      events
        .filter((e) => e.event === 'pipeline:done')
        .map(
          (e) =>
            (e.payload as EventOf<'pipeline:done'>).summary as unknown as {
              waiting: string[];
              files: { path: string; status: string }[];
            },
        );
    await waitFor(() => runs().length >= 2, 60_000, 'a second, automatic run');
    expect(runs()[0]!.waiting).toContain(target);
    expect(runs()[1]!.files.find((f) => f.path === target)?.status).toBe('imported');
  });

  it('does not import by itself when auto-import is off', async () => {
    const { ws, events } = await setup();
    const target = path.join(ws.downloads, 'export-v2-linux-overlap.txt');
    fs.copyFileSync(path.join(FIXTURES, 'export-v2-linux-overlap.txt'), target);
    await waitFor(() => changes(events).find((c) => c.path === target), 5000, 'the notice');
    await new Promise((r) => setTimeout(r, 800));
    expect(events.some((e) => e.event === 'pipeline:event')).toBe(false);
    expect(fs.existsSync(target)).toBe(true);
  });
});
