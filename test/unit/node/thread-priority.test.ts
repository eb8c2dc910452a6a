import os from 'node:os';
import path from 'node:path';
import { createRequire } from 'node:module';
import { isMainThread, Worker } from 'node:worker_threads';
import { describe, expect, it } from 'vitest';
import { lowerThreadPriority, PIPELINE_NICE } from '../../../src-main/node/thread-priority';

const moduleFile = path.resolve(__dirname, '../../../src-main/node/thread-priority.ts');

/** Calls lowerThreadPriority in a worker thread; answers what it returned and the priorities after. */
function inWorker(): Promise<{ lowered: boolean; tid: number; worker: number; main: number }> {
  const tsx = createRequire(__filename).resolve('tsx/cjs');
  const code = [
    `require(${JSON.stringify(tsx)});`,
    `const fs = require('node:fs'); const os = require('node:os'); const path = require('node:path');`,
    `const { lowerThreadPriority } = require(${JSON.stringify(moduleFile)});`,
    `const lowered = lowerThreadPriority();`,
    `const tid = process.platform === 'linux' ? Number(path.basename(fs.readlinkSync('/proc/thread-self'))) : 0;`,
    `require('node:worker_threads').parentPort.postMessage({ lowered, tid,`,
    `  worker: tid ? os.getPriority(tid) : 0, main: os.getPriority(process.pid) });`,
  ].join('\n');
  const w = new Worker(code, { eval: true });
  return new Promise((resolve, reject) => {
    w.once('message', (m) => void w.terminate().then(() => resolve(m)));
    w.once('error', reject);
  });
}

describe('lowerThreadPriority', () => {
  it.runIf(isMainThread)('never lowers the main thread (the window’s)', () => {
    const before = os.getPriority(process.pid);
    expect(lowerThreadPriority()).toBe(false);
    expect(os.getPriority(process.pid)).toBe(before);
  });

  it.runIf(process.platform === 'linux')('lowers the calling worker thread only, on Linux', async () => {
    const main = os.getPriority(process.pid);
    const r = await inWorker();
    expect(r.lowered).toBe(true);
    expect(r.tid).not.toBe(process.pid);
    expect(r.worker).toBe(Math.max(PIPELINE_NICE, main));
    expect(r.main).toBe(main);
    expect(os.getPriority(process.pid)).toBe(main);
  });

  it.runIf(process.platform !== 'linux')(
    'changes nothing elsewhere (os.setPriority would take the process)',
    async () => {
      const main = os.getPriority(process.pid);
      const r = await inWorker();
      expect(r.lowered).toBe(false);
      expect(r.main).toBe(main);
    },
  );
});
