import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { openLog } from '../../src-main/core/log/open-log';
import { CHANNELS } from '../../src-main/ipc/contract';
import type { IpcService } from '../../src-main/ipc/service';
import { makeWorkspace, rmWorkspace, type Workspace } from '../helpers/workspace';
import { call, serviceFor, value } from '../unit/ipc/helpers';
import { MALFORMED } from '../unit/ipc/malformed-cases';

const open: { ws: Workspace; service: IpcService }[] = [];
afterEach(async () => {
  for (const { ws, service } of open.splice(0)) {
    await service.close();
    rmWorkspace(ws);
  }
});

function setup(opts: Parameters<typeof makeWorkspace>[0] = {}) {
  const ws = makeWorkspace(opts);
  const service = serviceFor(ws);
  open.push({ ws, service });
  return { ws, service };
}

describe('IPC handlers over a real workspace', () => {
  it('answers every malformed payload with a validation error naming the field, and keeps serving', async () => {
    const { service } = setup();
    for (const [channel, request, field] of MALFORMED) {
      const r = await service.dispatch(channel, request);
      expect(r, `${channel} ${field}`).toMatchObject({ ok: false, error: { code: 'validation', field } });
    }
    for (const name of ['nope', '__proto__', 'toString', 'constructor', 42, null]) {
      expect(await service.dispatch(name, undefined)).toMatchObject({
        ok: false,
        error: { code: 'validation', field: 'channel' },
      });
    }
    expect(value(await call(service, 'app:info', undefined))).toMatchObject({ host: 'preview' });
  });

  it('answers every channel with a value or a typed error, never a throw', async () => {
    const { service } = setup();
    const requests: Record<string, unknown> = {
      'settings:update': {},
      'pipeline:start': undefined, // invalid on purpose: validation, not a run
      'checkpoints:get': { id: 'none' },
      'checkpoints:messages': { id: 'none' },
      'checkpoints:locate': { id: 'none', hash: '0'.repeat(64) },
      'sessions:thread': { sessionId: 'none' },
      'search:query': { query: 'hello' },
      'log:tail': {},
      'repos:commit': {},
      'fs:reveal': { path: '/' },
      'shell:openExternal': { url: 'https://example.com/' },
    };
    for (const channel of CHANNELS) {
      const r = await service.dispatch(channel, requests[channel]);
      expect(typeof r.ok, channel).toBe('boolean');
      if (!r.ok)
        expect(['validation', 'forbidden-path', 'not-found', 'busy', 'unavailable']).toContain(r.error.code);
    }
  });

  it('keeps fs:reveal inside the roots: .., absolute paths elsewhere and escaping symlinks are forbidden', async () => {
    const { ws, service } = setup();
    fs.symlinkSync('/etc', path.join(ws.master, 'etc-link'));
    const reveal = (p: string) => call(service, 'fs:reveal', { path: p });
    for (const p of [
      `${ws.root}/../../..`,
      `${ws.memory}/../../../../etc/passwd`,
      '/etc/passwd',
      path.join(ws.master, 'etc-link', 'passwd'),
      path.join(ws.home, '.ssh'),
    ]) {
      expect(await reveal(p), p).toMatchObject({
        ok: false,
        error: { code: 'forbidden-path', field: 'path' },
      });
    }
    expect(value(await reveal(path.join(ws.downloads, 'export-v2-linux-overlap.txt')))).toEqual({
      opened: false,
      path: fs.realpathSync(path.join(ws.downloads, 'export-v2-linux-overlap.txt')),
    });
    expect(await reveal(path.join(ws.downloads, 'gone.txt'))).toMatchObject({
      ok: false,
      error: { code: 'not-found' },
    });
  });

  it('confines settings paths and saves a valid change', async () => {
    const { ws, service } = setup();
    const outside = fs.mkdtempSync(path.join(path.dirname(ws.base), 'coditect-outside-'));
    try {
      fs.symlinkSync(outside, path.join(ws.home, 'link-out'));
      const update = (patch: unknown) => call(service, 'settings:update', patch);
      expect(await update({ projectsRoot: '/' })).toMatchObject({
        ok: false,
        error: { code: 'forbidden-path', field: 'projectsRoot' },
      });
      expect(await update({ memoryDir: `${ws.home}/../../x` })).toMatchObject({
        ok: false,
        error: { code: 'forbidden-path', field: 'memoryDir' },
      });
      expect(await update({ exportLocations: [ws.downloads, path.join(ws.home, 'link-out')] })).toMatchObject(
        {
          ok: false,
          error: { code: 'forbidden-path', field: 'exportLocations.1' },
        },
      );
      expect(await update({ exportLocations: [path.join(ws.home, 'missing')] })).toMatchObject({
        ok: false,
        error: { code: 'not-found' },
      });
      const saved = value(await update({ autoImport: true, exportLocations: [ws.downloads], theme: 'dark' }));
      expect(saved).toMatchObject({
        autoImport: true,
        theme: 'dark',
        exportLocations: [fs.realpathSync(ws.downloads)],
      });
      const file = JSON.parse(fs.readFileSync(path.join(ws.home, '.coditect', 'settings.json'), 'utf8'));
      expect(file).toMatchObject({ autoImport: true, theme: 'dark' });
      expect(value(await call(service, 'settings:get', undefined))).toMatchObject({ autoImport: true });
    } finally {
      fs.rmSync(outside, { recursive: true, force: true });
    }
  });

  it('turns an unexpected failure into a safe internal error and logs the detail', async () => {
    const { ws, service } = setup();
    const store = path.join(ws.memory, '.local', 'coditect.sqlite');
    fs.mkdirSync(path.dirname(store), { recursive: true });
    fs.writeFileSync(store, 'this is not a database, it is a trap '.repeat(200));
    const r = await call(service, 'checkpoints:list', {});
    expect(r).toMatchObject({ ok: false, error: { code: 'internal' } });
    if (!r.ok) expect(r.error.message).not.toContain(ws.base);
    service.ctx.logger.flush();
    expect(fs.readFileSync(path.join(ws.memory, '.local', 'coditect.log'), 'utf8')).toMatch(
      /ERROR \[ipc\] "?checkpoints:list failed/,
    );
    expect(value(await call(service, 'app:info', undefined)).memoryFound).toBe(true);
  });

  it('answers an empty workspace with empty values, not errors', async () => {
    const { service } = setup({ exports: [], transcripts: false });
    expect(value(await call(service, 'checkpoints:list', undefined))).toEqual([]);
    expect(value(await call(service, 'sessions:list', undefined))).toEqual([]);
    expect(value(await call(service, 'search:query', { query: 'anything' }))).toEqual([]);
    // An invalid query says what is wrong, naming the field, instead of returning nothing.
    expect(await call(service, 'search:query', { query: '"unclosed phrase' })).toMatchObject({
      ok: false,
      error: {
        code: 'validation',
        field: 'query',
        message: expect.stringMatching(/quotation mark is not closed/),
      },
    });
    expect(value(await call(service, 'dashboard:summary', undefined)).totals.globalUniqueMessages).toBe(0);
    expect(value(await call(service, 'exports:pending', undefined))).toEqual({ files: [], waiting: [] });
    expect(await call(service, 'checkpoints:get', { id: 'x' })).toMatchObject({
      ok: false,
      error: { code: 'not-found', field: 'id' },
    });
    expect(await call(service, 'sessions:thread', { sessionId: 'x' })).toMatchObject({
      ok: false,
      error: { code: 'not-found' },
    });
  });

  it('tails the log as parsed lines, keeping lines it cannot parse', async () => {
    const { ws, service } = setup();
    const log = openLog(path.join(ws.memory, '.local', 'coditect.log'));
    log.info('test', 'first line', { n: 1 });
    log.warn('test', 'second line');
    log.close();
    fs.appendFileSync(path.join(ws.memory, '.local', 'coditect.log'), 'hand-written note\n');
    const tail = value(await call(service, 'log:tail', { lines: 10 }));
    expect(tail.lines.map((l) => [l.level, l.message])).toEqual([
      ['INFO', 'first line'],
      ['WARN', 'second line'],
      ['INFO', 'hand-written note'],
    ]);
    expect(tail.lines[0]!.fields).toEqual({ n: '1' });
    expect(value(await call(service, 'log:reveal', undefined))).toEqual({
      file: tail.file,
      opened: false,
    });
  });

  it('lists the repositories under the root with their status', async () => {
    const { ws, service } = setup();
    const git = (...args: string[]) => spawnSync('git', ['-C', ws.master, ...args], { encoding: 'utf8' });
    git('init', '-q', '-b', 'main');
    git(
      '-c',
      'user.name=T',
      '-c',
      'user.email=t@example.invalid',
      'commit',
      '-q',
      '--allow-empty',
      '-m',
      'first',
    );
    const repos = value(await call(service, 'repos:list', undefined));
    expect(repos).toHaveLength(1);
    expect(repos[0]).toMatchObject({
      path: ws.master,
      branch: 'main',
      detached: false,
      error: null,
      lastCommit: { subject: 'first' },
    });
    expect(repos[0]!.untracked).toBeGreaterThan(0);
  });

  it('answers repos:* with unavailable when there is no git integration', async () => {
    const ws = makeWorkspace({ exports: [], transcripts: false });
    const service = serviceFor(ws, { git: null });
    open.push({ ws, service });
    expect(await call(service, 'repos:list', undefined)).toMatchObject({
      ok: false,
      error: { code: 'unavailable' },
    });
    expect(await call(service, 'repos:commit', {})).toMatchObject({
      ok: false,
      error: { code: 'unavailable' },
    });
  });
});
