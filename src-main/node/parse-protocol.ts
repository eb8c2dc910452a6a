import type { ParseEvent, ParseJob } from '../core/pipeline/parse-job';

/** Messages between the worker parser (main side) and the parse worker. */
export type ToParseWorker =
  | { type: 'job'; id: number; job: ParseJob }
  /** The main side consumed one `items` event of job `id`: the worker may send one more. */
  | { type: 'ack'; id: number }
  /** The main side stopped reading job `id`: drop it. */
  | { type: 'cancel'; id: number };

export interface FromParseWorker {
  id: number;
  event: ParseEvent;
}

/**
 * How many `items` events of one job may wait unread on the main side: a transcript of
 * hundreds of MB is parsed ahead by at most this many chunks (1 MiB each), never whole.
 */
export const ITEM_CREDITS = 8;

export function isLastEvent(e: ParseEvent): boolean {
  return e.type === 'export' || e.type === 'transcript-end' || e.type === 'failed';
}
