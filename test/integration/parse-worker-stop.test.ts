/** The run lets its parse worker go as soon as nothing is left to parse (issue 16: memory at the checkpoint's peak). */
import { afterEach, describe, expect, it } from 'vitest';
import type { PipelineEvent } from '../../src-main/core/pipeline/events';
import type { SourceParser } from '../../src-main/core/pipeline/source-parser';
import { WorkerParser } from '../../src-main/node/worker-parser';
import { runInProcess } from '../helpers/in-process-run';
import { makeWorkspace, rmWorkspace, type Workspace } from '../helpers/workspace';

const spaces: Workspace[] = [];
afterEach(() => spaces.splice(0).forEach(rmWorkspace));

describe('the parse worker of a run', () => {
  it('is stopped once the import step is done, before the checkpoint is written', async () => {
    const w = makeWorkspace();
    spaces.push(w);
    const started: string[] = [];
    const closedAfter: string[][] = [];
    const createParser = (): SourceParser => {
      const real = WorkerParser.create({ ...process.env, CODITECT_PARSE_WORKER: '1' });
      return {
        events: (job) => real.events(job),
        warmUp: () => real.warmUp?.(),
        describe: () => real.describe(),
        close: () => {
          closedAfter.push([...started]);
          return real.close();
        },
      };
    };
    const { summary } = await runInProcess(w, {
      createParser,
      onEvent: (e: PipelineEvent) => {
        if (e.type === 'step-started') started.push(e.step);
      },
    });
    expect(summary.outcome).toBe('done');
    expect(summary.counts.read).toBeGreaterThan(0);
    // First closed right after the import step (the steps started by then end with it).
    expect(closedAfter[0]!.at(-1)).toBe('import');
    expect(started).toContain('checkpoint');
  });
});
