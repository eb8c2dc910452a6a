import os from 'node:os';
import type { Worker } from 'node:worker_threads';
import { runParseJob, type ParseEvent, type ParseJob } from '../core/pipeline/parse-job';
import { inlineParser, type SourceParser } from '../core/pipeline/source-parser';
import { isLastEvent, type FromParseWorker, type ToParseWorker } from './parse-protocol';
import { startWorker } from './start-worker';

/**
 * A SourceParser that reads and parses files in a worker thread, so the next file is parsed
 * while this one is written to the store: the two halves of an import use both cores. If the
 * worker cannot start or stops, the jobs it had not begun to answer are parsed inline, and a
 * job cut off halfway fails (its import is rolled back; the next run reads the file again).
 */
export class WorkerParser implements SourceParser {
  private readonly jobs = new Map<number, JobEvents>();
  private nextId = 1;
  private broken: string | null = null;
  /** Started by warmUp or the first job. */
  private worker: Worker | null = null;

  private constructor() {}

  /** A worker parser where a second core can help, else the inline one. */
  static create(env: NodeJS.ProcessEnv = process.env): SourceParser {
    if (os.availableParallelism() < 2 || env.CODITECT_PARSE_WORKER === '0') return inlineParser;
    return new WorkerParser();
  }

  /** Starting a worker (and, from source, compiling it) takes a few hundred ms: begin early. */
  warmUp(): void {
    this.ready();
  }

  events(job: ParseJob): AsyncIterable<ParseEvent> {
    if (!this.ready()) return runParseJob(job);
    const id = this.nextId++;
    const events = new JobEvents(
      job,
      () => this.post({ type: 'ack', id }),
      () => {
        this.jobs.delete(id);
        this.post({ type: 'cancel', id });
      },
    );
    this.jobs.set(id, events);
    this.post({ type: 'job', id, job });
    return events;
  }

  describe(): string {
    return this.broken && this.broken !== 'closed' ? `inline after ${this.broken}` : 'in a worker thread';
  }

  async close(): Promise<void> {
    this.broken ??= 'closed';
    await this.worker?.terminate();
  }

  /** The worker, started if need be; false once it cannot run (then jobs are parsed inline). */
  private ready(): boolean {
    if (this.broken) return false;
    try {
      this.worker ??= this.start();
    } catch (err) {
      this.broken = `the parse worker could not start: ${(err as Error).message}`;
    }
    return !this.broken;
  }

  private start(): Worker {
    const worker = startWorker('parse-worker', {});
    worker.on('message', (m: FromParseWorker) => {
      this.jobs.get(m.id)?.push(m.event);
      if (isLastEvent(m.event)) this.jobs.delete(m.id);
    });
    worker.on('error', (err) => this.fail(`the parse worker failed: ${err.message}`));
    worker.on('exit', (code) => this.fail(`the parse worker stopped (exit code ${code})`));
    return worker;
  }

  private post(m: ToParseWorker): void {
    if (!this.broken) this.worker?.postMessage(m);
  }

  private fail(reason: string): void {
    if (this.broken) return;
    this.broken = reason;
    for (const events of this.jobs.values()) events.workerGone(reason);
    this.jobs.clear();
  }
}

/** One job's events as they arrive from the worker, read as an async iterable. */
class JobEvents implements AsyncIterable<ParseEvent>, AsyncIterator<ParseEvent> {
  private readonly buffer: ParseEvent[] = [];
  private waiting: ((r: IteratorResult<ParseEvent>) => void) | null = null;
  private delivered = 0;
  private ended = false;
  private inline: AsyncIterator<ParseEvent> | null = null;

  constructor(
    private readonly job: ParseJob,
    private readonly ack: () => void,
    private readonly release: () => void,
  ) {}

  [Symbol.asyncIterator](): AsyncIterator<ParseEvent> {
    return this;
  }

  push(event: ParseEvent): void {
    if (isLastEvent(event)) this.ended = true;
    if (this.waiting) {
      const resolve = this.waiting;
      this.waiting = null;
      resolve(this.deliver(event));
    } else this.buffer.push(event);
  }

  /** Nothing received yet: parse inline instead. Cut off halfway: the job fails. */
  workerGone(reason: string): void {
    if (this.ended) return;
    if (this.delivered === 0 && this.buffer.length === 0) this.inline = runParseJob(this.job);
    else this.push({ type: 'failed', reason });
    if (this.inline && this.waiting) {
      const resolve = this.waiting;
      this.waiting = null;
      void this.inline.next().then(resolve);
    }
  }

  next(): Promise<IteratorResult<ParseEvent>> {
    if (this.inline) return this.inline.next();
    const event = this.buffer.shift();
    if (event) return Promise.resolve(this.deliver(event));
    if (this.ended) return Promise.resolve({ done: true, value: undefined });
    return new Promise((resolve) => (this.waiting = resolve));
  }

  async return(): Promise<IteratorResult<ParseEvent>> {
    if (this.inline) await this.inline.return?.();
    else if (!this.ended) this.release();
    this.ended = true;
    this.buffer.length = 0;
    return { done: true, value: undefined };
  }

  private deliver(event: ParseEvent): IteratorResult<ParseEvent> {
    this.delivered++;
    if (event.type === 'items') this.ack();
    return { done: false, value: event };
  }
}
