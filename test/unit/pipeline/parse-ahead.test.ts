import { describe, expect, it } from 'vitest';
import type { FoundFile } from '../../../src-main/core/discovery/types';
import type { ImportPlan } from '../../../src-main/core/pipeline/import-file';
import { ParseAhead } from '../../../src-main/core/pipeline/parse-ahead';
import type { ParseEvent, ParseJob } from '../../../src-main/core/pipeline/parse-job';
import type { SourceParser } from '../../../src-main/core/pipeline/source-parser';

const MB = 1024 * 1024;

function plan(path: string, kind: 'export' | 'transcript', size: number, settled = false): ImportPlan {
  const file = { path, kind, size, mtimeMs: 0 } as FoundFile;
  if (settled) return { file, settled: { status: 'unchanged', path, kind: 'transcript', sourceId: 1 } };
  const job: ParseJob = kind === 'export' ? { kind, path } : { kind, path, resume: null };
  return { file, job };
}

/** Records which jobs were started, in order; their events are never read here. */
function recordingParser(started: string[]): SourceParser {
  return {
    events(job: ParseJob): AsyncIterable<ParseEvent> {
      started.push(job.path);
      return (async function* () {})();
    },
    describe: () => 'recording',
    close: async () => {},
  };
}

describe('ParseAhead', () => {
  it('starts small files many at a time, within the byte budget', () => {
    const started: string[] = [];
    const plans = ['a', 'b', 'c', 'd', 'e', 'f'].map((p) => plan(p, 'export', 3 * MB));
    const ahead = new ParseAhead(recordingParser(started), plans, 10 * MB);
    ahead.take(0);
    expect(started).toEqual(['a', 'b', 'c', 'd']);
    ahead.take(1);
    expect(started).toEqual(['a', 'b', 'c', 'd', 'e']);
  });

  it('starts a file larger than the budget only when it is its turn', () => {
    const started: string[] = [];
    const plans = [plan('a', 'export', 1 * MB), plan('big', 'export', 100 * MB), plan('c', 'export', 1 * MB)];
    const ahead = new ParseAhead(recordingParser(started), plans, 10 * MB);
    ahead.take(0);
    expect(started).toEqual(['a']);
    ahead.take(1);
    expect(started).toEqual(['a', 'big', 'c']);
  });

  it('counts a streamed transcript by what it may buffer, and skips settled files', () => {
    const started: string[] = [];
    const plans = [
      plan('t1', 'transcript', 500 * MB),
      plan('same', 'transcript', 9 * MB, true),
      plan('t2', 'transcript', 500 * MB),
      plan('x', 'export', 1 * MB),
    ];
    const ahead = new ParseAhead(recordingParser(started), plans, 20 * MB);
    ahead.take(0);
    expect(started).toEqual(['t1', 't2', 'x']);
    expect(() => ahead.take(1)).toThrow(/nothing to parse/);
  });

  it('hands each file’s events out once', () => {
    const plans = [plan('a', 'export', 1)];
    const ahead = new ParseAhead(recordingParser([]), plans, MB);
    ahead.take(0);
    expect(() => ahead.take(0)).toThrow(/nothing to parse/);
  });
});
