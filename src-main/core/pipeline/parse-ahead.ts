import type { ImportPlan } from './import-file';
import type { ParseEvent } from './parse-job';
import type { SourceParser } from './source-parser';

/** A transcript is streamed in credited chunks (see node/parse-protocol): this much waits at most. */
const TRANSCRIPT_AHEAD_BYTES = 8 * 1024 * 1024;

/**
 * Asks the parser for the events of the next files before they are imported, so that a parser
 * in another thread parses ahead while this one writes to the store. How far ahead is bounded
 * by bytes, not files: small files go many at a time (their parse and import times vary, and a
 * queue evens that out), one large export alone.
 */
export class ParseAhead {
  private readonly opened = new Map<number, AsyncIterable<ParseEvent>>();
  /** The next plan not yet opened, and the bytes of those opened but not yet taken. */
  private next = 0;
  private pendingBytes = 0;

  constructor(
    private readonly parser: SourceParser,
    private readonly plans: readonly ImportPlan[],
    private readonly budgetBytes: number,
  ) {}

  /** The events of plan `i` (which must have a job); later jobs are started within the budget. */
  take(i: number): AsyncIterable<ParseEvent> {
    while (this.next <= i) this.open(this.next++);
    const events = this.opened.get(i);
    if (!events) throw new Error(`file ${i} has nothing to parse`);
    this.opened.delete(i);
    this.pendingBytes -= this.cost(i);
    while (this.next < this.plans.length && this.pendingBytes + this.cost(this.next) <= this.budgetBytes)
      this.open(this.next++);
    return events;
  }

  private cost(k: number): number {
    const plan = this.plans[k]!;
    if (!('job' in plan)) return 0;
    return plan.job.kind === 'transcript' ? Math.min(plan.file.size, TRANSCRIPT_AHEAD_BYTES) : plan.file.size;
  }

  private open(k: number): void {
    const plan = this.plans[k]!;
    if (!('job' in plan)) return;
    this.opened.set(k, this.parser.events(plan.job));
    this.pendingBytes += this.cost(k);
  }
}
