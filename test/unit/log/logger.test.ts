import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { Logger } from '../../../src-main/core/log/logger';
import { RollingLogFile } from '../../../src-main/core/log/rolling-log-file';
import { StepRunner } from '../../../src-main/core/pipeline/step-runner';
import type { PipelineEvent } from '../../../src-main/core/pipeline/events';
import { openLog } from '../../../src-main/core/log/open-log';
import { LogEvent, parseLogLine } from '../../../src-main/core/log/log-line';

let dir: string;
let file: string;
const loggers: Logger[] = [];

beforeEach(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'coditect-logger-'));
  file = path.join(dir, 'coditect.log');
});
afterEach(() => {
  for (const l of loggers.splice(0)) l.close();
  fs.rmSync(dir, { recursive: true, force: true });
});

function newLogger(opts: ConstructorParameters<typeof Logger>[1] = {}, maxLines = 100): Logger {
  const log = new Logger(new RollingLogFile(file, { maxLines }), opts);
  loggers.push(log);
  return log;
}

const parsedFile = () =>
  fs
    .readFileSync(file, 'utf8')
    .split('\n')
    .slice(0, -1)
    .map((l) => parseLogLine(l));
const nextTurn = () => new Promise((resolve) => setImmediate(resolve));

describe('Logger', () => {
  it('buffers events and writes them on the next turn of the event loop', async () => {
    const log = newLogger();
    log.info('s', 'one');
    log.warn('s', 'two', { n: 2 });
    expect(fs.existsSync(file)).toBe(false);
    await nextTurn();
    await nextTurn();
    expect(parsedFile().map((p) => [p?.level, p?.message, p?.fields])).toEqual([
      ['INFO', 'one', {}],
      ['WARN', 'two', { n: '2' }],
    ]);
  });

  it('flush() writes synchronously', () => {
    const log = newLogger();
    log.error('s', 'boom');
    log.flush();
    expect(parsedFile()[0]?.message).toBe('boom');
  });

  it('writes a batch as soon as maxBatchLines pile up', () => {
    const log = newLogger({ maxBatchLines: 3 });
    log.info('s', '1');
    log.info('s', '2');
    expect(fs.existsSync(file)).toBe(false);
    log.info('s', '3');
    expect(parsedFile()).toHaveLength(3);
  });

  it('drops events below minLevel (INFO by default)', () => {
    const log = newLogger();
    log.debug('s', 'hidden');
    log.info('s', 'shown');
    log.flush();
    expect(parsedFile().map((p) => p?.message)).toEqual(['shown']);
    const verbose = newLogger({ minLevel: 'DEBUG' });
    verbose.debug('s', 'now shown');
    verbose.flush();
    expect(parsedFile().map((p) => p?.message)).toEqual(['shown', 'now shown']);
  });

  it('redacts secrets in messages and fields before writing or mirroring', () => {
    const mirrored: string[] = [];
    const log = newLogger({ mirror: (line) => mirrored.push(line) });
    log.info('license', 'activating key/eyJhY2NvdW50IjoiYWNtZSJ9.c2lnbmF0dXJlLXRlc3Q', {
      token: 'abc',
      header: 'Bearer xyz123',
      env: 'ANTHROPIC_API_KEY=sk-ant-api03-secret',
    });
    log.flush();
    const text = fs.readFileSync(file, 'utf8');
    for (const secret of ['eyJhY2NvdW50', 'abc', 'xyz123', 'sk-ant-api03-secret']) {
      expect(text).not.toContain(secret);
      expect(mirrored.join('\n')).not.toContain(secret);
    }
    expect(text).toContain('key/***');
  });

  it('mirrors each event at once with its line, and survives a throwing mirror', () => {
    const seen: [string, LogEvent][] = [];
    const log = newLogger({ mirror: (line, e) => seen.push([line, e]) });
    log.info('s', 'm', { a: 1 });
    expect(seen).toHaveLength(1);
    expect(parseLogLine(seen[0][0])?.message).toBe('m');
    expect(seen[0][1].fields).toEqual({ a: 1 });
    const broken = newLogger({
      mirror: () => {
        throw new Error('viewer gone');
      },
    });
    broken.info('s', 'still logged');
    broken.flush();
    expect(parsedFile().map((p) => p?.message)).toContain('still logged');
  });

  it('close() flushes and later events are written straight away', () => {
    const log = newLogger();
    log.info('s', 'before');
    log.close();
    expect(parsedFile()).toHaveLength(1);
    log.info('s', 'after');
    expect(parsedFile()).toHaveLength(2);
  });

  it('keeps lines buffered when a background flush fails, and reports it', async () => {
    const errors: unknown[] = [];
    fs.mkdirSync(file); // a directory where the log should be: every write fails
    const log = newLogger({ onError: (e) => errors.push(e) });
    log.info('s', 'kept');
    await nextTurn();
    await nextTurn();
    expect(errors.length).toBeGreaterThan(0);
    fs.rmdirSync(file);
    log.flush();
    expect(parsedFile().map((p) => p?.message)).toEqual(['kept']);
  });

  it('flushes on process exit', async () => {
    const { spawnSync } = await import('child_process');
    const script = `
      const { openLog } = require(${JSON.stringify(path.resolve(__dirname, '../../../src-main/core/log/open-log'))});
      const log = openLog(${JSON.stringify(file)}, { maxLines: 10 });
      log.info('exit', 'written by the exit hook');
      process.exit(0);`;
    const r = spawnSync(process.execPath, ['--import', 'tsx', '-e', script], { encoding: 'utf8' });
    expect(r.stderr).toBe('');
    expect(parsedFile().map((p) => p?.message)).toEqual(['written by the exit hook']);
  });
});

describe('StepRunner (the pipeline steps in the log)', () => {
  const runner = (log: Logger, events: PipelineEvent[] = []) => new StepRunner(log, (e) => events.push(e));

  it('logs started and succeeded with a duration and the summary, and returns the value', async () => {
    const log = newLogger();
    const events: PipelineEvent[] = [];
    const value = await runner(log, events).run(
      'discover',
      async () => 42,
      (n) => `${n} files`,
    );
    log.flush();
    expect(value).toBe(42);
    const [started, done] = parsedFile();
    expect([started?.step, started?.message]).toEqual(['discover', 'started']);
    expect([done?.level, done?.message]).toEqual(['INFO', 'succeeded: 42 files']);
    expect(Number(done?.fields.duration_ms)).toBeGreaterThanOrEqual(0);
    expect(events.map((e) => e.type)).toEqual(['step-started', 'step-succeeded']);
  });

  it('logs failed with the error and a duration, and rethrows', async () => {
    const log = newLogger();
    const events: PipelineEvent[] = [];
    const failure = Object.assign(new Error('disk full'), { code: 'ENOSPC' });
    await expect(
      runner(log, events).run(
        'checkpoint',
        () => {
          throw failure;
        },
        () => '',
      ),
    ).rejects.toBe(failure);
    log.flush();
    const failed = parsedFile()[1];
    expect([failed?.level, failed?.message]).toEqual(['ERROR', 'failed: disk full']);
    expect(Number(failed?.fields.duration_ms)).toBeGreaterThanOrEqual(0);
    expect(events.at(-1)).toMatchObject({ type: 'step-failed', step: 'checkpoint', error: 'disk full' });
  });

  it('redacts secrets in error messages', async () => {
    const log = newLogger();
    await expect(
      runner(log).run(
        'git',
        () =>
          Promise.reject(
            new Error('auth failed for https://x:ghp_0123456789abcdefghijABCDEFGHIJ0123@github.com'),
          ),
        () => '',
      ),
    ).rejects.toThrow();
    log.flush();
    expect(fs.readFileSync(file, 'utf8')).not.toContain('ghp_0123');
  });
});

describe('openLog', () => {
  it('resolves the cap from the setting and the environment', () => {
    const log = openLog(file, { maxLines: 5, env: { CODITECT_LOG_MAX_LINES: '3' } });
    loggers.push(log);
    expect(log.file.maxLines).toBe(3);
    for (let i = 0; i < 10; i++) log.info('s', `m${i}`);
    log.flush();
    expect(parsedFile().map((p) => p?.message)).toEqual(['m7', 'm8', 'm9']);
  });
});
