import fs from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { z } from 'zod';
import { createGitStep } from '../../../src-main/core/git/checkpoint-commit';
import { openLog } from '../../../src-main/core/log/open-log';
import { STEPS, type PipelineEvent } from '../../../src-main/core/pipeline/events';
import { runExportDedup } from '../../../src-main/core/pipeline/export-dedup';
import { workspaceRunOptions } from '../../../src-main/core/pipeline/run-options';
import type { RunSummary } from '../../../src-main/core/pipeline/run-summary';
import { resolveWorkspace } from '../../../src-main/core/workspace/resolve-workspace';
import { events } from '../../../src-main/ipc/contract';
import { PIPELINE_STEPS, PipelineEventShape, RunSummaryShape } from '../../../src-main/ipc/contract-pipeline';
import { initRepo } from '../../helpers/git-repos';
import { FIXTURES, makeWorkspace, placeFile, rmWorkspace, type Workspace } from '../../helpers/workspace';

/** True only when A and B are the same type (each assignable to the other is not enough: optional fields). */
type Equal<A, B> = (<T>() => T extends A ? 1 : 2) extends <T>() => T extends B ? 1 : 2 ? true : false;

const spaces: Workspace[] = [];
afterEach(() => spaces.splice(0).forEach(rmWorkspace));

/** Removed when its import starts (see realRun): a file that vanishes mid-run fails alone. */
const VANISHING = 'vanishing-session.jsonl';

/**
 * A workspace whose runs meet most shapes: exports (one twice), transcripts (one that
 * vanishes mid-run), a link out of the searched places, a git repository to commit in.
 */
function busyWorkspace(): Workspace {
  const w = makeWorkspace();
  spaces.push(w);
  initRepo(w.master);
  placeFile(path.join(FIXTURES, 'export-v1-macos.txt'), path.join(w.home, 'Desktop', 'same-again.txt'));
  const vanishing = path.join(w.claudeProjects, '-home-user-gone', VANISHING);
  placeFile(path.join(FIXTURES, 'claude-projects', firstTranscript()), vanishing);
  const outside = path.join(w.base, 'outside');
  fs.mkdirSync(outside);
  fs.symlinkSync(outside, path.join(w.root, 'team-share'));
  return w;
}

function firstTranscript(): string {
  const dir = path.join(FIXTURES, 'claude-projects');
  const files = fs.readdirSync(dir, { recursive: true, encoding: 'utf8' });
  return files.filter((f) => f.endsWith('.jsonl')).sort()[0]!;
}

async function realRun(w: Workspace): Promise<{ summary: RunSummary; seen: PipelineEvent[] }> {
  const ws = resolveWorkspace({ root: w.root }, w.env);
  const log = openLog(ws.layout.logFile, { maxLines: 5000 });
  const seen: PipelineEvent[] = [];
  try {
    const summary = await runExportDedup({
      ...workspaceRunOptions(ws, { cwd: w.home, tmpdir: w.base }),
      includeTemp: false,
      includeTranscripts: true,
      git: createGitStep({ push: false, logger: log }),
      lockWaitMs: 0,
      settleMs: 0,
      logger: log,
      onEvent: (e) => {
        seen.push(e);
        if (e.type === 'file-started' && path.basename(e.path) === VANISHING) fs.rmSync(e.path);
      },
      command: 'contract test',
    });
    return { summary, seen };
  } finally {
    log.close();
  }
}

/** The contract cannot import the core (the sandboxed preload bundles it): its copies must match. */
describe('the pipeline contract mirrors the core', () => {
  it('types events and summaries as the core does, both ways (checked by tsc)', () => {
    const eventsMatch: Equal<z.output<typeof PipelineEventShape>, PipelineEvent> = true;
    const summariesMatch: Equal<z.output<typeof RunSummaryShape>, RunSummary> = true;
    expect([eventsMatch, summariesMatch]).toEqual([true, true]);
  });

  it('lists the steps in the core order', () => {
    expect([...PIPELINE_STEPS]).toEqual([...STEPS]);
  });

  it("carries a real run's events and summaries across unchanged", async () => {
    const w = busyWorkspace();
    const first = await realRun(w);
    const again = await realRun(w);
    for (const { summary, seen } of [first, again]) {
      // Parsing strips what the schema does not name: equality means nothing was lost or guessed.
      expect(RunSummaryShape.parse(summary)).toEqual(summary);
      expect(events['pipeline:done'].parse({ runId: 'r', summary }).summary).toEqual(summary);
      for (const event of seen) {
        expect(PipelineEventShape.parse(event)).toEqual(event);
        expect(events['pipeline:event'].parse({ runId: 'r', event }).event).toEqual(event);
      }
    }
    // The runs met the shapes worth checking (else the parses above proved little).
    const statuses = new Set([...first.summary.files, ...again.summary.files].map((f) => f.status));
    expect([...statuses].sort()).toEqual(['already-imported', 'failed', 'imported', 'unchanged']);
    expect(first.summary.archived.length).toBeGreaterThan(0);
    expect(first.summary.rawCopies.length).toBeGreaterThan(0);
    expect(first.summary.skippedLinks.length).toBeGreaterThan(0);
    expect(first.summary.checkpoint).not.toBeNull();
    expect('ok' in first.summary.git).toBe(true);
    expect(again.summary.git).toEqual({ skipped: 'nothing new to commit' });
    const types = new Set([...first.seen, ...again.seen].map((e) => e.type));
    expect(types).toEqual(
      new Set(['step-started', 'step-succeeded', 'step-skipped', 'file-started', 'file-done']),
    );
  });

  it('refuses an event the core never sends, naming the field', () => {
    const fieldOf = (event: unknown) => {
      const r = events['pipeline:event'].safeParse({ runId: 'r', event });
      return r.success ? null : r.error.issues.map((i) => i.path.join('.'));
    };
    expect(fieldOf({ type: 'step-started', step: 'bake' })).toEqual(['event.step']);
    expect(fieldOf({ type: 'step-succeeded', step: 'git', durationMs: '12', summary: 'ok' })).toEqual([
      'event.durationMs',
    ]);
    expect(
      fieldOf({ type: 'file-done', index: 0, total: 1, totals: { read: 1, newUnique: 1, duplicates: 0 } }),
    ).toEqual(['event.result']);
  });
});
