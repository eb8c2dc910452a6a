/**
 * Preloaded (`node --require`) into the bench's CLI runs: at exit each thread that ends normally
 * prints the CPU time it used (Linux: /proc/thread-self/stat, user + system), so the bench can
 * say how much of the run's CPU the pipeline's own thread took. A terminated worker (the parse
 * worker, stopped after the import) prints nothing; its share is in the rest.
 */
const fs = require('node:fs');
const { isMainThread, threadId } = require('node:worker_threads');

process.on('exit', () => {
  let stat;
  try {
    stat = fs.readFileSync('/proc/thread-self/stat', 'utf8');
  } catch {
    return; // not Linux
  }
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  const ticks = Number(fields[11]) + Number(fields[12]);
  // USER_HZ is 100 on every Linux the bench runs on.
  fs.writeSync(2, `bench-thread-cpu ${isMainThread ? 'main' : `worker-${threadId}`} ${ticks * 10}\n`);
});
