import type { ImportPlan } from './import-file';
import type { ParseEvent } from './parse-job';
import type { SourceParser } from './source-parser';

/**
 * Asks the parser for the events of the next files before they are imported, so that a parser
 * in another thread parses file i+1 while file i is written to the store. `depth` bounds how
 * many parsed files wait in memory.
 */
export class ParseAhead {
  private readonly opened = new Map<number, AsyncIterable<ParseEvent>>();

  constructor(
    private readonly parser: SourceParser,
    private readonly plans: readonly ImportPlan[],
    private readonly depth: number,
  ) {}

  /** The events of plan `i` (which must have a job); the next `depth` jobs are started too. */
  take(i: number): AsyncIterable<ParseEvent> {
    for (let k = i; k < this.plans.length && k <= i + this.depth; k++) this.open(k);
    const events = this.opened.get(i);
    if (!events) throw new Error(`file ${i} has nothing to parse`);
    this.opened.delete(i);
    return events;
  }

  private open(k: number): void {
    const plan = this.plans[k]!;
    if ('job' in plan && !this.opened.has(k)) this.opened.set(k, this.parser.events(plan.job));
  }
}
