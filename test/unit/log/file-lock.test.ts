import { spawn, spawnSync } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { threadId } from 'worker_threads';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { RollingLogFile } from '../../../src-main/core/log/rolling-log-file';

let dir: string;
let file: string;

beforeEach(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'coditect-lock-'));
  file = path.join(dir, 'coditect.log');
});
afterEach(() => {
  fs.rmSync(dir, { recursive: true, force: true });
});

function writeLock(owner: object): void {
  fs.writeFileSync(`${file}.lock`, JSON.stringify(owner));
}

/** The pid of a process that has certainly exited. */
function deadPid(): number {
  const child = spawnSync(process.execPath, ['-e', 'process.stdout.write(String(process.pid))']);
  return Number(child.stdout.toString());
}

describe('log lock', () => {
  it.each(['symlink', 'file'] as const)('takes and releases a %s lock around each write', (kind) => {
    const log = new RollingLogFile(file, { maxLines: 3, lock: { kind } });
    for (let i = 0; i < 5; i++) log.appendLines([`l${i}`]);
    expect(log.readAll()).toEqual(['l2', 'l3', 'l4']);
    expect(fs.readdirSync(dir)).toEqual(['coditect.log']);
  });

  it.skipIf(process.platform === 'win32')('breaks a symlink lock left by a dead process', () => {
    fs.symlinkSync(
      JSON.stringify({ pid: deadPid(), tid: 0, host: os.hostname(), nonce: 'dead' }),
      `${file}.lock`,
    );
    const log = new RollingLogFile(file, { maxLines: 10 });
    log.appendLines(['x']);
    expect(log.readAll()).toEqual(['x']);
  });

  it('breaks a lock left by a process that no longer exists', () => {
    writeLock({ pid: deadPid(), tid: 0, host: os.hostname(), nonce: 'dead' });
    const log = new RollingLogFile(file, { maxLines: 10, lock: { timeoutMs: 60_000 } });
    log.appendLines(['after a crash']);
    expect(log.readAll()).toEqual(['after a crash']);
    expect(fs.existsSync(`${file}.lock`)).toBe(false);
  });

  it('breaks a lock left by this very thread (pid reused after a crash)', () => {
    writeLock({ pid: process.pid, tid: threadId, host: os.hostname(), nonce: 'old' });
    const log = new RollingLogFile(file, { maxLines: 10 });
    log.appendLines(['x']);
    expect(log.readAll()).toEqual(['x']);
  });

  it('waits for a lock held by a live process and gives up at the timeout', async () => {
    const holder = spawn(process.execPath, ['-e', 'setTimeout(() => {}, 60000)']);
    try {
      writeLock({ pid: holder.pid, tid: 0, host: os.hostname(), nonce: 'alive' });
      const log = new RollingLogFile(file, { maxLines: 10, lock: { timeoutMs: 200 } });
      expect(() => log.appendLines(['blocked'])).toThrow(/lock/);
      expect(log.readAll()).toEqual([]);
      expect(fs.existsSync(`${file}.lock`)).toBe(true);
    } finally {
      holder.kill('SIGKILL');
    }
  });

  it('breaks an old lock even if its pid is alive (pid reuse, frozen owner)', () => {
    writeLock({ pid: process.ppid, tid: 0, host: os.hostname(), nonce: 'ancient' });
    const old = new Date(Date.now() - 60_000);
    fs.utimesSync(`${file}.lock`, old, old);
    const log = new RollingLogFile(file, { maxLines: 10, lock: { staleMs: 15_000 } });
    log.appendLines(['x']);
    expect(log.readAll()).toEqual(['x']);
  });

  it('treats an old unreadable lock file as stale but waits for a fresh one', () => {
    fs.writeFileSync(`${file}.lock`, '');
    const log = new RollingLogFile(file, { maxLines: 10, lock: { timeoutMs: 100 } });
    expect(() => log.appendLines(['fresh lock being written'])).toThrow(/lock/);
    const old = new Date(Date.now() - 60_000);
    fs.utimesSync(`${file}.lock`, old, old);
    log.appendLines(['x']);
    expect(log.readAll()).toEqual(['x']);
  });
});
