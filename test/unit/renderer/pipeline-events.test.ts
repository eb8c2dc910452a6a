/** The dashboard's run progress, folded from `pipeline:event`s as the contract types them. */
import { describe, expect, it } from 'vitest';
import type { PipelineEvent } from '../../../src-renderer/bridge/types';
import {
  applyPipelineEvent,
  useDashboard,
  type RunState,
} from '../../../src-renderer/features/dashboard/store';

const fresh = (): RunState => useDashboard.getState().run;
const fold = (events: PipelineEvent[], runId = 'run-1', start = fresh()) =>
  events.reduce((r, e) => applyPipelineEvent(r, runId, e), start);

const counts = { read: 12, newUnique: 9, duplicates: 3 };

describe('applyPipelineEvent', () => {
  it('follows the steps and the files of a run, failures named', () => {
    const r = fold([
      { type: 'step-started', step: 'discover' },
      { type: 'step-succeeded', step: 'discover', durationMs: 42, summary: '2 exports' },
      { type: 'step-started', step: 'import' },
      { type: 'file-started', index: 0, total: 2, path: '/d/a.txt', bytes: 100 },
      {
        type: 'file-done',
        index: 0,
        total: 2,
        result: { status: 'imported', path: '/d/a.txt', kind: 'export', sourceId: 1, counts, notes: [] },
        totals: counts,
      },
      { type: 'file-started', index: 1, total: 2, path: '/d/b.txt', bytes: 50 },
      {
        type: 'file-done',
        index: 1,
        total: 2,
        result: { status: 'failed', path: '/d/b.txt', kind: 'export', reason: 'not an export' },
        totals: counts,
      },
      { type: 'step-skipped', step: 'git', reason: '--no-git' },
    ]);
    expect(r.runId).toBe('run-1');
    expect(r.running).toBe(true);
    expect(r.steps.discover).toEqual({ status: 'succeeded', durationMs: 42, detail: '2 exports' });
    expect(r.steps.import.status).toBe('running');
    expect(r.steps.git).toEqual({ status: 'skipped', detail: '--no-git' });
    expect([r.filesDone, r.filesTotal]).toEqual([2, 2]);
    expect(r.totals).toEqual(counts);
    expect(r.failedFiles).toEqual([{ path: '/d/b.txt', reason: 'not an export' }]);
    expect(r.file).toMatchObject({ path: '/d/b.txt', done: true, status: 'failed', bytes: 50 });
  });

  it('says on the discover step that an explicit run waits for exports still being written', () => {
    const r = fold([{ type: 'waiting-for-writes', paths: ['/d/a.txt', '/d/b.txt'], maxMs: 15_000 }]);
    expect(r.steps.discover).toEqual({
      status: 'running',
      detail: 'waiting up to 15 s for 2 exports still being written',
    });
  });

  it('starts from a clean slate when another run (auto-import) sends events', () => {
    const first = fold([{ type: 'step-failed', step: 'import', durationMs: 5, error: 'disk full' }]);
    const other = fold([{ type: 'step-started', step: 'preflight' }], 'run-2', first);
    expect(other.runId).toBe('run-2');
    expect(other.steps.import.status).toBe('pending');
    expect(other.steps.preflight.status).toBe('running');
  });
});
