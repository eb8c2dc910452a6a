/**
 * A separate process writing to the rolling log, for the concurrency and crash tests.
 *
 *   tsx test/helpers/log-writer.ts <path> <id> <count> <cap> [barrier]
 *
 * Writes `count` lines `[writer] line w=<id> seq=<i>` through a Logger, yielding to the event
 * loop every few lines so batches of different processes interleave. Prints `started` once
 * the first batch is in the file. With `barrier` = N, it writes its last line only after N
 * writers have written all their other lines (files `<path>.done.<id>`), so the final lines
 * of all writers are the newest lines of the log and must all survive the cap.
 * LOG_WRITER_LOCK_KIND=file selects the O_EXCL-file lock used where symlinks are unavailable.
 */
import * as fs from 'fs';
import * as path from 'path';
import { Logger } from '../../src-main/core/log/logger';
import { RollingLogFile } from '../../src-main/core/log/rolling-log-file';

const [logPath, id, countText, capText, barrierText] = process.argv.slice(2);
const count = Number(countText);
const barrier = barrierText ? Number(barrierText) : 0;

const lockKind = process.env.LOG_WRITER_LOCK_KIND === 'file' ? 'file' : undefined;
const file = new RollingLogFile(logPath, { maxLines: Number(capText), lock: { kind: lockKind } });
const log = new Logger(file, { maxBatchLines: 50 });

async function main(): Promise<void> {
  const last = barrier > 0 ? count - 1 : count;
  for (let seq = 0; seq < last; seq++) {
    log.info('writer', 'line', { w: id, seq, pad: 'x'.repeat(seq % 40) });
    if (seq === 0) {
      log.flush();
      process.stdout.write('started\n');
    }
    if (seq % 7 === 6) await new Promise((resolve) => setImmediate(resolve));
  }
  if (barrier > 0) {
    log.flush();
    await waitForBarrier();
    log.info('writer', 'line', { w: id, seq: count - 1, pad: 'last' });
  }
  log.close();
}

async function waitForBarrier(): Promise<void> {
  fs.writeFileSync(`${logPath}.done.${id}`, '');
  const dir = path.dirname(logPath);
  const prefix = `${path.basename(logPath)}.done.`;
  while (fs.readdirSync(dir).filter((f) => f.startsWith(prefix)).length < barrier) {
    await new Promise((resolve) => setTimeout(resolve, 5));
  }
}

main().catch((err: unknown) => {
  process.stderr.write(`${String(err)}\n`);
  process.exit(1);
});
