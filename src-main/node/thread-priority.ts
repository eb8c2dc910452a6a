import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

/**
 * How much the pipeline's thread gives way to the window's: 5 steps of nice, so when both want
 * a core the window's thread is scheduled first (Linux weighs nice 0 against nice 5 about 3 to
 * 1), while on an idle core the run loses nothing. Nice 10 (about 9 to 1) measured no better
 * for the window on the bench and slowed the run more when other programs wanted the cores.
 */
export const PIPELINE_NICE = 5;

/**
 * Lowers the priority of the calling thread only (never the process: the window's main thread
 * shares it). Linux keeps a nice value per thread and `setpriority` accepts a thread id, which
 * `/proc/thread-self` names; threads this one starts later inherit it. Elsewhere
 * `os.setPriority` would change the whole process, so nothing is done there. Returns whether
 * the priority was lowered; never throws (a run goes on at normal priority).
 */
export function lowerThreadPriority(nice = PIPELINE_NICE): boolean {
  if (process.platform !== 'linux') return false;
  try {
    const tid = Number(path.basename(fs.readlinkSync('/proc/thread-self')));
    if (!Number.isInteger(tid) || tid <= 0 || tid === process.pid) return false; // the main thread: never
    if (os.getPriority(tid) >= nice) return true;
    os.setPriority(tid, nice);
    return true;
  } catch {
    return false;
  }
}
