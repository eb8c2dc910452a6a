/**
 * A large import leaves three indexes out and its checkpoint builds them (bulk-indexes.ts); a run
 * that stops between the two builds them as it ends, so no store is left without them.
 */
import fs from 'node:fs';
import Database from 'better-sqlite3';
import { afterEach, describe, expect, it } from 'vitest';
import type { PipelineEvent } from '../../src-main/core/pipeline/events';
import { runInProcess } from '../helpers/in-process-run';
import { makeWorkspace, rmWorkspace, type Workspace } from '../helpers/workspace';

const spaces: Workspace[] = [];
afterEach(() => spaces.splice(0).forEach(rmWorkspace));

const LEFT_OUT = ['occurrences_checkpoint_order', 'occurrences_message', 'occurrences_session'];

describe('indexes a large import left out', () => {
  it('are built when the run stops after the import and before its checkpoint', async () => {
    const w = makeWorkspace();
    spaces.push(w);
    const { summary, ws } = await runInProcess(w, {
      // The caller's event sink failing as the archive step starts: the run stops there.
      onEvent: (e: PipelineEvent) => {
        if (e.type === 'step-started' && e.step === 'archive') throw new Error('the window closed');
      },
    });
    expect(summary.outcome).toBe('failed');
    expect(summary.checkpoint).toBeNull();
    expect(summary.counts.read).toBeGreaterThan(0);
    const db = new Database(ws.layout.storeFile, { readonly: true });
    const names = db
      .prepare(
        "SELECT name FROM sqlite_master WHERE type = 'index' AND tbl_name = 'occurrences' ORDER BY name",
      )
      .pluck()
      .all();
    const pending = db.prepare('SELECT COUNT(*) FROM occurrences WHERE checkpoint_id IS NULL').pluck().get();
    db.close();
    expect(names).toEqual(expect.arrayContaining(LEFT_OUT));
    // The imported rows wait for the next run's checkpoint, as after any stop.
    expect(pending).toBeGreaterThan(0);
    const text = fs.readFileSync(ws.layout.logFile, 'utf8');
    expect(text).toMatch(/\[import\] indexes .* left out during this import/);
    expect(text).toMatch(
      /\[run\] built the indexes occurrences_checkpoint_order, occurrences_session, occurrences_message the import had left out/,
    );
  });
});
