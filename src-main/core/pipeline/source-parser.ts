import { runParseJob, type ParseEvent, type ParseJob } from './parse-job';

/**
 * Where the reading and parsing of imports happens. The pipeline asks for a job's events
 * before it needs them; a parser that runs jobs in another thread (node/worker-parser) starts
 * on them at once, so the next file is parsed while this one is written to the store.
 */
export interface SourceParser {
  /** The job's events, in order. Stopping early (break, return) releases the job. */
  events(job: ParseJob): AsyncIterable<ParseEvent>;
  /** Get ready for jobs (start a worker) while the run does other things first. */
  warmUp?(): void;
  /** Where the parsing happened, for the log: "inline", "in a worker thread", or why not. */
  describe(): string;
  close(): Promise<void>;
}

/** Parses in the calling thread, each job only when its events are read. */
export const inlineParser: SourceParser = {
  events: (job) => runParseJob(job),
  describe: () => 'inline',
  close: async () => {},
};
