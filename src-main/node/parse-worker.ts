/**
 * The worker-thread entry that reads and parses import files ahead of the pipeline (see
 * worker-parser.ts): jobs run one after another, in the order they came; a job's `items`
 * wait for credits so a large transcript is never parsed far ahead of its import.
 */
import { parentPort } from 'node:worker_threads';
import { runParseJob, type ParseJob } from '../core/pipeline/parse-job';
import { isLastEvent, ITEM_CREDITS, type FromParseWorker, type ToParseWorker } from './parse-protocol';

interface Running {
  credits: number;
  cancelled: boolean;
  wake: (() => void) | null;
}

const queue: { id: number; job: ParseJob }[] = [];
const running = new Map<number, Running>();
let busy = false;

parentPort?.on('message', (m: ToParseWorker) => {
  if (m.type === 'job') {
    queue.push({ id: m.id, job: m.job });
    running.set(m.id, { credits: ITEM_CREDITS, cancelled: false, wake: null });
    void drain();
    return;
  }
  const r = running.get(m.id);
  if (!r) return;
  if (m.type === 'ack') r.credits++;
  else r.cancelled = true;
  r.wake?.();
});

async function drain(): Promise<void> {
  if (busy) return;
  busy = true;
  try {
    for (let next = queue.shift(); next; next = queue.shift()) await run(next.id, next.job);
  } finally {
    busy = false;
  }
}

async function run(id: number, job: ParseJob): Promise<void> {
  const r = running.get(id)!;
  try {
    if (r.cancelled) return;
    for await (const event of runParseJob(job)) {
      if (event.type === 'items') await credit(r);
      if (r.cancelled) return;
      parentPort?.postMessage({ id, event } satisfies FromParseWorker);
      if (isLastEvent(event)) return;
    }
  } finally {
    running.delete(id);
  }
}

function credit(r: Running): Promise<void> {
  if (r.credits > 0 || r.cancelled) {
    r.credits--;
    return Promise.resolve();
  }
  return new Promise<void>((resolve) => {
    r.wake = () => {
      if (r.credits <= 0 && !r.cancelled) return;
      r.wake = null;
      r.credits--;
      resolve();
    };
  });
}
